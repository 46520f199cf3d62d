// ItemCatalog lives in core/data but has no importer dependency; its tests sit with util so the
// data module's test binary stays the importers'.
#include <gtest/gtest.h>

#include "data/itemcatalog.h"

using namespace rs::data;

TEST(ItemCatalog, TypedColumnsAndStatistics) {
    ItemCatalog cat;
    Column* year = *cat.addColumn("year", ColumnType::Integer);
    ASSERT_TRUE(cat.addColumn("genres", ColumnType::TagList).isOk());
    ASSERT_TRUE(cat.addColumn("title", ColumnType::Text).isOk());
    cat.setTitleColumn("title");
    const int years[] = {1995, 1990, 0, 2001};
    const std::vector<std::vector<std::string>> genres = {{"Comedy", "Drama"}, {"Drama"}, {}, {"Action", "Drama"}};
    for (int r = 0; r < 4; ++r) {
        auto row = cat.appendRow("i" + std::to_string(r));
        ASSERT_TRUE(row.isOk());
        year = cat.mutableColumn("year");  // pointers may move when columns are added, not rows
        if (years[r]) year->setNumber(*row, years[r]);
        if (!genres[r].empty()) cat.mutableColumn("genres")->setTags(*row, genres[r]);
        cat.mutableColumn("title")->setText(*row, "Movie " + std::to_string(r));
    }
    EXPECT_EQ(cat.size(), 4u);
    EXPECT_EQ(cat.title(2), "Movie 2");
    EXPECT_EQ(*cat.rowOf("i3"), 3u);

    ColumnStats ys = cat.column("year")->stats();
    EXPECT_EQ(ys.count, 3);
    EXPECT_EQ(ys.missing, 1);
    EXPECT_DOUBLE_EQ(*ys.min, 1990);
    EXPECT_DOUBLE_EQ(*ys.max, 2001);
    EXPECT_DOUBLE_EQ(*ys.median, 1995);
    EXPECT_NEAR(*ys.mean, (1995 + 1990 + 2001) / 3.0, 1e-9);

    ColumnStats gs = cat.column("genres")->stats(2);
    ASSERT_EQ(gs.topValues.size(), 2u);
    EXPECT_EQ(gs.topValues[0], (std::pair<std::string, int64_t>{"Drama", 3}));
    EXPECT_EQ(gs.topValues[1].first, "Action");  // tie with Comedy broken by value
    EXPECT_EQ(gs.distinctCount, 3);
}

TEST(ItemCatalog, EvenMedianAveragesTheMiddlePair) {
    ItemCatalog cat;
    ASSERT_TRUE(cat.addColumn("price", ColumnType::Real).isOk());
    for (double p : {4.0, 1.0, 3.0, 10.0}) {
        size_t row = *cat.appendRow(std::to_string(p));
        cat.mutableColumn("price")->setNumber(row, p);
    }
    EXPECT_DOUBLE_EQ(*cat.column("price")->stats().median, 3.5);
}

TEST(ItemCatalog, DuplicateIdIsRejectedAndNamed) {
    ItemCatalog cat;
    ASSERT_TRUE(cat.appendRow("612880").isOk());
    auto dup = cat.appendRow("612880");
    ASSERT_FALSE(dup.isOk());
    EXPECT_NE(dup.message().find("612880"), std::string::npos);
    EXPECT_EQ(cat.size(), 1u);
    EXPECT_FALSE(cat.addColumn("", ColumnType::Text).isOk());
}

TEST(ItemCatalog, ColumnTypeNamesRoundTrip) {
    for (auto t : {ColumnType::Text, ColumnType::Integer, ColumnType::Real, ColumnType::Date, ColumnType::TagList})
        EXPECT_EQ(columnTypeFromName(columnTypeName(t)), t);
    EXPECT_FALSE(columnTypeFromName("blob").has_value());
}
