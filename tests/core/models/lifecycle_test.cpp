// Save/load round trips, determinism across thread counts, progress and cancellation.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <sstream>

#include "modeltesthelpers.h"

using namespace rs;

namespace {
const std::vector<std::string> kAll = {"pop", "itemknn", "ease", "als", "bpr"};

models::Params fastParams(const std::string& name) {
    if (name == "als") return {{"iterations", "4"}, {"factors", "8"}};
    if (name == "bpr") return {{"epochs", "4"}, {"factors", "8"}, {"batch", "256"}};
    return {};
}
}  // namespace

class EveryModel : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryModel, SaveLoadRoundTripGivesIdenticalScores) {
    auto d = test::randomDataset(80, 30, 6);
    auto m = test::makeModel(GetParam(), fastParams(GetParam()));
    ASSERT_TRUE(m->fit(d, {}).isOk());
    std::stringstream buf;
    ASSERT_TRUE(m->save(buf).isOk());

    auto loaded = test::makeModel(GetParam());
    buf.seekg(0);
    auto st = loaded->load(buf);
    ASSERT_TRUE(st.isOk()) << st.message();
    EXPECT_EQ(loaded->numItems(), m->numItems());
    EXPECT_EQ(loaded->params(), m->params());
    EXPECT_EQ(loaded->itemVectors(), m->itemVectors());

    // Known users and one unknown user (fold-in path).
    const std::vector<int32_t> h{1, 4, 9};
    std::vector<models::UserQuery> q{{0, d.userItems(0)}, {17, d.userItems(17)}, {-1, h}};
    std::vector<float> a(q.size() * 30), b(q.size() * 30);
    m->scoreBatch(q, a);
    loaded->scoreBatch(q, b);
    EXPECT_EQ(a, b);
}

TEST_P(EveryModel, LoadRejectsForeignAndDamagedFiles) {
    auto d = test::randomDataset(30, 12, 4);
    auto m = test::makeModel(GetParam(), fastParams(GetParam()));
    ASSERT_TRUE(m->fit(d, {}).isOk());
    std::stringstream good;
    ASSERT_TRUE(m->save(good).isOk());
    const std::string bytes = good.str();

    std::stringstream garbage("definitely not a model file");
    EXPECT_FALSE(test::makeModel(GetParam())->load(garbage).isOk());

    std::stringstream truncated(bytes.substr(0, bytes.size() - 3));
    auto st = test::makeModel(GetParam())->load(truncated);
    EXPECT_FALSE(st.isOk());

    // A file of another model is refused by name.
    const std::string other = GetParam() == "pop" ? "ease" : "pop";
    std::stringstream same(bytes);
    auto wrong = test::makeModel(other)->load(same);
    ASSERT_FALSE(wrong.isOk());
    EXPECT_NE(wrong.message().find(GetParam()), std::string::npos) << wrong.message();
}

TEST_P(EveryModel, SameSeedGivesIdenticalScoresWithOneOrTwoThreads) {
    // Large enough that every model splits its work into several chunks per thread.
    auto d = test::randomDataset(300, 400, 12);
    std::vector<std::vector<float>> runs;
    for (const char* threads : {"1", "2", "2"}) {
        auto p = fastParams(GetParam());
        p["threads"] = threads;
        auto m = test::makeModel(GetParam(), p);
        ASSERT_TRUE(m->fit(d, {}).isOk());
        runs.push_back(test::scoreAll(*m, d));
    }
    EXPECT_EQ(runs[0], runs[1]);
    EXPECT_EQ(runs[1], runs[2]);
}

TEST_P(EveryModel, CancelFromProgressCallbackStopsPromptly) {
    auto d = test::randomDataset(300, 200, 10);
    models::Params p;
    if (GetParam() == "als") p = {{"iterations", "50"}};
    if (GetParam() == "bpr") p = {{"epochs", "200"}};
    auto m = test::makeModel(GetParam(), p);
    util::Task task;
    std::atomic<int> reports{0};
    std::atomic<bool> badFraction{false};
    task.progress = [&](double f, std::string_view) {
        if (f < 0.0 || f > 1.0) badFraction = true;
        ++reports;
        task.cancel.cancel();
    };
    const auto t0 = std::chrono::steady_clock::now();
    auto st = m->fit(d, task);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_FALSE(st.isOk());
    EXPECT_EQ(st.message(), "cancelled");
    EXPECT_GE(reports.load(), 1);
    EXPECT_LE(reports.load(), 4) << "work went on after the cancel";
    EXPECT_FALSE(badFraction.load());
    EXPECT_LT(secs, 2.0);
}

TEST_P(EveryModel, ReportsProgressUpToCompletion) {
    auto d = test::randomDataset(60, 25, 5);
    auto m = test::makeModel(GetParam(), fastParams(GetParam()));
    util::Task task;
    std::atomic<double> last{-1.0};
    task.progress = [&](double f, std::string_view) {
        double prev = last.load();
        while (f > prev && !last.compare_exchange_weak(prev, f)) {
        }
    };
    ASSERT_TRUE(m->fit(d, task).isOk());
    EXPECT_DOUBLE_EQ(last.load(), 1.0);
}

INSTANTIATE_TEST_SUITE_P(Models, EveryModel, ::testing::ValuesIn(kAll));

TEST(FactorModels, DifferentSeedsGiveDifferentFactors) {
    auto d = test::randomDataset(80, 30, 6);
    for (const std::string name : {"als", "bpr"}) {
        auto p = fastParams(name);
        auto a = test::makeModel(name, p);
        p["seed"] = "1234";
        auto b = test::makeModel(name, p);
        ASSERT_TRUE(a->fit(d, {}).isOk());
        ASSERT_TRUE(b->fit(d, {}).isOk());
        EXPECT_NE(a->itemVectors(), b->itemVectors()) << name;
    }
}
