#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "data/dataset.h"
#include "data/split.h"

using namespace rs::data;

namespace {

// u1: a(10) b(20) c(30) d(30)  -> c and d tie at 30; d comes later in the file.
// u2: b(5) a(1)                -> time order a, b although the file lists b first.
// u3: c(7)                     -> a single interaction.
Dataset small() {
    DatasetBuilder b;
    b.addItem("a");
    b.addItem("b");
    b.addItem("c");
    b.addItem("d");
    b.addItem("unused");
    b.add("u1", "a", 5, 10);
    b.add("u1", "b", 2, 20);
    b.add("u1", "c", 4, 30);
    b.add("u2", "b", 3, 5);
    b.add("u1", "d", 1, 30);
    b.add("u2", "a", kNoRating, 1);
    b.add("u3", "c", 5, 7);
    b.setHasTimestamps(true);
    return std::move(b).build();
}

std::vector<std::string> itemsOf(const Dataset& d, const std::string& user) {
    std::vector<std::string> out;
    auto u = d.userIndex(user);
    if (!u) return out;
    for (int32_t i : d.userItems(*u)) out.push_back(d.itemId(i));
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(Split, LeaveOneOutTakesLastInTimeWithFileOrderTies) {
    Dataset d = small();
    Split s = splitLeaveOneOut(d);
    EXPECT_EQ(itemsOf(s.test, "u1"), V({"d"}));
    EXPECT_EQ(itemsOf(s.train, "u1"), V({"a", "b", "c"}));
    EXPECT_EQ(itemsOf(s.test, "u2"), V({"b"}));
    EXPECT_EQ(itemsOf(s.train, "u2"), V({"a"}));
    // u3 has one interaction: fewer than minHistory + 1, so it stays in train only.
    EXPECT_EQ(itemsOf(s.test, "u3"), V{});
    EXPECT_EQ(itemsOf(s.train, "u3"), V({"c"}));
    EXPECT_EQ(s.validation.numInteractions(), 0);
    EXPECT_EQ(s.describe["kind"], "leave-one-out");
    EXPECT_EQ(s.describe["test_users"], 2);
}

TEST(Split, LeaveOneOutKeepsIdSpacesAndPartitionsInteractions) {
    Dataset d = small();
    Split s = splitLeaveOneOut(d, true);
    for (const Dataset* part : {&s.train, &s.validation, &s.test}) {
        EXPECT_EQ(part->numUsers(), d.numUsers());
        EXPECT_EQ(part->numItems(), d.numItems());
        EXPECT_EQ(part->itemIds(), d.itemIds());
        EXPECT_EQ(part->userIds(), d.userIds());
    }
    EXPECT_EQ(s.train.numInteractions() + s.validation.numInteractions() + s.test.numInteractions(),
              d.numInteractions());
    EXPECT_EQ(itemsOf(s.validation, "u1"), V({"c"}));
    EXPECT_EQ(itemsOf(s.test, "u1"), V({"d"}));
    // u2 has 2 interactions: needs minHistory(1) + 2 = 3 with validation, so train only.
    EXPECT_EQ(itemsOf(s.train, "u2"), V({"a", "b"}));
    EXPECT_EQ(itemsOf(s.test, "u2"), V{});
    // Ratings and timestamps travel with their items.
    auto u1 = *s.test.userIndex("u1");
    EXPECT_FLOAT_EQ(s.test.userRatings(u1)[0], 1.0f);
    EXPECT_EQ(s.test.userTimestamps(u1)[0], 30);
    EXPECT_TRUE(s.test.hasTimestamps());
}

TEST(Split, LeaveOneOutMinHistory) {
    Split s = splitLeaveOneOut(small(), false, 3);
    EXPECT_EQ(itemsOf(s.test, "u1"), V({"d"}));
    EXPECT_EQ(itemsOf(s.test, "u2"), V{});
    EXPECT_EQ(s.test.numInteractions(), 1);
}

TEST(Split, TemporalRatioFloorsTrainAndKeepsOneTest) {
    Dataset d = small();
    Split s = splitTemporalRatio(d, 0.5, 0.25);
    // u1: 4 interactions -> 2 train, 1 validation, 1 test.
    EXPECT_EQ(itemsOf(s.train, "u1"), V({"a", "b"}));
    EXPECT_EQ(itemsOf(s.validation, "u1"), V({"c"}));
    EXPECT_EQ(itemsOf(s.test, "u1"), V({"d"}));
    // u2: 2 interactions -> floor(1) train, floor(0.5)=0 validation, 1 test.
    EXPECT_EQ(itemsOf(s.train, "u2"), V({"a"}));
    EXPECT_EQ(itemsOf(s.test, "u2"), V({"b"}));
    EXPECT_EQ(itemsOf(s.train, "u3"), V({"c"}));

    Split all = splitTemporalRatio(d, 1.0);
    EXPECT_EQ(itemsOf(all.test, "u1"), V({"d"}));  // at least one test item even with ratio 1
    EXPECT_EQ(itemsOf(all.test, "u2"), V({"b"}));
    EXPECT_EQ(all.train.numInteractions() + all.test.numInteractions(), d.numInteractions());
}

TEST(Filter, MinRatingKeepsUnratedAndIdSpaces) {
    Dataset d = small();
    Dataset f = filterMinRating(d, 4.0f);
    EXPECT_EQ(f.numItems(), d.numItems());
    EXPECT_EQ(f.numUsers(), d.numUsers());
    EXPECT_EQ(itemsOf(f, "u1"), V({"a", "c"}));
    EXPECT_EQ(itemsOf(f, "u2"), V({"a"}));  // unrated interaction kept
    EXPECT_EQ(itemsOf(f, "u3"), V({"c"}));
}

TEST(Filter, MinUserInteractionsDropsUsers) {
    Dataset d = small();
    Dataset f = filterMinUserInteractions(d, 2);
    EXPECT_EQ(f.numUsers(), 2);
    EXPECT_FALSE(f.userIndex("u3").has_value());
    // u3's only item "c" is still u1's; the declared item nobody interacted with is dropped.
    EXPECT_EQ(f.numItems(), d.numItems() - 1);
    EXPECT_EQ(f.numInteractions(), 6);

    // An item only dropped users had leaves the item space; the rest are re-indexed densely.
    DatasetBuilder b;
    b.add("keep", "x", 1.0f, 0);
    b.add("keep", "y", 1.0f, 1);
    b.add("drop", "only-dropped", 1.0f, 0);
    Dataset g = filterMinUserInteractions(std::move(b).build(), 2);
    EXPECT_EQ(g.numItems(), 2);
    EXPECT_FALSE(g.itemIndex("only-dropped").has_value());
    EXPECT_EQ(*g.itemIndex("y"), 1);
}

TEST(Filter, KCoreIteratesAndReindexes) {
    // Chain: removing item z (1 interaction) leaves user w with 1 interaction, which then must
    // go too, which leaves item y with 1 interaction -> removed as well.
    DatasetBuilder b;
    for (auto [u, i] : std::vector<std::pair<const char*, const char*>>{
             {"p", "x1"}, {"p", "x2"}, {"q", "x1"}, {"q", "x2"}, {"w", "y"}, {"w", "z"}, {"v", "y"}, {"v", "x1"}})
        b.add(u, i, 1.0f, 0);
    Dataset d = std::move(b).build();
    Dataset k = filterKCore(d, 2, 2);
    std::set<std::string> users(k.userIds().begin(), k.userIds().end());
    std::set<std::string> items(k.itemIds().begin(), k.itemIds().end());
    EXPECT_EQ(users, (std::set<std::string>{"p", "q"}));
    EXPECT_EQ(items, (std::set<std::string>{"x1", "x2"}));
    EXPECT_EQ(k.numInteractions(), 4);
    for (int32_t u = 0; u < k.numUsers(); ++u) EXPECT_GE(k.userCount(u), 2);
    for (int64_t c : k.itemCounts()) EXPECT_GE(c, 2);
    EXPECT_EQ(k.itemId(0), "x1");  // survivors keep their relative order
}

TEST(Filter, DedupeKeepsFirstInTime) {
    DatasetBuilder b;
    b.add("u", "a", 1.0f, 50);
    b.add("u", "a", 2.0f, 10);
    b.add("u", "b", 3.0f, 20);
    b.add("v", "a", 4.0f, 5);
    b.setHasTimestamps(true);
    Dataset d = std::move(b).build();
    Dataset f = dedupeInteractions(d);
    EXPECT_EQ(itemsOf(f, "u"), V({"a", "b"}));
    EXPECT_FLOAT_EQ(f.userRatings(*f.userIndex("u"))[0], 2.0f);
    EXPECT_EQ(itemsOf(f, "v"), V({"a"}));
}
