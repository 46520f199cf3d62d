#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "data/importer.h"
#include "testenv.h"

using namespace rs::data;
namespace fs = std::filesystem;

namespace {

void writeFile(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

// A copy of the mini fixture in a temp folder, with one file replaced.
fs::path miniWith(const std::string& file, const std::string& bytes) {
    fs::path dir = rs::test::tempDir("ml100k");
    for (const auto& e : fs::directory_iterator(rs::test::fixture("ml100k-mini")))
        fs::copy_file(e.path(), dir / e.path().filename());
    writeFile(dir / file, bytes);
    return dir;
}

rs::util::Result<ImportedData> import100k(const fs::path& dir, bool skip = false) {
    ImportOptions o;
    o.path = dir;
    o.format = "movielens-100k";
    o.skipBadLines = skip;
    return importData(o);
}

}  // namespace

TEST(MovieLens100k, ImportsMiniFixtureWithLatin1AndGenres) {
    auto r = import100k(rs::test::fixture("ml100k-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    const Dataset& d = *r->dataset;
    EXPECT_EQ(r->format, "movielens-100k");
    EXPECT_EQ(d.numUsers(), 3);
    EXPECT_EQ(d.numItems(), 4);  // item 4 has no ratings but is declared from u.item
    EXPECT_EQ(d.numInteractions(), 5);
    EXPECT_TRUE(d.hasTimestamps());
    EXPECT_TRUE(d.hasRatings());
    EXPECT_EQ(d.itemIds(), (std::vector<std::string>{"1", "2", "3", "4"}));  // u.item order
    // User 2 rated 3 then 1 with the same timestamp: file order is kept.
    auto u2 = *d.userIndex("2");
    ASSERT_EQ(d.userCount(u2), 2);
    EXPECT_EQ(d.itemId(d.userItems(u2)[0]), "3");
    EXPECT_FLOAT_EQ(d.userRatings(u2)[1], 2.0f);

    const ItemCatalog& c = *r->catalog;
    ASSERT_EQ(c.size(), 4u);
    EXPECT_EQ(c.titleColumn(), "title");
    EXPECT_EQ(c.title(1), "Caf\xC3\xA9 noir (1993)");  // latin-1 0xE9 -> UTF-8
    EXPECT_FALSE(r->report.warnings.empty());
    const Column* year = c.column("year");
    ASSERT_NE(year, nullptr);
    EXPECT_EQ(year->type(), ColumnType::Integer);
    EXPECT_DOUBLE_EQ(year->number(0), 1995);
    EXPECT_FALSE(year->present(2));  // "unknown" has neither a title year nor a date
    EXPECT_DOUBLE_EQ(year->number(3), 1998);
    const Column* date = c.column("release_date");
    ASSERT_NE(date, nullptr);
    EXPECT_EQ(date->text(0), "1995-01-01");
    EXPECT_DOUBLE_EQ(date->number(0), 9131);  // days from 1970-01-01 to 1995-01-01
    EXPECT_EQ(date->text(3), "1998-06-12");
    EXPECT_FALSE(date->present(2));
    const Column* genres = c.column("genres");
    ASSERT_NE(genres, nullptr);
    // The fixture's u.genre names differ from GroupLens' defaults, so these come from the file.
    EXPECT_EQ(genres->tags(0), (std::vector<std::string>{"Cartoon", "Family", "Funny"}));
    EXPECT_EQ(genres->tags(2), (std::vector<std::string>{"none"}));
    EXPECT_EQ(c.column("imdb_url")->text(0), "http://example.org/title?Paper%20Lanterns%20(1995)");
    EXPECT_FALSE(c.column("imdb_url")->present(3));
}

TEST(MovieLens100k, UserTableFromUUser) {
    auto r = import100k(rs::test::fixture("ml100k-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_TRUE(r->userCatalog.has_value());
    const ItemCatalog& u = *r->userCatalog;
    EXPECT_EQ(u.ids(), (std::vector<std::string>{"1", "2", "3", "4"}));  // file order; user 4 has no ratings
    ASSERT_EQ(u.columns().size(), 4u);
    const std::pair<const char*, ColumnType> expected[] = {{"age", ColumnType::Integer},
                                                           {"gender", ColumnType::Text},
                                                           {"occupation", ColumnType::Text},
                                                           {"zip_code", ColumnType::Text}};
    for (size_t c = 0; c < 4; ++c) {
        EXPECT_EQ(u.columns()[c].name(), expected[c].first);
        EXPECT_EQ(u.columns()[c].type(), expected[c].second) << expected[c].first;
    }
    EXPECT_DOUBLE_EQ(u.column("age")->number(1), 47);
    EXPECT_FALSE(u.column("age")->present(3));  // empty age is missing, not an error
    EXPECT_EQ(u.column("gender")->text(1), "F");
    EXPECT_EQ(u.column("occupation")->text(2), "writer");
    EXPECT_EQ(u.column("zip_code")->text(2), "T8H1N");
    EXPECT_EQ(u.column("zip_code")->text(3), "01002");  // leading zero kept
    EXPECT_TRUE(u.titleColumn().empty());
    for (const auto& w : r->report.warnings) {
        EXPECT_EQ(w.find("u.user"), std::string::npos) << "every rating user has a row: " << w;
        EXPECT_EQ(w.find("not imported"), std::string::npos) << w;
    }
}

TEST(MovieLens100k, RealUserTable) {
    ImportOptions o;
    o.path = rs::test::dataDir("ml-100k");
    auto r = importData(o);
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_TRUE(r->userCatalog.has_value());
    const ItemCatalog& u = *r->userCatalog;
    // Measured from u.user itself: 943 lines, ages 7..73 (sum 32111, median 31), 273 'F'.
    EXPECT_EQ(u.size(), 943u);
    const auto age = u.column("age")->stats();
    EXPECT_EQ(age.count, 943);
    EXPECT_EQ(age.missing, 0);
    EXPECT_DOUBLE_EQ(*age.min, 7);
    EXPECT_DOUBLE_EQ(*age.max, 73);
    EXPECT_NEAR(*age.mean, 32111.0 / 943.0, 1e-9);
    EXPECT_DOUBLE_EQ(*age.median, 31);
    const auto gender = u.column("gender")->stats();
    EXPECT_EQ(gender.distinctCount, 2);
    EXPECT_EQ(gender.topValues, (std::vector<std::pair<std::string, int64_t>>{{"M", 670}, {"F", 273}}));
    EXPECT_EQ(u.column("occupation")->stats().distinctCount, 21);
    for (const auto& id : r->dataset->userIds()) EXPECT_TRUE(u.rowOf(id).has_value()) << id;
    for (const auto& w : r->report.warnings) EXPECT_EQ(w.find("u.user"), std::string::npos) << w;
}

TEST(MovieLens100k, DetectsFolder) {
    ImportOptions o;
    o.path = rs::test::fixture("ml100k-mini");
    auto r = importData(o);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "movielens-100k");
}

TEST(MovieLens100k, RealDataCountsAndSpeed) {
    const auto start = std::chrono::steady_clock::now();
    rs::util::Task task;
    double last = -1;
    bool monotone = true;
    task.progress = [&](double f, std::string_view) {
        monotone = monotone && f >= last && f <= 1.0;
        last = f;
    };
    ImportOptions o;
    o.path = rs::test::dataDir("ml-100k");
    auto r = importData(o, task);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->dataset->numUsers(), 943);
    EXPECT_EQ(r->dataset->numItems(), 1682);
    EXPECT_EQ(r->dataset->numInteractions(), 100000);
    EXPECT_EQ(r->catalog->size(), 1682u);
    EXPECT_EQ(r->report.linesSkipped, 0);
    EXPECT_TRUE(monotone);
    EXPECT_DOUBLE_EQ(last, 1.0);
    EXPECT_LT(seconds, 2.0);  // target < 0.5 s in Release; generous for debug/sanitizer builds
    // Every item has a title; genres come from u.genre.
    const ItemCatalog& c = *r->catalog;
    for (size_t row = 0; row < c.size(); ++row) EXPECT_FALSE(c.title(row).empty()) << row;
    auto toy = c.rowOf("1");
    ASSERT_TRUE(toy.has_value());
    EXPECT_EQ(c.title(*toy), "Toy Story (1995)");
}

TEST(MovieLens100k, CancelStopsTheImport) {
    rs::util::Task task;
    task.cancel.cancel();
    ImportOptions o;
    o.path = rs::test::dataDir("ml-100k");
    auto r = importData(o, task);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "cancelled");
}

TEST(MovieLensBadInput, MissingFolderAndFiles) {
    ImportOptions o;
    o.path = "/nonexistent/recscope/ml";
    auto r = importData(o);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("/nonexistent/recscope/ml"), std::string::npos);

    fs::path dir = rs::test::tempDir("ml100k-missing");
    writeFile(dir / "u.item", "1|A (1990)|||x|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
    auto m = import100k(dir);
    ASSERT_FALSE(m.isOk());
    EXPECT_NE(m.message().find("u.data"), std::string::npos) << m.message();
    EXPECT_NE(m.message().find("not found"), std::string::npos) << m.message();
}

TEST(MovieLensBadInput, EmptyFile) {
    auto r = import100k(miniWith("u.data", ""));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("u.data: file is empty"), std::string::npos) << r.message();
}

TEST(MovieLensBadInput, WrongSeparatorNamesFieldCount) {
    auto r = import100k(miniWith("u.data", "1,1,5,881250949\n"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("u.data:1: field 'item':"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("expected 4 tab-separated fields, found 1"), std::string::npos) << r.message();
    EXPECT_NE(r.message().find("comma"), std::string::npos) << r.message();
}

TEST(MovieLensBadInput, NonNumericRatingAndTimestamp) {
    auto r = import100k(miniWith("u.data", "1\t1\t5\t881250949\n1\t2\tgood\t881250950\n"));
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "u.data:2: field 'rating': expected a number, got 'good'");
    auto t = import100k(miniWith("u.data", "1\t1\t5\tabc\n"));
    ASSERT_FALSE(t.isOk());
    EXPECT_NE(t.message().find("u.data:1: field 'timestamp':"), std::string::npos) << t.message();
}

TEST(MovieLensBadInput, ItemIdOutOfRange) {
    auto r = import100k(miniWith("u.data", "1\t1\t5\t1\n1\t99\t3\t2\n"));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("u.data:2: field 'item': item id '99' is not in the item file"), std::string::npos)
        << r.message();
    auto u = import100k(miniWith("u.data", "0\t1\t5\t1\n"));
    ASSERT_FALSE(u.isOk());
    EXPECT_NE(u.message().find("u.data:1: field 'user': expected a positive integer id"), std::string::npos);
}

TEST(MovieLensBadInput, TruncatedLineAndSkipBadLines) {
    const std::string data = "1\t1\t5\t10\n1\t2\n2\t1\tx\t5\n2\t2\t4\t6\n";
    auto r = import100k(miniWith("u.data", data));
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("u.data:2: field 'rating': expected 4 tab-separated fields, found 2"), std::string::npos)
        << r.message();
    auto s = import100k(miniWith("u.data", data), true);
    ASSERT_TRUE(s.isOk()) << s.message();
    EXPECT_EQ(s->dataset->numInteractions(), 2);
    EXPECT_EQ(s->report.linesSkipped, 2);
    EXPECT_EQ(s->report.linesRead, 4 + 4 + 4);  // u.item lines + u.data lines + u.user lines
    ASSERT_EQ(s->report.skippedMessages.size(), 2u);
    EXPECT_NE(s->report.skippedMessages[1].find("u.data:3: field 'rating'"), std::string::npos);
}

TEST(MovieLensBadInput, DuplicateItemIdNamesBothLines) {
    const std::string items =
        "1|A (1990)|||x|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
        "1|B (1991)|||x|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n";
    auto r = import100k(miniWith("u.item", items));
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "u.item:2: field 'id': duplicate id '1' (first on line 1)");
}

TEST(MovieLensBadInput, BadUserLineFailsOrIsSkipped) {
    const std::string users = "1|31|M|engineer|10001\n2|x|F|other|20002\n3|23|M|writer\n";
    auto r = import100k(miniWith("u.user", users));
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), "u.user:2: field 'age': expected an integer, got 'x'");

    auto s = import100k(miniWith("u.user", users), true);
    ASSERT_TRUE(s.isOk()) << s.message();
    ASSERT_TRUE(s->userCatalog.has_value());
    EXPECT_EQ(s->userCatalog->ids(), (std::vector<std::string>{"1"}));
    EXPECT_EQ(s->report.linesSkipped, 2);
    ASSERT_EQ(s->report.skippedMessages.size(), 2u);
    EXPECT_EQ(s->report.skippedMessages[0], "u.user:2: field 'age': expected an integer, got 'x'");
    EXPECT_NE(s->report.skippedMessages[1].find("u.user:3: field 'zip_code': expected 5 '|'-separated fields, found 4"),
              std::string::npos)
        << s->report.skippedMessages[1];
    // Users 2 and 3 rated movies but lost their rows: said in a warning, the ratings stay.
    EXPECT_EQ(s->dataset->numUsers(), 3);
    bool warned = false;
    for (const auto& w : s->report.warnings)
        warned = warned || w == "u.user: 2 user(s) with interactions have no row there";
    EXPECT_TRUE(warned);

    auto dup = import100k(miniWith("u.user", "1|31|M|engineer|10001\n1|25|M|writer|1\n"));
    ASSERT_FALSE(dup.isOk());
    EXPECT_EQ(dup.message(), "u.user:2: field 'user_id': duplicate id '1' (first on line 1)");
}

TEST(ImporterRegistry, NamesAndUnknownFormat) {
    auto names = importerNames();
    for (const char* n :
         {"movielens-100k", "movielens-1m", "movielens-csv", "recbole", "item-sequences", "csv", "tsv", "jsonl"})
        EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
    for (const auto& n : names) {
        auto imp = createImporter(n);
        ASSERT_NE(imp, nullptr);
        EXPECT_EQ(imp->name(), n);
        EXPECT_FALSE(imp->description().empty());
    }
    EXPECT_EQ(createImporter("nope"), nullptr);
    ImportOptions o;
    o.path = rs::test::fixture("ml100k-mini");
    o.format = "nope";
    auto r = importData(o);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("movielens-100k"), std::string::npos) << r.message();
}
