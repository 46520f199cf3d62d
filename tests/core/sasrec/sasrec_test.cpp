// SASRec on tiny synthetic sequences (trains in seconds): learns a deterministic successor,
// reproducible for a seed, persists exactly, stops on cancel, keeps the best validation epoch and
// rejects bad parameters by name. Kept in its own test executable so the torch-heavy tests do
// not lengthen the classic models' run.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <sstream>

#include "core/models/modeltesthelpers.h"
#include "data/split.h"
#include "eval/evaluator.h"
#include "sasrec/sasrec.h"

using namespace rs;

namespace {

constexpr int kItems = 24;

// Every user walks the cycle 0 → 1 → … → 23 → 0 from its own start for 6–13 steps, so the next
// item is always (last + 1) mod 24.
data::Dataset cycleDataset(int users = 120) {
    std::vector<std::pair<int, int>> p;
    for (int u = 0; u < users; ++u) {
        const int start = (u * 7) % kItems, len = 6 + (u % 8);
        for (int k = 0; k < len; ++k) p.emplace_back(u, (start + k) % kItems);
    }
    return test::makeDataset(kItems, p);
}

models::Params fastParams(const std::string& loss = "ce") {
    return {{"maxlen", "8"}, {"dim", "32"},    {"blocks", "1"},    {"heads", "2"}, {"dropout", "0.1"}, {"lr", "0.01"},
            {"batch", "32"}, {"epochs", "40"}, {"patience", "40"}, {"loss", loss}, {"threads", "1"}};
}

std::vector<float> scoreHistories(const models::Recommender& m, const std::vector<std::vector<int32_t>>& hs) {
    std::vector<models::UserQuery> qs;
    for (const auto& h : hs) qs.push_back({-1, h});
    std::vector<float> out(qs.size() * static_cast<size_t>(m.numItems()));
    m.scoreBatch(qs, out);
    return out;
}

// Histories of 5 consecutive items ending at every item of the cycle.
std::vector<std::vector<int32_t>> probeHistories() {
    std::vector<std::vector<int32_t>> hs;
    for (int last = 0; last < kItems; ++last) {
        std::vector<int32_t> h;
        for (int k = 4; k >= 0; --k) h.push_back((last - k + kItems) % kItems);
        hs.push_back(h);
    }
    return hs;
}

}  // namespace

class SasRecLoss : public ::testing::TestWithParam<std::string> {};

TEST_P(SasRecLoss, LearnsTheNextItemOfACycle) {
    auto d = cycleDataset();
    auto p = fastParams(GetParam());
    auto m = test::makeModel("sasrec", p);
    auto st = m->fit(d, {});
    ASSERT_TRUE(st.isOk()) << st.message();
    const auto hs = probeHistories();
    const auto scores = scoreHistories(*m, hs);
    // Rank of the true next item among the items not in the probe history.
    int top1 = 0, top3 = 0;
    for (size_t q = 0; q < hs.size(); ++q) {
        std::span<const float> row(scores.data() + q * kItems, kItems);
        const int32_t next = (hs[q].back() + 1) % kItems;
        int rank = 1;
        for (int32_t i = 0; i < kItems; ++i)
            if (std::find(hs[q].begin(), hs[q].end(), i) == hs[q].end() && row[i] >= row[next] && i != next) ++rank;
        top1 += rank == 1;
        top3 += rank <= 3;
    }
    EXPECT_GE(top3, 23) << "of " << hs.size() << " histories, loss " << GetParam();
    // bce (one sampled negative per position, a weak signal) gets the true item near the top but
    // validation NDCG@10 saturates before it is first everywhere (measured: 17 of 24 first).
    if (GetParam() != "bce") {
        EXPECT_GE(top1, 22) << "of " << hs.size() << " histories, loss " << GetParam();
    }
    auto& summary = static_cast<const models::SasRec&>(*m).fitSummary();
    EXPECT_GT(summary.bestValNdcg10, 0.9);
}

INSTANTIATE_TEST_SUITE_P(Losses, SasRecLoss, ::testing::Values("ce", "bce", "sampled"));

TEST(SasRec, SameSeedGivesIdenticalScoresAndAnotherSeedDoesNot) {
    auto d = cycleDataset(60);
    auto p = fastParams();
    p["epochs"] = "5";
    std::vector<std::vector<float>> runs;
    for (const char* seed : {"7", "7", "8"}) {
        p["seed"] = seed;
        auto m = test::makeModel("sasrec", p);
        ASSERT_TRUE(m->fit(d, {}).isOk());
        runs.push_back(test::scoreAll(*m, d));
    }
    EXPECT_EQ(runs[0], runs[1]);
    EXPECT_NE(runs[0], runs[2]);
}

TEST(SasRec, SaveLoadRoundTripGivesIdenticalScores) {
    auto d = cycleDataset(60);
    auto p = fastParams("sampled");
    p["epochs"] = "3";
    p["negatives"] = "10";
    auto m = test::makeModel("sasrec", p);
    ASSERT_TRUE(m->fit(d, {}).isOk());
    std::stringstream buf;
    ASSERT_TRUE(m->save(buf).isOk());
    auto loaded = test::makeModel("sasrec");
    auto st = loaded->load(buf);
    ASSERT_TRUE(st.isOk()) << st.message();
    EXPECT_EQ(loaded->params(), m->params());
    EXPECT_EQ(loaded->numItems(), kItems);
    EXPECT_EQ(loaded->itemVectors(), m->itemVectors());
    EXPECT_EQ(static_cast<int>(m->itemVectors().size()), kItems * 32);
    EXPECT_EQ(test::scoreAll(*loaded, d), test::scoreAll(*m, d));

    const std::string bytes = buf.str();
    std::stringstream truncated(bytes.substr(0, bytes.size() - 5));
    EXPECT_FALSE(test::makeModel("sasrec")->load(truncated).isOk());
    std::stringstream garbage("not a model");
    EXPECT_FALSE(test::makeModel("sasrec")->load(garbage).isOk());
    std::stringstream asEase(bytes);
    auto wrong = test::makeModel("ease")->load(asEase);
    ASSERT_FALSE(wrong.isOk());
    EXPECT_NE(wrong.message().find("sasrec"), std::string::npos) << wrong.message();
    std::stringstream unfitted;
    EXPECT_FALSE(test::makeModel("sasrec")->save(unfitted).isOk());
}

TEST(SasRec, ScoresDependOnTheHistoryOnly) {
    auto d = cycleDataset(60);
    auto p = fastParams();
    p["epochs"] = "2";
    auto m = test::makeModel("sasrec", p);
    ASSERT_TRUE(m->fit(d, {}).isOk());
    const std::vector<int32_t> h{3, 4, 5};
    const std::vector<int32_t> noisy{3, -1, 4, 999, 5};  // out-of-range ids are skipped
    const std::vector<int32_t> empty;
    std::vector<models::UserQuery> qs{{-1, h}, {5, h}, {-1, noisy}, {-1, empty}};
    std::vector<float> out(qs.size() * kItems);
    m->scoreBatch(qs, out);
    const auto row = [&](size_t q) {
        return std::vector<float>(out.begin() + q * kItems, out.begin() + (q + 1) * kItems);
    };
    // Same tokens in another row of the batch: BLAS kernels may round the last bit differently.
    for (int i = 0; i < kItems; ++i) {
        EXPECT_NEAR(row(0)[i], row(1)[i], 1e-5f);
        EXPECT_NEAR(row(0)[i], row(2)[i], 1e-5f);
    }
    for (float v : row(3)) EXPECT_TRUE(std::isfinite(v));
}

TEST(SasRec, KeepsTheBestValidationEpochAndStopsEarly) {
    auto d = cycleDataset();
    auto p = fastParams();
    p["epochs"] = "500";
    p["patience"] = "3";
    auto m = test::makeModel("sasrec", p);
    ASSERT_TRUE(m->fit(d, {}).isOk());
    const auto& s = static_cast<const models::SasRec&>(*m).fitSummary();
    EXPECT_LT(s.epochsRun, 500);
    EXPECT_EQ(s.epochsRun, s.bestEpoch + 3);
    // The kept weights are the best epoch's: re-ranking the validation items reproduces its NDCG.
    const auto split = data::splitLeaveOneOut(d);
    eval::EvalOptions o;
    o.ks = {10};
    o.bootstrapSamples = 0;
    auto ranks = eval::rankHeldOut(*m, split.train, split.test, o, {});
    ASSERT_TRUE(ranks.isOk()) << ranks.message();
    EXPECT_DOUBLE_EQ(eval::meanMetrics(*ranks, {10})["ndcg@10"], s.bestValNdcg10);
}

TEST(SasRec, ReportsEveryEpochAndCancelStopsFit) {
    auto d = cycleDataset();
    auto p = fastParams();
    p["epochs"] = "3";
    auto m = test::makeModel("sasrec", p);
    util::Task task;
    std::vector<std::string> stages;
    std::vector<double> fractions;
    task.progress = [&](double f, std::string_view stage) {
        fractions.push_back(f);
        stages.emplace_back(stage);
    };
    ASSERT_TRUE(m->fit(d, task).isOk());
    ASSERT_GE(stages.size(), 3u);
    EXPECT_NE(stages[0].find("epoch 1/3"), std::string::npos) << stages[0];
    EXPECT_NE(stages[0].find("loss"), std::string::npos) << stages[0];
    EXPECT_NE(stages[0].find("ndcg@10"), std::string::npos) << stages[0];
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);

    p["epochs"] = "1000";
    auto slow = test::makeModel("sasrec", p);
    util::Task cancelling;
    std::atomic<int> reports{0};
    cancelling.progress = [&](double, std::string_view) {
        ++reports;
        cancelling.cancel.cancel();
    };
    auto st = slow->fit(d, cancelling);
    ASSERT_FALSE(st.isOk());
    EXPECT_EQ(st.message(), "cancelled");
    EXPECT_EQ(reports.load(), 1);
}

TEST(SasRec, BadParametersAreNamed) {
    struct Case {
        models::Params params;
        std::string needle;
    };
    for (const auto& c : std::vector<Case>{{{{"loss", "hinge"}}, "bce, ce, sampled"},
                                           {{{"dim", "30"}, {"heads", "4"}}, "divisible by 'heads'"},
                                           {{{"dim", "32"}, {"hidden", "32"}}, "alias"},
                                           {{{"dropout", "1.5"}}, "dropout"},
                                           {{{"maxlen", "0"}}, "maxlen"},
                                           {{{"negatives", "x"}}, "negatives"},
                                           {{{"heads", "2"}, {"layers", "2"}}, "unknown parameter 'layers'"}}) {
        auto m = models::createRecommender("sasrec", c.params);
        ASSERT_FALSE(m.isOk()) << c.needle;
        EXPECT_NE(m.message().find("sasrec"), std::string::npos) << m.message();
        EXPECT_NE(m.message().find(c.needle), std::string::npos) << m.message();
    }
    auto ok = models::createRecommender("sasrec", {{"hidden", "48"}, {"heads", "3"}});
    ASSERT_TRUE(ok.isOk()) << ok.message();
    EXPECT_EQ((*ok)->params()["dim"], 48);
}
