// CandidateBus: states, provenance, ordering and the diff between snapshots.
#include <gtest/gtest.h>

#include "agent/candidatebus.h"

namespace rs::agent {
namespace {

const std::vector<std::string> kIds = {"a", "b", "c", "d", "e", "f"};

std::vector<size_t> rowsOf(const CandidateBus& bus) {
    std::vector<size_t> out;
    for (const auto& c : bus.items()) out.push_back(c.row);
    return out;
}

TEST(CandidateBus, StartsInactiveAndResetReturnsThere) {
    CandidateBus bus;
    EXPECT_FALSE(bus.active());
    bus.set({1, 2}, {0.5, 0.4}, "step 0 store_candidates");
    EXPECT_TRUE(bus.active());
    bus.filter([](size_t) { return false; }, "step 1 hard_filter");
    EXPECT_TRUE(bus.active()) << "a bus filtered to nothing stays active";
    EXPECT_TRUE(bus.empty());
    bus.reset();
    EXPECT_FALSE(bus.active());
}

TEST(CandidateBus, FilterRescoreAndProvenance) {
    CandidateBus bus;
    bus.set({0, 1, 2, 3, 4}, {}, "step 0 hard_filter");
    bus.filter([](size_t r) { return r != 2; }, "step 1 hard_filter");
    EXPECT_EQ(rowsOf(bus), (std::vector<size_t>{0, 1, 3, 4}));
    bus.rescore([](size_t r) { return double(r); }, "step 2 rank");
    EXPECT_EQ(rowsOf(bus), (std::vector<size_t>{4, 3, 1, 0}));
    EXPECT_EQ(bus.provenance(bus.items()[0]),
              (std::vector<std::string>{"step 0 hard_filter", "step 1 hard_filter", "step 2 rank"}));
    const auto j = bus.toJson(kIds, 2);
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["item"], "e");
    EXPECT_EQ(j[0]["score"], 4.0);
    EXPECT_EQ(j[0]["provenance"].size(), 3u);
}

TEST(CandidateBus, ProvenanceKeepsTheLastLabels) {
    CandidateBus bus;
    bus.set({0}, {}, "l0");
    for (int i = 1; i < 10; ++i) bus.truncate(5, "l" + std::to_string(i));
    const auto p = bus.provenance(bus.items()[0]);
    ASSERT_EQ(p.size(), kMaxProvenance);
    EXPECT_EQ(p.back(), "l9");
    EXPECT_EQ(p.front(), "l4");
}

TEST(CandidateBus, ReorderKeepsOnlyListedCandidates) {
    CandidateBus bus;
    bus.set({0, 1, 2, 3}, {}, "s");
    bus.reorder({3, 9, 1, 3}, {0.9, 0.8, 0.7, 0.6}, "mmr");
    EXPECT_EQ(rowsOf(bus), (std::vector<size_t>{3, 1}));
    EXPECT_DOUBLE_EQ(bus.items()[1].score, 0.7);
}

TEST(CandidateBus, DiffReportsAddedRemovedAndMoved) {
    CandidateBus bus;
    bus.set({0, 1, 2, 3}, {}, "s");
    const CandidateBus::Snapshot before = bus.snapshot();
    bus.filter([](size_t r) { return r != 1; }, "f");
    const CandidateBus::Snapshot filtered = bus.snapshot();
    auto d = CandidateBus::diff(before, filtered);
    EXPECT_EQ(d.removed, std::vector<size_t>{1});
    EXPECT_TRUE(d.added.empty());
    EXPECT_TRUE(d.moved.empty()) << "removing one item moves nothing else";
    bus.rescore([](size_t r) { return r == 3 ? 10.0 : 1.0; }, "r");
    d = CandidateBus::diff(filtered, bus.snapshot());
    ASSERT_FALSE(d.moved.empty());
    EXPECT_EQ(d.moved[0].row, 3u);
    EXPECT_EQ(d.moved[0].from, 2u);
    EXPECT_EQ(d.moved[0].to, 0u);
    bus.set({5}, {}, "new");
    d = CandidateBus::diff(filtered, bus.snapshot());
    EXPECT_EQ(d.added, std::vector<size_t>{5});
    EXPECT_EQ(d.removed.size(), 3u);
    const auto j = d.toJson(kIds);
    EXPECT_EQ(j["added"][0], "f");
    EXPECT_EQ(j["removed_count"], 3);
    EXPECT_TRUE(CandidateBus::diff(filtered, filtered).empty());
}

}  // namespace
}  // namespace rs::agent
