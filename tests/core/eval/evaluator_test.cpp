// The evaluator's ranking logic, driven by a scripted Recommender whose scores the test chooses:
// a test double for the models, so masking and tie rules are checked against known answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "eval/evaluator.h"

using namespace rs;
using eval::TieRule;

namespace {

// Scores come from a table score(user, item); -1 users (unknown) get row 0.
class ScriptedScorer final : public models::Recommender {
public:
    using ScoreFn = std::function<float(int32_t user, int32_t item)>;
    explicit ScriptedScorer(ScoreFn fn) : fn_(std::move(fn)) {}

    std::string name() const override { return "scripted"; }
    nlohmann::json params() const override { return {{"kind", "table"}}; }
    util::Status fit(const data::Dataset& train, const util::Task&) override {
        numItems_ = train.numItems();
        return {};
    }
    void scoreBatch(std::span<const models::UserQuery> queries, std::span<float> out) const override {
        calls_.fetch_add(1);
        if (onBatch) onBatch();
        for (size_t q = 0; q < queries.size(); ++q)
            for (int32_t i = 0; i < numItems_; ++i)
                out[q * static_cast<size_t>(numItems_) + static_cast<size_t>(i)] = fn_(queries[q].user, i);
    }
    util::Status save(std::ostream&) const override { return {}; }
    util::Status load(std::istream&) override { return {}; }

    int calls() const { return calls_.load(); }
    std::function<void()> onBatch;  // called from worker threads

private:
    ScoreFn fn_;
    mutable std::atomic<int> calls_{0};
};

std::string id(int x) {
    return std::to_string(x);
}

// train: user u has items known[u]; test: user u has items held[u]. Both share id spaces.
struct Fixture {
    data::Dataset train, test;
};
Fixture makeData(int32_t numItems, const std::vector<std::vector<int32_t>>& known,
                 const std::vector<std::vector<int32_t>>& held) {
    auto build = [&](const std::vector<std::vector<int32_t>>& rows) {
        data::DatasetBuilder b;
        for (int32_t i = 0; i < numItems; ++i) b.addItem(id(i));
        for (size_t u = 0; u < known.size(); ++u) b.addUser(id(static_cast<int>(u)));
        for (size_t u = 0; u < rows.size(); ++u)
            for (int32_t i : rows[u]) b.add(id(static_cast<int>(u)), id(i));
        return std::move(b).build();
    };
    return {build(known), build(held)};
}

eval::EvalOptions opts(TieRule rule, int threads = 1) {
    eval::EvalOptions o;
    o.tieRule = rule;
    o.threads = threads;
    o.bootstrapSamples = 0;
    return o;
}

std::vector<int64_t> ranksOf(const models::Recommender& m, const Fixture& f, const eval::EvalOptions& o, int32_t user) {
    auto r = eval::rankHeldOut(m, f.train, f.test, o, {});
    EXPECT_TRUE(r.isOk()) << r.message();
    if (!r) return {};
    for (const auto& u : *r)
        if (u.user == user) return u.ranks;
    ADD_FAILURE() << "user " << user << " not evaluated";
    return {};
}

// Reference ranking written the slow, obvious way: sort all candidates.
std::vector<int64_t> bruteForceRanks(const std::vector<float>& s, const std::vector<int32_t>& known,
                                     const std::vector<int32_t>& held, bool pessimistic) {
    std::vector<int64_t> ranks;
    for (int32_t t : held) {
        int64_t rank = 1;
        for (int32_t j = 0; j < static_cast<int32_t>(s.size()); ++j) {
            bool masked = std::find(known.begin(), known.end(), j) != known.end() &&
                          std::find(held.begin(), held.end(), j) == held.end();
            if (masked || j == t) continue;
            if (s[j] > s[t] || (pessimistic && s[j] == s[t])) ++rank;
        }
        ranks.push_back(rank);
    }
    return ranks;
}

}  // namespace

TEST(Evaluator, TrainItemsAreMaskedFromTheRanking) {
    // Items 0 and 1 (known) score highest; the held-out item 2 is next, so it ranks first.
    auto f = makeData(6, {{0, 1}}, {{2}});
    ScriptedScorer m([](int32_t, int32_t i) { return std::vector<float>{10, 9, 5, 4, 3, 2}[i]; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{1});
    // An unmasked item that scores higher does push it down.
    auto g = makeData(6, {{0}}, {{2}});
    EXPECT_EQ(ranksOf(m, g, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{2});
}

TEST(Evaluator, EachTieRuleHandlesTiedCandidates) {
    // Held-out item 3 scores 5; items 1 and 2 also score 5, item 0 scores 7, item 4 is known.
    auto f = makeData(6, {{4}}, {{3}});
    ScriptedScorer m([](int32_t, int32_t i) { return std::vector<float>{7, 5, 5, 5, 9, 1}[i]; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{4});
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Optimistic), 0), std::vector<int64_t>{2});
    const auto r = ranksOf(m, f, opts(TieRule::Random), 0);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_GE(r[0], 2);
    EXPECT_LE(r[0], 4);
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Random), 0), r) << "random ties must be reproducible for a seed";
}

TEST(Evaluator, RandomTieRuleSpreadsOverTheTiedRange) {
    // 200 users, constant scores: a held-out item ties with 49 others (50 items, none known).
    std::vector<std::vector<int32_t>> known(200), held(200);
    for (int u = 0; u < 200; ++u) held[u] = {u % 50};
    auto f = makeData(50, known, held);
    ScriptedScorer m([](int32_t, int32_t) { return 1.0f; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    auto r = eval::rankHeldOut(m, f.train, f.test, opts(TieRule::Random), {});
    ASSERT_TRUE(r.isOk()) << r.message();
    int64_t lo = 1000, hi = 0;
    double sum = 0;
    for (const auto& u : *r) {
        lo = std::min(lo, u.ranks[0]);
        hi = std::max(hi, u.ranks[0]);
        sum += static_cast<double>(u.ranks[0]);
    }
    EXPECT_GE(lo, 1);
    EXPECT_LE(hi, 50);
    EXPECT_LT(lo, 10);
    EXPECT_GT(hi, 40);
    EXPECT_NEAR(sum / 200.0, 25.5, 4.0);  // uniform over 1..50
    // A different seed gives different draws.
    auto o = opts(TieRule::Random);
    o.seed = 7;
    auto r2 = eval::rankHeldOut(m, f.train, f.test, o, {});
    ASSERT_TRUE(r2.isOk());
    int differ = 0;
    for (size_t k = 0; k < r->size(); ++k) differ += (*r)[k].ranks != (*r2)[k].ranks;
    EXPECT_GT(differ, 100);
}

TEST(Evaluator, ConstantScorerIsWorstUnderPessimisticAndBestUnderOptimistic) {
    auto f = makeData(20, {{0, 1, 2}}, {{7}});
    ScriptedScorer m([](int32_t, int32_t) { return 0.0f; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{17});  // 20 - 3 known
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Optimistic), 0), std::vector<int64_t>{1});
}

TEST(Evaluator, NanScoresRankLast) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    auto f = makeData(4, {{}}, {{1}});
    ScriptedScorer m([nan](int32_t, int32_t i) { return std::vector<float>{nan, 0.5f, nan, 0.2f}[i]; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{1});
    auto g = makeData(4, {{}}, {{0}});
    EXPECT_EQ(ranksOf(m, g, opts(TieRule::Optimistic), 0), std::vector<int64_t>{3});
    EXPECT_EQ(ranksOf(m, g, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{4});
}

TEST(Evaluator, RepeatedItemStaysACandidate) {
    // Item 2 is both in train and held out (a repeat): it must stay rankable, not be masked away.
    auto f = makeData(5, {{1, 2}}, {{2}});
    ScriptedScorer m([](int32_t, int32_t i) { return std::vector<float>{1, 9, 8, 3, 2}[i]; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    EXPECT_EQ(ranksOf(m, f, opts(TieRule::Pessimistic), 0), std::vector<int64_t>{1});
}

TEST(Evaluator, MatchesBruteForceOnRandomTiedScores) {
    // Integer scores in 0..4 over 40 items make many ties; several held-out items per user.
    const int32_t numUsers = 60, numItems = 40;
    std::mt19937 rng(123);
    std::vector<std::vector<float>> table(numUsers, std::vector<float>(numItems));
    std::vector<std::vector<int32_t>> known(numUsers), held(numUsers);
    for (int32_t u = 0; u < numUsers; ++u) {
        for (auto& v : table[u]) v = static_cast<float>(rng() % 5);
        std::vector<int32_t> perm(numItems);
        std::iota(perm.begin(), perm.end(), 0);
        std::shuffle(perm.begin(), perm.end(), rng);
        const int nk = static_cast<int>(rng() % 10), nh = 1 + static_cast<int>(rng() % 4);
        known[u].assign(perm.begin(), perm.begin() + nk);
        held[u].assign(perm.begin() + nk, perm.begin() + nk + nh);
    }
    held[5].clear();  // a user without held-out items is not evaluated
    auto f = makeData(numItems, known, held);
    ScriptedScorer m([&](int32_t u, int32_t i) { return table[u][i]; });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    for (bool pessimistic : {true, false}) {
        auto r =
            eval::rankHeldOut(m, f.train, f.test, opts(pessimistic ? TieRule::Pessimistic : TieRule::Optimistic), {});
        ASSERT_TRUE(r.isOk()) << r.message();
        ASSERT_EQ(r->size(), static_cast<size_t>(numUsers - 1));
        for (const auto& ur : *r) {
            // Held-out items come back in the test set's (time, then file) order, as built.
            const auto& h = held[ur.user];
            EXPECT_EQ(ur.ranks, bruteForceRanks(table[ur.user], known[ur.user], h, pessimistic))
                << "user " << ur.user << (pessimistic ? " pessimistic" : " optimistic");
        }
    }
}

TEST(Evaluator, MultiThreadedResultEqualsSingleThreaded) {
    const int32_t numUsers = 500, numItems = 64;
    std::vector<std::vector<int32_t>> known(numUsers), held(numUsers);
    for (int32_t u = 0; u < numUsers; ++u) {
        known[u] = {u % numItems, (u * 7 + 1) % numItems};
        held[u] = {(u * 13 + 5) % numItems};
        if (held[u][0] == known[u][0] || held[u][0] == known[u][1]) held[u][0] = (held[u][0] + 3) % numItems;
    }
    auto f = makeData(numItems, known, held);
    ScriptedScorer m([](int32_t u, int32_t i) { return static_cast<float>((u * 31 + i * 17) % 23); });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    for (TieRule rule : {TieRule::Pessimistic, TieRule::Random}) {
        auto o1 = opts(rule, 1);
        o1.batchSize = 256;
        auto o4 = opts(rule, 4);
        o4.batchSize = 7;
        auto r1 = eval::rankHeldOut(m, f.train, f.test, o1, {});
        auto r4 = eval::rankHeldOut(m, f.train, f.test, o4, {});
        ASSERT_TRUE(r1.isOk() && r4.isOk());
        ASSERT_EQ(r1->size(), r4->size());
        for (size_t k = 0; k < r1->size(); ++k) {
            EXPECT_EQ((*r1)[k].user, (*r4)[k].user);
            EXPECT_EQ((*r1)[k].ranks, (*r4)[k].ranks);
        }
        EXPECT_EQ(eval::meanMetrics(*r1, {10}), eval::meanMetrics(*r4, {10}));
    }
    EXPECT_GE(m.calls(), 2 + 500 / 7);  // the small batch size really split the work
}

TEST(Evaluator, ReportsProgressUpToOne) {
    auto f = makeData(10, std::vector<std::vector<int32_t>>(30), std::vector<std::vector<int32_t>>(30, {3}));
    ScriptedScorer m([](int32_t, int32_t i) { return static_cast<float>(i); });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    std::mutex mu;
    std::vector<double> seen;
    util::Task task;
    task.progress = [&](double frac, std::string_view) {
        std::lock_guard lock(mu);
        seen.push_back(frac);
    };
    auto o = opts(TieRule::Pessimistic, 2);
    o.batchSize = 4;
    auto r = eval::rankHeldOut(m, f.train, f.test, o, task);
    ASSERT_TRUE(r.isOk());
    ASSERT_EQ(seen.size(), 8u);  // ceil(30 / 4) batches
    EXPECT_DOUBLE_EQ(*std::max_element(seen.begin(), seen.end()), 1.0);
    for (double s : seen) EXPECT_GT(s, 0.0);
}

TEST(Evaluator, CancellationStopsBetweenBatches) {
    auto f = makeData(10, std::vector<std::vector<int32_t>>(100), std::vector<std::vector<int32_t>>(100, {3}));
    ScriptedScorer m([](int32_t, int32_t i) { return static_cast<float>(i); });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    util::Task task;
    m.onBatch = [&task] { task.cancel.cancel(); };  // cancel during the first batch
    auto o = opts(TieRule::Pessimistic, 2);
    o.batchSize = 5;
    auto r = eval::rankHeldOut(m, f.train, f.test, o, task);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "cancelled");
    EXPECT_LE(m.calls(), 2);  // each worker finishes at most the batch it had started

    util::Task already;
    already.cancel.cancel();
    auto r2 = eval::evaluateModel(m, f.train, f.test, o, already);
    ASSERT_FALSE(r2.isOk());
    EXPECT_EQ(r2.message(), "cancelled");
}

TEST(Evaluator, RejectsMismatchedIdSpacesAndUnfittedModels) {
    auto f = makeData(6, {{0}}, {{2}});
    auto g = makeData(7, {{0}}, {{2}});
    ScriptedScorer m([](int32_t, int32_t) { return 0.0f; });
    auto unfitted = eval::rankHeldOut(m, f.train, f.test, opts(TieRule::Pessimistic), {});
    ASSERT_FALSE(unfitted.isOk());
    EXPECT_NE(unfitted.message().find("scripted"), std::string::npos) << unfitted.message();
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    auto mismatch = eval::rankHeldOut(m, f.train, g.test, opts(TieRule::Pessimistic), {});
    ASSERT_FALSE(mismatch.isOk());
    EXPECT_NE(mismatch.message().find("id spaces"), std::string::npos) << mismatch.message();
    auto o = opts(TieRule::Pessimistic);
    o.ks = {0};
    EXPECT_FALSE(eval::rankHeldOut(m, f.train, f.test, o, {}).isOk());
}

TEST(Evaluator, MeansAndBootstrapIntervals) {
    // Ranks 1, 3, 20, 11 for four single-item users: Recall@10 = 2/4, MRR@10 = (1 + 1/3) / 4.
    std::vector<eval::UserRanks> per{{0, {1}}, {1, {3}}, {2, {20}}, {3, {11}}};
    auto m = eval::meanMetrics(per, {10});
    EXPECT_DOUBLE_EQ(m.at("recall@10"), 0.5);
    EXPECT_DOUBLE_EQ(m.at("hitrate@10"), 0.5);
    EXPECT_NEAR(m.at("mrr@10"), (1.0 + 1.0 / 3.0) / 4.0, 1e-12);
    EXPECT_NEAR(m.at("ndcg@10"), (1.0 + 0.5) / 4.0, 1e-12);
    EXPECT_EQ(m.size(), 4u);

    auto ci = eval::bootstrapCi95(per, {10}, 500, 1);
    ASSERT_EQ(ci.size(), 4u);
    for (const auto& [name, lohi] : ci) {
        EXPECT_LE(lohi.first, m.at(name)) << name;
        EXPECT_GE(lohi.second, m.at(name)) << name;
        EXPECT_LT(lohi.first, lohi.second) << name;  // four users disagree, so the interval is wide
        EXPECT_GE(lohi.first, 0.0);
        EXPECT_LE(lohi.second, 1.0);
    }
    EXPECT_EQ(ci, eval::bootstrapCi95(per, {10}, 500, 1));
    EXPECT_TRUE(eval::bootstrapCi95(per, {10}, 0, 1).empty());
}

TEST(Evaluator, EvaluateModelFillsTheResult) {
    auto f = makeData(6, {{0}, {1}}, {{2}, {5}});
    ScriptedScorer m([](int32_t, int32_t i) { return static_cast<float>(10 - i); });
    ASSERT_TRUE(m.fit(f.train, {}).isOk());
    auto o = opts(TieRule::Pessimistic);
    o.ks = {1, 5};
    o.bootstrapSamples = 100;
    auto r = eval::evaluateModel(m, f.train, f.test, o, {});
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->model, "scripted");
    EXPECT_EQ(r->params, (nlohmann::json{{"kind", "table"}}));
    EXPECT_EQ(r->users, 2);
    // user 0: item 2 is behind only item 1 -> rank 2; user 1: item 5 behind 0, 2, 3, 4 -> rank 5.
    ASSERT_EQ(r->perUser.size(), 2u);
    EXPECT_EQ(r->perUser[0].ranks, std::vector<int64_t>{2});
    EXPECT_EQ(r->perUser[1].ranks, std::vector<int64_t>{5});
    EXPECT_DOUBLE_EQ(r->metrics.at("recall@1"), 0.0);
    EXPECT_DOUBLE_EQ(r->metrics.at("recall@5"), 1.0);
    EXPECT_NEAR(r->metrics.at("mrr@5"), (0.5 + 0.2) / 2.0, 1e-12);
    EXPECT_EQ(r->ci95.size(), 8u);
    EXPECT_GE(r->evalSeconds, 0.0);
}

TEST(TieRule, NamesRoundTrip) {
    for (TieRule t : {TieRule::Pessimistic, TieRule::Optimistic, TieRule::Random})
        EXPECT_EQ(eval::tieRuleFromName(eval::tieRuleName(t)), t);
    EXPECT_FALSE(eval::tieRuleFromName("average").has_value());
}
