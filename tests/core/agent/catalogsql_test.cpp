// The catalog SQL sandbox on a real project file holding ml-100k: reads through `items`, row and
// time limits, column and value snapping, and every kind of harmful statement refused with a
// logged reason while the project file stays byte-identical. Ends with a seeded fuzz run.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "agent/catalogsql.h"
#include "catalogfixtures.h"

namespace rs::agent {
namespace {

CatalogSql openMl() {
    const auto& p = test::ml100kProject();
    auto sql = CatalogSql::open(p.project, p.name);
    EXPECT_TRUE(sql.isOk()) << sql.message();
    return std::move(sql.value());
}

bool contains(const std::string& hay, const std::string& needle) {
    return hay.find(needle) != std::string::npos;
}

TEST(CatalogSql, SelectsThroughTheItemsAlias) {
    CatalogSql sql = openMl();
    EXPECT_EQ(sql.table(), "catalog_ml_100k");
    auto r = sql.query("SELECT item_id, title, year FROM items WHERE title LIKE 'Toy Story%'");
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_EQ(r->columns, (std::vector<std::string>{"item_id", "title", "year"}));
    ASSERT_EQ(r->rows.size(), 1u);
    EXPECT_EQ(r->rows[0][0], "1");
    EXPECT_EQ(r->rows[0][2], 1995);
    EXPECT_FALSE(r->truncated);
    // The tag table, and the real table name, are readable too.
    auto tags = sql.query("SELECT count(*) FROM items_tags WHERE tag = 'Sci-Fi'");
    ASSERT_TRUE(tags.isOk()) << tags.message();
    EXPECT_EQ(tags->rows[0][0], 101);
    auto cte = sql.query("WITH t AS (SELECT title FROM items WHERE year = 1995) SELECT count(*) FROM t");
    ASSERT_TRUE(cte.isOk()) << cte.message();
    EXPECT_GT(cte->rows[0][0].get<int64_t>(), 100);
    auto sneaky = sql.query("WITH t AS (SELECT * FROM meta) SELECT * FROM t");
    ASSERT_FALSE(sneaky.isOk());
    EXPECT_NE(sneaky.message().find("only the catalog"), std::string::npos) << sneaky.message();
    auto real = sql.query("SELECT count(*) FROM catalog_ml_100k");
    ASSERT_TRUE(real.isOk()) << real.message();
    EXPECT_EQ(real->rows[0][0], 1682);
}

TEST(CatalogSql, RowLimitTruncatesAndSaysSo) {
    CatalogSql sql = openMl();
    SqlLimits limits;
    limits.maxRows = 7;
    auto r = sql.query("SELECT title FROM items", limits);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_EQ(r->rows.size(), 7u);
    EXPECT_TRUE(r->truncated);
}

TEST(CatalogSql, UnknownColumnsSnapToRealOnesAndAreLogged) {
    CatalogSql sql = openMl();
    auto r = sql.query("SELECT titel FROM items WHERE genre LIKE '%Film-Noir%' AND release_data < '1950-01-01'");
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_FALSE(r->rows.empty());
    std::string all;
    for (const auto& w : r->rewrites) all += w + "\n";
    EXPECT_TRUE(contains(all, "column 'titel' -> 'title'")) << all;
    EXPECT_TRUE(contains(all, "column 'genre' -> 'genres'")) << all;
    EXPECT_TRUE(contains(all, "column 'release_data' -> 'release_date'")) << all;
    EXPECT_TRUE(contains(r->sql, "\"genres\"")) << r->sql;
    ASSERT_FALSE(sql.log().empty());
    EXPECT_TRUE(contains(sql.log().back(), "rewrote:"));
    // A name nowhere near a column stays an error naming it.
    auto bad = sql.query("SELECT director FROM items");
    ASSERT_FALSE(bad.isOk());
    EXPECT_TRUE(contains(bad.message(), "no such column: director")) << bad.message();
}

TEST(CatalogSql, CategoryValuesSnapToExistingTags) {
    CatalogSql sql = openMl();
    auto exact = sql.query("SELECT count(*) FROM items WHERE genres LIKE '%Sci-Fi%'");
    ASSERT_TRUE(exact.isOk()) << exact.message();
    EXPECT_TRUE(exact->rewrites.empty());
    auto r = sql.query("SELECT count(*) FROM items WHERE genres LIKE '%scifi%'");
    ASSERT_TRUE(r.isOk()) << r.message();
    ASSERT_EQ(r->rewrites.size(), 1u);
    EXPECT_EQ(r->rewrites[0], "value '%scifi%' -> '%Sci-Fi%'");
    EXPECT_EQ(r->rows[0][0], exact->rows[0][0]);
    auto in = sql.query("SELECT count(DISTINCT item_id) FROM items_tags WHERE tag IN ('Thriler', 'film noir')");
    ASSERT_TRUE(in.isOk()) << in.message();
    EXPECT_EQ(in->rewrites.size(), 2u);
    EXPECT_GT(in->rows[0][0].get<int64_t>(), 100);
    // Titles are not category values: a title literal is left alone.
    auto title = sql.query("SELECT count(*) FROM items WHERE title = 'Comedi'");
    ASSERT_TRUE(title.isOk()) << title.message();
    EXPECT_TRUE(title->rewrites.empty());
}

TEST(CatalogSql, HarmfulStatementsAreRefusedAndTheFileIsUnchanged) {
    const auto& p = test::ml100kProject();
    const std::string before = test::fileBytes(p.project);
    CatalogSql sql = openMl();
    struct Case {
        const char* sql;
        const char* reason;
    };
    const Case cases[] = {
        {"INSERT INTO items(item_id) VALUES ('x')", "refused:"},
        {"INSERT INTO catalog_ml_100k(item_id) VALUES ('x')", "refused:"},
        {"UPDATE catalog_ml_100k SET title = 'x'", "refused:"},
        {"DELETE FROM catalog_ml_100k", "refused:"},
        {"DROP TABLE catalog_ml_100k", "refused:"},
        {"CREATE TABLE t(a)", "refused:"},
        {"CREATE TEMP TABLE t(a)", "refused:"},
        {"ATTACH DATABASE '/tmp/x.db' AS x", "refused:"},
        {"DETACH DATABASE main", "refused:"},
        {"PRAGMA writable_schema = 1", "not pragma"},
        {"PRAGMA table_info(items)", "not pragma"},
        // Past the first gate (a statement starting with WITH), the authorizer refuses.
        {"WITH x AS (SELECT 1) DELETE FROM catalog_ml_100k", "writes are not allowed (DELETE from catalog_ml_100k)"},
        {"WITH x AS (SELECT 1) INSERT INTO catalog_ml_100k(item_id) SELECT 'x'", "writes are not allowed (INSERT"},
        {"WITH x AS (SELECT 1) UPDATE catalog_ml_100k SET title = 'x'", "writes are not allowed (UPDATE"},
        {"SELECT * FROM pragma_table_info('items')", "refused:"},
        {"SELECT 1; DROP TABLE catalog_ml_100k", "only one statement"},
        {"SELECT 1; SELECT 2", "only one statement"},
        {"BEGIN; DELETE FROM catalog_ml_100k; COMMIT", "refused:"},
        {"VACUUM", "refused:"},
        {"SELECT * FROM meta", "only the catalog"},
        {"SELECT * FROM interactions", "only the catalog"},
        {"SELECT * FROM sqlite_master", "only the catalog"},
        {"SELECT load_extension('/tmp/evil.so')", "not allowed"},
        {"SELECT randomblob(1000000000)", "not allowed"},
        {"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
         "recursive queries are not allowed"},
        {"SELECT count(*) FROM items a, items b, items c", "time limit"},
        {"", "no statement"},
        {"-- just a comment", "no statement"},
    };
    for (const auto& c : cases) {
        const size_t logged = sql.log().size();
        const auto start = std::chrono::steady_clock::now();
        auto r = sql.query(c.sql);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        EXPECT_FALSE(r.isOk()) << c.sql;
        EXPECT_TRUE(contains(r.message(), c.reason)) << c.sql << " -> " << r.message();
        EXPECT_TRUE(contains(r.message(), "refused: ")) << c.sql << " -> " << r.message();
        ASSERT_GT(sql.log().size(), logged) << c.sql;
        EXPECT_TRUE(contains(sql.log().back(), "refused: ")) << c.sql;
        EXPECT_LT(ms, 5000.0) << c.sql;  // the 250 ms limit holds (generous bound for a loaded machine)
    }
    // The connection still works after all that.
    auto ok = sql.query("SELECT count(*) FROM items");
    ASSERT_TRUE(ok.isOk()) << ok.message();
    EXPECT_EQ(ok->rows[0][0], 1682);
    EXPECT_TRUE(test::fileBytes(p.project) == before) << "the project file changed";
}

TEST(CatalogSql, CancelStopsALongQuery) {
    CatalogSql sql = openMl();
    util::Task task;
    task.cancel.cancel();
    SqlLimits limits;
    limits.timeLimitMs = 60000;
    auto r = sql.query("SELECT count(*) FROM items a, items b, items c", limits, task);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.message(), util::kCancelledMessage);
}

TEST(CatalogSql, FuzzedSqlNeverCrashesWritesOrHangs) {
    const auto& p = test::ml100kProject();
    const std::string before = test::fileBytes(p.project);
    CatalogSql sql = openMl();
    const std::vector<std::string> pool = {"SELECT",
                                           "*",
                                           "FROM",
                                           "items",
                                           "items_tags",
                                           "meta",
                                           "WHERE",
                                           "title",
                                           "genres",
                                           "year",
                                           "=",
                                           "<",
                                           ">",
                                           "LIKE",
                                           "'%a%'",
                                           "'Sci-Fi'",
                                           "1",
                                           "1995",
                                           ";",
                                           "DROP",
                                           "TABLE",
                                           "INSERT",
                                           "INTO",
                                           "VALUES",
                                           "(",
                                           ")",
                                           ",",
                                           "UNION",
                                           "ALL",
                                           "WITH",
                                           "RECURSIVE",
                                           "AS",
                                           "ORDER",
                                           "BY",
                                           "LIMIT",
                                           "PRAGMA",
                                           "ATTACH",
                                           "DELETE",
                                           "UPDATE",
                                           "SET",
                                           "count(*)",
                                           "max(year)",
                                           "--",
                                           "/*",
                                           "*/",
                                           "'",
                                           "\"",
                                           "x'ff'",
                                           "NULL",
                                           "AND",
                                           "OR",
                                           "NOT",
                                           "IN",
                                           "GROUP",
                                           "HAVING",
                                           "JOIN",
                                           "ON",
                                           "a",
                                           "b",
                                           "catalog_ml_100k",
                                           "load_extension('x')",
                                           "\xc3\xa9",
                                           "\xff"};
    std::mt19937 rng(20240601);
    SqlLimits limits;
    limits.timeLimitMs = 50;
    int ok = 0, refused = 0, errors = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 3000; ++i) {
        std::string s;
        const int n = 1 + int(rng() % 14);
        for (int k = 0; k < n; ++k) s += pool[rng() % pool.size()] + (rng() % 4 ? " " : "");
        auto r = sql.query(s, limits);
        if (r.isOk()) {
            ++ok;
        } else if (contains(r.message(), "refused: ")) {
            ++refused;
        } else {
            ++errors;
            EXPECT_FALSE(r.message().empty());
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GT(refused, 100);
    EXPECT_GT(errors, 100);
    EXPECT_LT(seconds, 60.0);
    EXPECT_TRUE(test::fileBytes(p.project) == before) << "the project file changed";
    std::printf("fuzz: %d ran, %d refused, %d SQL errors in %.2f s\n", ok, refused, errors, seconds);
}

}  // namespace
}  // namespace rs::agent
