// Metric values worked out by hand from their definitions (see core/eval/metrics.h).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "eval/metrics.h"

using namespace rs::eval;

namespace {
const double kInvLog2Of3 = 1.0 / std::log2(3.0);  // gain at rank 2
}

TEST(Metrics, SingleHeldOutItemWithinK) {
    const std::vector<int64_t> ranks{3};
    EXPECT_DOUBLE_EQ(recallAt(ranks, 1, 10), 1.0);
    EXPECT_DOUBLE_EQ(hitRateAt(ranks, 1, 10), 1.0);
    EXPECT_DOUBLE_EQ(ndcgAt(ranks, 1, 10), 0.5);  // 1/log2(3+1) over ideal 1/log2(2)
    EXPECT_DOUBLE_EQ(mrrAt(ranks, 1, 10), 1.0 / 3.0);
}

TEST(Metrics, SingleHeldOutItemBeyondKIsAMiss) {
    const std::vector<int64_t> ranks{3};
    EXPECT_DOUBLE_EQ(recallAt(ranks, 1, 2), 0.0);
    EXPECT_DOUBLE_EQ(hitRateAt(ranks, 1, 2), 0.0);
    EXPECT_DOUBLE_EQ(ndcgAt(ranks, 1, 2), 0.0);
    EXPECT_DOUBLE_EQ(mrrAt(ranks, 1, 2), 0.0);
    // The boundary itself counts: rank == k is a hit.
    EXPECT_DOUBLE_EQ(recallAt(ranks, 1, 3), 1.0);
}

TEST(Metrics, TopRankIsPerfect) {
    const std::vector<int64_t> ranks{1};
    EXPECT_DOUBLE_EQ(ndcgAt(ranks, 1, 10), 1.0);
    EXPECT_DOUBLE_EQ(mrrAt(ranks, 1, 10), 1.0);
}

TEST(Metrics, TwoHeldOutItemsOneWithinK) {
    const std::vector<int64_t> ranks{4, 1};  // order does not matter
    EXPECT_DOUBLE_EQ(recallAt(ranks, 2, 3), 0.5);
    EXPECT_DOUBLE_EQ(hitRateAt(ranks, 2, 3), 1.0);
    EXPECT_DOUBLE_EQ(mrrAt(ranks, 2, 3), 1.0);
    // DCG = 1 (rank 1); ideal = 1 + 1/log2(3) (two items at ranks 1 and 2).
    EXPECT_NEAR(ndcgAt(ranks, 2, 3), 1.0 / (1.0 + kInvLog2Of3), 1e-12);
}

TEST(Metrics, TwoHeldOutItemsBothWithinK) {
    const std::vector<int64_t> ranks{2, 5};
    EXPECT_DOUBLE_EQ(recallAt(ranks, 2, 5), 1.0);
    EXPECT_DOUBLE_EQ(mrrAt(ranks, 2, 5), 0.5);
    const double dcg = kInvLog2Of3 + 1.0 / std::log2(6.0);
    EXPECT_NEAR(ndcgAt(ranks, 2, 5), dcg / (1.0 + kInvLog2Of3), 1e-12);
}

TEST(Metrics, IdealDcgIsCappedAtK) {
    // Three held-out items, k = 2: the ideal list only has room for two, so two hits at ranks 1, 2
    // are a perfect NDCG while recall is 2/3.
    const std::vector<int64_t> ranks{1, 2, 9};
    EXPECT_DOUBLE_EQ(ndcgAt(ranks, 3, 2), 1.0);
    EXPECT_NEAR(recallAt(ranks, 3, 2), 2.0 / 3.0, 1e-12);
}

TEST(Metrics, NoHeldOutItemsGivesZero) {
    const std::vector<int64_t> none;
    EXPECT_DOUBLE_EQ(recallAt(none, 0, 10), 0.0);
    EXPECT_DOUBLE_EQ(ndcgAt(none, 0, 10), 0.0);
    EXPECT_DOUBLE_EQ(hitRateAt(none, 0, 10), 0.0);
    EXPECT_DOUBLE_EQ(mrrAt(none, 0, 10), 0.0);
}

TEST(Metrics, MetricAtDispatchesByFamily) {
    const std::vector<int64_t> ranks{2};
    EXPECT_DOUBLE_EQ(metricAt("recall", ranks, 1, 10), 1.0);
    EXPECT_DOUBLE_EQ(metricAt("mrr", ranks, 1, 10), 0.5);
    EXPECT_NEAR(metricAt("ndcg", ranks, 1, 10), kInvLog2Of3, 1e-12);
    EXPECT_DOUBLE_EQ(metricAt("hitrate", ranks, 1, 1), 0.0);
    EXPECT_DOUBLE_EQ(metricAt("precision", ranks, 1, 10), 0.0);
}
