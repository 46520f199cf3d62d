#pragma once
// Shared helpers for the project store tests: small hand-built data and deep comparisons.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "data/importer.h"
#include "store/sqlite.h"

namespace rs::test {

inline std::string fileBytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Users u1..u3, items i1..i4 (+ i5 without interactions), some ratings missing, timestamps out of
// file order; a catalog with every column type, missing values, a partial date and a tag with '|'.
inline data::ImportedData smallData() {
    data::DatasetBuilder b;
    b.addItem("i5");
    b.add("u1", "i1", 4.0f, 300);
    b.add("u1", "i2", data::kNoRating, 100);
    b.add("u2", "i2", 2.5f, 50);
    b.add("u1", "i3", 5.0f, 200);
    b.add("u3", "i4", 1.0f, 10);
    b.add("u2", "i1", 3.0f, 50);
    b.setHasTimestamps(true);

    data::ItemCatalog c;
    (void)c.addColumn("title", data::ColumnType::Text);
    (void)c.addColumn("Year", data::ColumnType::Integer);
    (void)c.addColumn("score", data::ColumnType::Real);
    (void)c.addColumn("release date", data::ColumnType::Date);
    (void)c.addColumn("genres", data::ColumnType::TagList);
    c.setTitleColumn("title");
    struct Row {
        const char* id;
        const char* title;
        double year, score;
        const char* date;
        int64_t days;
        std::vector<std::string> tags;
    };
    const Row rows[] = {
        {"i1", "Alpha (1995)", 1995, 7.5, "1995-01-01", 9131, {"Comedy", "Drama"}},
        {"i2", "Beta", 1989, 6.25, "1989-12-31", 7304, {"Sci|Fi"}},
        {"i3", "Gamma", 2001, -1, "2001", 11323, {}},
        {"i4", "", -1, 8.0, "", 0, {"Comedy"}},
        {"i5", "Epsilon", 1990, 0.5, "1990-06", 7456, {"Drama", "Comedy"}},
    };
    for (const auto& r : rows) {
        size_t row = *c.appendRow(r.id);
        if (*r.title) c.mutableColumn("title")->setText(row, r.title);
        if (r.year > 0) c.mutableColumn("Year")->setNumber(row, r.year);
        if (r.score >= 0) c.mutableColumn("score")->setNumber(row, r.score);
        if (*r.date) c.mutableColumn("release date")->setDate(row, r.days, r.date);
        if (std::string(r.id) != "i4" || !r.tags.empty()) c.mutableColumn("genres")->setTags(row, r.tags);
    }
    data::ImportedData d;
    d.format = "hand-built";
    d.name = "small";
    d.dataset = std::move(b).build();
    d.catalog = std::move(c);
    d.report.linesRead = 6;
    d.report.linesSkipped = 1;
    d.report.skippedMessages = {"x.csv:3: field 'rating': expected a number"};
    d.report.warnings = {"latin-1 converted"};
    return d;
}

inline void expectSameDataset(const data::Dataset& a, const data::Dataset& b) {
    EXPECT_EQ(a.userIds(), b.userIds());
    EXPECT_EQ(a.itemIds(), b.itemIds());
    EXPECT_EQ(a.offsets(), b.offsets());
    EXPECT_EQ(a.items(), b.items());
    EXPECT_EQ(a.timestamps(), b.timestamps());
    EXPECT_EQ(a.hasRatings(), b.hasRatings());
    EXPECT_EQ(a.hasTimestamps(), b.hasTimestamps());
    ASSERT_EQ(a.ratings().size(), b.ratings().size());
    for (size_t k = 0; k < a.ratings().size(); ++k) {
        if (std::isnan(a.ratings()[k]))
            EXPECT_TRUE(std::isnan(b.ratings()[k])) << "position " << k;
        else
            EXPECT_EQ(a.ratings()[k], b.ratings()[k]) << "position " << k;
    }
}

inline void expectSameCatalog(const data::ItemCatalog& a, const data::ItemCatalog& b) {
    EXPECT_EQ(a.ids(), b.ids());
    EXPECT_EQ(a.titleColumn(), b.titleColumn());
    ASSERT_EQ(a.columns().size(), b.columns().size());
    for (size_t c = 0; c < a.columns().size(); ++c) {
        const auto& x = a.columns()[c];
        const auto& y = b.columns()[c];
        EXPECT_EQ(x.name(), y.name());
        ASSERT_EQ(x.type(), y.type()) << x.name();
        ASSERT_EQ(x.size(), y.size()) << x.name();
        for (size_t r = 0; r < x.size(); ++r) {
            ASSERT_EQ(x.present(r), y.present(r)) << x.name() << " row " << r;
            if (!x.present(r)) continue;
            switch (x.type()) {
                case data::ColumnType::Text:
                    EXPECT_EQ(x.text(r), y.text(r)) << x.name();
                    break;
                case data::ColumnType::Integer:
                case data::ColumnType::Real:
                    EXPECT_EQ(x.number(r), y.number(r)) << x.name() << " row " << r;
                    break;
                case data::ColumnType::Date:
                    EXPECT_EQ(x.text(r), y.text(r)) << x.name();
                    EXPECT_EQ(x.number(r), y.number(r)) << x.name() << " row " << r;
                    break;
                case data::ColumnType::TagList:
                    EXPECT_EQ(x.tags(r), y.tags(r)) << x.name();
                    break;
            }
        }
    }
}

// Runs a single-value query on a project file opened read-only with plain sqlite3.
inline std::string sqlValue(const std::filesystem::path& file, const std::string& sql) {
    auto db = store::Database::open(file, SQLITE_OPEN_READONLY);
    if (!db) return "ERROR " + db.message();
    auto st = db->prepare(sql);
    if (!st) return "ERROR " + st.message();
    auto row = st->step();
    if (!row) return "ERROR " + row.message();
    if (!*row) return "NO ROW";
    return st->text(0);
}

}  // namespace rs::test
