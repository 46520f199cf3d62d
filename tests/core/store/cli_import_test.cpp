// recscope-cli import, run as a process: output, exit codes and what lands in the project file.
#include <gtest/gtest.h>

#include "store/projectstore.h"
#include "storetesthelpers.h"
#include "testenv.h"

namespace fs = std::filesystem;
using namespace rs::test;

namespace {
std::string q(const fs::path& p) {
    return "'" + p.string() + "'";
}
std::string cli() {
    return q(cliPath()) + " import";
}
bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}
// stdout only (progress on stderr is dropped), or stdout and stderr merged.
CommandResult run(const std::string& command, bool withStderr = false) {
    return runCommand(withStderr ? command : command + " 2>/dev/null", withStderr);
}
}  // namespace

TEST(CliImport, CsvWithMappingIntoANewProject) {
    const fs::path dir = tempDir("store-cli");
    const fs::path project = dir / "p.recscope";
    auto r = run(cli() + " --data " + q(fixture("store-csv/ratings.csv")) + " --mapping " +
                 q(fixture("store-csv/mapping.json")) + " --project " + q(project) + " --name games");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "users         3")) << r.output;
    EXPECT_TRUE(contains(r.output, "interactions  5")) << r.output;
    EXPECT_TRUE(contains(r.output, "price            real     2 values, 2 missing")) << r.output;
    EXPECT_TRUE(contains(r.output, "released         date")) << r.output;
    EXPECT_TRUE(contains(r.output, "tags             tags")) << r.output;
    EXPECT_TRUE(contains(r.output, "catalog table catalog_games")) << r.output;
    EXPECT_FALSE(contains(r.output, "saving dataset")) << "progress belongs on stderr, not in the report: " << r.output;

    EXPECT_EQ(sqlValue(project, "SELECT title FROM catalog_games WHERE price > 5"), "Space Game");
    EXPECT_EQ(sqlValue(project, "SELECT count(*) FROM catalog_games_tags WHERE tag = 'Action'"), "2");
    EXPECT_EQ(sqlValue(project, "SELECT released FROM catalog_games WHERE item_id = 'g3'"), "2009-06");

    // The stored dataset reads back through the same command, without the source files.
    auto again = run(cli() + " --data " + q(project));
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_TRUE(contains(again.output, "as dataset 'games'")) << again.output;
    EXPECT_TRUE(contains(again.output, "interactions  5")) << again.output;

    // Same name again: refused before importing, file untouched; --replace works.
    const std::string before = fileBytes(project);
    auto dup = run(cli() + " --data " + q(fixture("store-csv/ratings.csv")) + " --mapping " +
                       q(fixture("store-csv/mapping.json")) + " --project " + q(project) + " --name games",
                   true);
    EXPECT_EQ(dup.exitCode, 1) << dup.output;
    EXPECT_TRUE(contains(dup.output, "already exists")) << dup.output;
    EXPECT_EQ(fileBytes(project), before);
    auto replace = run(cli() + " --data " + q(fixture("store-csv/ratings.csv")) + " --mapping " +
                       q(fixture("store-csv/mapping.json")) + " --project " + q(project) + " --name games --replace");
    EXPECT_EQ(replace.exitCode, 0) << replace.output;
}

TEST(CliImport, Ml100kReportAndProject) {
    const fs::path project = tempDir("store-cli") / "ml.recscope";
    auto r = run(cli() + " --data " + q(dataDir("ml-100k")) + " --project " + q(project));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "format movielens-100k")) << r.output;
    EXPECT_TRUE(contains(r.output, "users         943")) << r.output;
    EXPECT_TRUE(contains(r.output, "items         1682")) << r.output;
    EXPECT_TRUE(contains(r.output, "interactions  100000")) << r.output;
    EXPECT_TRUE(contains(r.output, "genres           tags")) << r.output;
    EXPECT_TRUE(contains(r.output, "release_date     date")) << r.output;
    EXPECT_TRUE(contains(r.output, "as dataset 'ml-100k'")) << r.output;
    EXPECT_EQ(sqlValue(project, "SELECT count(*) FROM interactions"), "100000");
    EXPECT_EQ(sqlValue(project, "SELECT title FROM catalog_ml_100k WHERE item_id = '1'"), "Toy Story (1995)");
    // The user table (u.user) is reported like the catalog and stored beside it.
    EXPECT_TRUE(contains(r.output, "user table: 943 users, 4 columns")) << r.output;
    EXPECT_TRUE(contains(r.output, "age              integer  943 values, 0 missing, min 7, max 73")) << r.output;
    EXPECT_TRUE(
        contains(r.output, "gender           text     943 values, 0 missing, 2 distinct; top: M (670), F (273)"))
        << r.output;
    EXPECT_TRUE(contains(r.output, "user table users_ml_100k")) << r.output;
    EXPECT_FALSE(contains(r.output, "not imported")) << r.output;
    EXPECT_EQ(sqlValue(project, "SELECT COUNT(*) FROM users_ml_100k WHERE gender='F'"), "273");
    // Read back from the project: the same user table.
    auto again = run(cli() + " --data " + q(project));
    ASSERT_EQ(again.exitCode, 0) << again.output;
    EXPECT_TRUE(contains(again.output, "user table: 943 users, 4 columns")) << again.output;
}

TEST(CliImport, BadFileFailsNamingFileAndLineAndLeavesProjectAlone) {
    const fs::path dir = tempDir("store-cli");
    const fs::path project = dir / "p.recscope";
    ASSERT_EQ(run(cli() + " --data " + q(fixture("store-csv/ratings.csv")) + " --mapping " +
                  q(fixture("store-csv/mapping.json")) + " --project " + q(project))
                  .exitCode,
              0);
    const std::string before = fileBytes(project);
    auto bad = run(cli() + " --data " + q(fixture("store-bad")) + " --project " + q(project), true);
    EXPECT_EQ(bad.exitCode, 1) << bad.output;
    EXPECT_TRUE(contains(bad.output, "u.data:3")) << bad.output;
    EXPECT_TRUE(contains(bad.output, "timestamp")) << bad.output;
    EXPECT_EQ(fileBytes(project), before);

    // A failed import into a project that does not exist yet creates no file.
    auto fresh = run(cli() + " --data " + q(fixture("store-bad")) + " --project " + q(dir / "new.recscope"), true);
    EXPECT_EQ(fresh.exitCode, 1);
    EXPECT_FALSE(fs::exists(dir / "new.recscope"));

    // With --skip-bad-lines the line is counted and reported, not dropped silently.
    auto skip =
        run(cli() + " --data " + q(fixture("store-bad")) + " --project " + q(project) + " --skip-bad-lines --name bad");
    EXPECT_EQ(skip.exitCode, 0) << skip.output;
    EXPECT_TRUE(contains(skip.output, "skipped 1")) << skip.output;
    EXPECT_TRUE(contains(skip.output, "u.data:3")) << skip.output;
    EXPECT_EQ(sqlValue(project, "SELECT count(*) FROM datasets"), "2");
}

TEST(CliImport, UsageAndProjectErrors) {
    const fs::path dir = tempDir("store-cli");
    EXPECT_EQ(run(cli()).exitCode, 2);
    EXPECT_EQ(run(cli() + " --bogus").exitCode, 2);
    EXPECT_EQ(run(cli() + " --data").exitCode, 2);
    auto help = run(cli() + " --help");
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(contains(help.output, "--skip-bad-lines")) << help.output;
    EXPECT_TRUE(contains(help.output, "movielens-100k")) << help.output;

    auto missing = run(cli() + " --data " + q(dir / "nothing-here"), true);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_TRUE(contains(missing.output, "nothing-here")) << missing.output;

    { std::ofstream(dir / "notes.recscope") << "not a project at all, just text\n"; }
    const std::string before = fileBytes(dir / "notes.recscope");
    auto notProject =
        run(cli() + " --data " + q(fixture("store-bad")) + " --skip-bad-lines --project " + q(dir / "notes.recscope"),
            true);
    EXPECT_EQ(notProject.exitCode, 1);
    EXPECT_TRUE(contains(notProject.output, "not a RecScope project")) << notProject.output;
    EXPECT_EQ(fileBytes(dir / "notes.recscope"), before);
}
