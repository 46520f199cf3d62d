#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "data/importer.h"
#include "testenv.h"

using namespace rs::data;
namespace fs = std::filesystem;

namespace {
rs::util::Result<ImportedData> run(const fs::path& p, const std::string& format = {}, bool skip = false) {
    ImportOptions o;
    o.path = p;
    o.format = format;
    o.skipBadLines = skip;
    return importData(o);
}
void writeFile(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}
}  // namespace

TEST(MovieLens1m, DoubleColonLatin1) {
    auto r = run(rs::test::fixture("ml1m-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "movielens-1m");
    EXPECT_EQ(r->dataset->numUsers(), 2);
    EXPECT_EQ(r->dataset->numItems(), 3);
    EXPECT_EQ(r->dataset->numInteractions(), 3);
    const ItemCatalog& c = *r->catalog;
    EXPECT_EQ(c.title(2), "Caf\xC3\xA9 (1999)");
    EXPECT_EQ(c.column("genres")->tags(0), (std::vector<std::string>{"Animation", "Children's", "Comedy"}));
    EXPECT_DOUBLE_EQ(c.column("year")->number(1), 1995);
}

TEST(MovieLens1m, UsersDatKeepsCodesAsIntegers) {
    auto r = run(rs::test::fixture("ml1m-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_TRUE(r->userCatalog.has_value());
    const ItemCatalog& u = *r->userCatalog;
    EXPECT_EQ(u.ids(), (std::vector<std::string>{"1", "2", "3"}));
    ASSERT_EQ(u.columns().size(), 4u);
    EXPECT_EQ(u.columns()[0].name(), "gender");
    EXPECT_EQ(u.column("gender")->type(), ColumnType::Text);
    EXPECT_EQ(u.column("age")->type(), ColumnType::Integer);
    EXPECT_EQ(u.column("occupation")->type(), ColumnType::Integer);
    EXPECT_EQ(u.column("zip_code")->type(), ColumnType::Text);
    EXPECT_EQ(u.column("gender")->text(0), "F");
    EXPECT_DOUBLE_EQ(u.column("age")->number(1), 56);
    EXPECT_DOUBLE_EQ(u.column("occupation")->number(0), 10);
    EXPECT_DOUBLE_EQ(u.column("occupation")->number(2), 0);
    EXPECT_EQ(u.column("zip_code")->text(2), "01460");

    fs::path dir = rs::test::tempDir("ml1m-users");
    for (const auto& e : fs::directory_iterator(rs::test::fixture("ml1m-mini")))
        fs::copy_file(e.path(), dir / e.path().filename());
    writeFile(dir / "users.dat", "1::F::1::10::10001\n2::M::old::16::20002\n");
    auto bad = run(dir);
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.message(), "users.dat:2: field 'age': expected an integer, got 'old'");
}

TEST(MovieLensCsv, QuotedFieldsHeaderAndCrlf) {
    auto r = run(rs::test::fixture("mlcsv-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "movielens-csv");
    const Dataset& d = *r->dataset;
    EXPECT_EQ(d.numInteractions(), 3);
    EXPECT_FLOAT_EQ(d.userRatings(*d.userIndex("2"))[0], 0.5f);
    // User 1's interactions are re-ordered by time: movie 3 (960000100) before movie 1.
    EXPECT_EQ(d.itemId(d.userItems(*d.userIndex("1"))[0]), "3");
    const ItemCatalog& c = *r->catalog;
    EXPECT_EQ(c.title(1), "American President, The (1995)");
    EXPECT_EQ(c.title(2), "The \"Quoted\" Movie (2001)");
    EXPECT_TRUE(c.column("genres")->tags(2).empty());
    EXPECT_DOUBLE_EQ(c.column("year")->number(2), 2001);
}

TEST(RecBole, TypedHeadersMapToColumns) {
    auto r = run(rs::test::fixture("recbole-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "recbole");
    EXPECT_EQ(r->name, "mini");
    const Dataset& d = *r->dataset;
    EXPECT_EQ(d.numUsers(), 2);
    EXPECT_EQ(d.numItems(), 3);
    EXPECT_TRUE(d.hasTimestamps());
    EXPECT_EQ(d.itemId(d.userItems(*d.userIndex("1"))[0]), "20");  // timestamp 90 < 100
    const ItemCatalog& c = *r->catalog;
    EXPECT_EQ(c.titleColumn(), "movie_title");
    EXPECT_EQ(c.column("movie_title")->type(), ColumnType::Text);  // title-like token_seq stays text
    EXPECT_EQ(c.title(1), "Caf\xC3\xA9 Society");
    EXPECT_EQ(c.column("release_year")->type(), ColumnType::Text);
    EXPECT_FALSE(c.column("release_year")->present(2));
    EXPECT_EQ(c.column("class")->type(), ColumnType::TagList);
    EXPECT_EQ(c.column("class")->tags(0), (std::vector<std::string>{"Animation", "Children's", "Comedy"}));
}

TEST(RecBole, UserFileBecomesTheUserTable) {
    auto r = run(rs::test::fixture("recbole-mini"));
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_TRUE(r->userCatalog.has_value());
    const ItemCatalog& u = *r->userCatalog;
    EXPECT_EQ(u.ids(), (std::vector<std::string>{"1", "3"}));
    ASSERT_EQ(u.columns().size(), 3u);
    EXPECT_EQ(u.column("age")->type(), ColumnType::Real);  // float
    EXPECT_EQ(u.column("gender")->type(), ColumnType::Text);
    EXPECT_EQ(u.column("favourite_genres")->type(), ColumnType::TagList);
    EXPECT_DOUBLE_EQ(u.column("age")->number(0), 24);
    EXPECT_FALSE(u.column("age")->present(1));
    EXPECT_EQ(u.column("favourite_genres")->tags(0), (std::vector<std::string>{"Drama", "Comedy"}));
    EXPECT_FALSE(u.column("favourite_genres")->present(1));
    // User 2 has interactions but no row in mini.user.
    bool warned = false;
    for (const auto& w : r->report.warnings) {
        warned = warned || w == "mini.user: 1 user(s) with interactions have no row there";
        EXPECT_EQ(w.find("not imported"), std::string::npos) << w;
    }
    EXPECT_TRUE(warned);

    fs::path dir = rs::test::tempDir("recbole-user");
    fs::copy_file(rs::test::fixture("recbole-mini/mini.inter"), dir / "mini.inter");
    writeFile(dir / "mini.user", "user_id:token\tgender:token\n1\tM\n1\tF\n");
    auto dup = run(dir);
    ASSERT_FALSE(dup.isOk());
    EXPECT_EQ(dup.message(), "mini.user:3: field 'user_id': duplicate id '1' (first on line 2)");
    auto skipped = run(dir, "recbole", true);
    ASSERT_TRUE(skipped.isOk()) << skipped.message();
    EXPECT_EQ(skipped->userCatalog->size(), 1u);
    EXPECT_EQ(skipped->report.linesSkipped, 1);
}

TEST(RecBole, RealDataMatchesMovieLens) {
    auto r = run(rs::test::dataDir("ml-100k-recbole"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "recbole");
    EXPECT_EQ(r->dataset->numUsers(), 943);
    EXPECT_EQ(r->dataset->numItems(), 1682);
    EXPECT_EQ(r->dataset->numInteractions(), 100000);
    EXPECT_EQ(r->catalog->size(), 1682u);
    // ml-100k.user: 943 users; RecBole types every field as token, so age is text here.
    ASSERT_TRUE(r->userCatalog.has_value());
    EXPECT_EQ(r->userCatalog->size(), 943u);
    EXPECT_EQ(r->userCatalog->column("age")->type(), ColumnType::Text);
    EXPECT_EQ(r->userCatalog->column("gender")->stats().topValues.back(), (std::pair<std::string, int64_t>{"F", 273}));
    auto ml = run(rs::test::dataDir("ml-100k"));
    ASSERT_TRUE(ml.isOk()) << ml.message();
    // Same interactions per user in both sources.
    for (const char* u : {"1", "196", "943"}) {
        auto a = r->dataset->userIndex(u), b = ml->dataset->userIndex(u);
        ASSERT_TRUE(a && b);
        EXPECT_EQ(r->dataset->userCount(*a), ml->dataset->userCount(*b)) << u;
    }
}

TEST(RecBole, BadUtf8NamesLine) {
    fs::path dir = rs::test::tempDir("recbole-bad");
    writeFile(dir / "x.inter", "user_id:token\titem_id:token\n1\t2\n1\t\xE9t\xE9\n");
    auto r = run(dir);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("x.inter:3: invalid UTF-8 (byte 0xE9 at column 3)"), std::string::npos) << r.message();
    auto s = run(dir, "recbole", true);
    ASSERT_TRUE(s.isOk()) << s.message();
    EXPECT_EQ(s->report.linesSkipped, 1);
}

TEST(RecBole, UnknownTypeInHeader) {
    fs::path dir = rs::test::tempDir("recbole-type");
    writeFile(dir / "x.inter", "user_id:token\titem_id:int\n1\t2\n");
    auto r = run(dir);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("x.inter:1: field 'item_id': unknown type 'int'"), std::string::npos) << r.message();
}

TEST(ItemSequences, SyntheticTimestampsInLineOrder) {
    auto r = run(rs::test::fixture("sequences.txt"));
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->format, "item-sequences");
    const Dataset& d = *r->dataset;
    EXPECT_EQ(d.numUsers(), 3);
    EXPECT_EQ(d.numInteractions(), 6);
    EXPECT_TRUE(d.hasTimestamps());
    EXPECT_FALSE(d.hasRatings());
    auto u1 = *d.userIndex("u1");
    EXPECT_EQ(d.itemId(d.userItems(u1)[2]), "i3");
    EXPECT_EQ(d.userTimestamps(u1)[2], 2);
    EXPECT_FALSE(r->catalog.has_value());
}

TEST(ItemSequences, UserWithoutItemsIsAnError) {
    fs::path dir = rs::test::tempDir("seq");
    writeFile(dir / "s.txt", "u1 a b\nu2\n");
    auto r = run(dir / "s.txt");
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("s.txt:2: field 'item':"), std::string::npos) << r.message();
}
