// The bus table with its diff that the trace stepper shows, from a step's JSON snapshots.
#include <gtest/gtest.h>

#include "agent/busdiff.h"

namespace rs::agent {
namespace {

nlohmann::json bus(const std::vector<std::pair<std::string, double>>& items) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& [id, score] : items) j.push_back({{"item", id}, {"score", score}, {"provenance", {"step 0"}}});
    return j;
}

const BusDiffRow& rowOf(const BusSnapshotDiff& d, const std::string& item) {
    for (const auto& r : d.rows)
        if (r.item == item) return r;
    ADD_FAILURE() << "no row for " << item;
    static BusDiffRow none;
    return none;
}

TEST(BusDiff, ClassifiesAddedRemovedMovedAndKept) {
    // a b c d -> d a c e : b removed, e added; d jumped ahead of a and c (moved), a and c keep
    // their relative order (kept, even though their positions changed).
    auto d =
        diffBusSnapshots(bus({{"a", 4}, {"b", 3}, {"c", 2}, {"d", 1}}), bus({{"d", 9}, {"a", 8}, {"c", 7}, {"e", 6}}));
    ASSERT_TRUE(d.isOk()) << d.message();
    EXPECT_EQ(d->added, 1u);
    EXPECT_EQ(d->removed, 1u);
    EXPECT_EQ(d->moved, 1u) << "only d left the order of the kept items";
    ASSERT_EQ(d->rows.size(), 5u);
    EXPECT_EQ(d->rows[0].item, "d");
    EXPECT_EQ(d->rows[4].item, "b") << "removed items come last";
    EXPECT_EQ(rowOf(*d, "b").change, BusChange::Removed);
    EXPECT_EQ(rowOf(*d, "b").before, 1);
    EXPECT_EQ(rowOf(*d, "b").after, -1);
    EXPECT_EQ(rowOf(*d, "e").change, BusChange::Added);
    EXPECT_EQ(rowOf(*d, "e").before, -1);
    EXPECT_EQ(rowOf(*d, "e").after, 3);
    EXPECT_EQ(rowOf(*d, "d").change, BusChange::Moved);
    EXPECT_EQ(rowOf(*d, "d").before, 3);
    EXPECT_EQ(rowOf(*d, "d").after, 0);
    EXPECT_DOUBLE_EQ(rowOf(*d, "d").scoreBefore, 1);
    EXPECT_DOUBLE_EQ(rowOf(*d, "d").scoreAfter, 9);
    EXPECT_EQ(rowOf(*d, "c").change, BusChange::Kept);
    EXPECT_EQ(rowOf(*d, "a").change, BusChange::Kept);
    EXPECT_EQ(rowOf(*d, "a").after, 1);
    EXPECT_EQ(d->added + d->moved + d->kept, d->afterSize);
}

TEST(BusDiff, AFilterRemovesWithoutMovingTheRest) {
    auto d = diffBusSnapshots(bus({{"a", 1}, {"b", 1}, {"c", 1}, {"d", 1}}), bus({{"a", 1}, {"c", 1}, {"d", 1}}));
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->removed, 1u);
    EXPECT_EQ(d->moved, 0u) << "c and d shifted up but kept their order";
    EXPECT_EQ(d->kept, 3u);
    EXPECT_EQ(rowOf(*d, "c").before, 2);
    EXPECT_EQ(rowOf(*d, "c").after, 1);
}

TEST(BusDiff, AReversalMovesAllButOne) {
    auto d =
        diffBusSnapshots(bus({{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}}), bus({{"d", 4}, {"c", 3}, {"b", 2}, {"a", 1}}));
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->moved, 3u);
    EXPECT_EQ(d->kept, 1u);
    // Two swapped pairs: two moves.
    auto swaps =
        diffBusSnapshots(bus({{"a", 1}, {"b", 1}, {"c", 1}, {"d", 1}}), bus({{"b", 1}, {"a", 1}, {"d", 1}, {"c", 1}}));
    ASSERT_TRUE(swaps.isOk());
    EXPECT_EQ(swaps->moved, 2u);
}

TEST(BusDiff, FromAnInactiveBusEverythingIsAdded) {
    auto d = diffBusSnapshots(nlohmann::json::array(), bus({{"x", 1}, {"y", 0.5}}));
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->added, 2u);
    EXPECT_EQ(d->beforeSize, 0u);
    EXPECT_EQ(d->rows[1].provenance, std::vector<std::string>{"step 0"});
    auto same = diffBusSnapshots(bus({{"x", 1}}), bus({{"x", 1}}));
    ASSERT_TRUE(same.isOk());
    EXPECT_EQ(same->kept, 1u);
    EXPECT_EQ(same->added + same->removed + same->moved, 0u);
}

TEST(BusDiff, DuplicatesCountOnceAndBadSnapshotsAreNamed) {
    auto d = diffBusSnapshots(bus({{"a", 1}, {"a", 2}}), bus({{"a", 1}}));
    ASSERT_TRUE(d.isOk());
    EXPECT_EQ(d->beforeSize, 1u);
    EXPECT_EQ(d->kept, 1u);
    auto bad = diffBusSnapshots(nlohmann::json::array({{{"score", 1}}}), nlohmann::json::array());
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("before entry 0"), std::string::npos) << bad.message();
    EXPECT_FALSE(diffBusSnapshots(nlohmann::json::array(), nlohmann::json::object()).isOk());
    EXPECT_EQ(busChangeName(BusChange::Moved), "moved");
}

}  // namespace
}  // namespace rs::agent
