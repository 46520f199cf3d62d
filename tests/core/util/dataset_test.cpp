#include <gtest/gtest.h>

#include "data/dataset.h"

using namespace rs::data;

TEST(Dataset, BuilderSortsByTimeAndKeepsFileOrderOnTies) {
    DatasetBuilder b;
    b.setHasTimestamps(true);
    b.addItem("z");  // declared first: index 0 even without interactions
    b.add("u1", "a", 5, 30);
    b.add("u2", "b", 3, 10);
    b.add("u1", "b", 4, 10);
    b.add("u1", "c", kNoRating, 30);  // same time as "a": stays after it
    Dataset d = std::move(b).build();
    ASSERT_EQ(d.numUsers(), 2);
    ASSERT_EQ(d.numItems(), 4);
    EXPECT_EQ(d.numInteractions(), 4);
    EXPECT_EQ(*d.itemIndex("z"), 0);
    const int32_t u1 = *d.userIndex("u1");
    auto items = d.userItems(u1);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(d.itemId(items[0]), "b");
    EXPECT_EQ(d.itemId(items[1]), "a");
    EXPECT_EQ(d.itemId(items[2]), "c");
    EXPECT_FLOAT_EQ(d.userRatings(u1)[0], 4);
    EXPECT_TRUE(std::isnan(d.userRatings(u1)[2]));
    EXPECT_TRUE(d.hasRatings());
    EXPECT_EQ(d.itemCounts()[*d.itemIndex("b")], 2);
    EXPECT_EQ(d.itemCounts()[0], 0);
}

TEST(Dataset, FromCsrRejectsBadShapes) {
    auto bad = Dataset::fromCsr({"u"}, {"i"}, {0, 2}, {0}, {1}, {0}, true, false);
    EXPECT_FALSE(bad.isOk());
    auto outOfRange = Dataset::fromCsr({"u"}, {"i"}, {0, 1}, {3}, {1}, {0}, true, false);
    ASSERT_FALSE(outOfRange.isOk());
    EXPECT_NE(outOfRange.message().find("out of range"), std::string::npos);
}
