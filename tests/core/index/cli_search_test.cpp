// recscope-cli search and match, run as real processes on the real ml-100k catalog.
#include <gtest/gtest.h>

#include "testenv.h"

namespace {

rs::test::CommandResult cli(const std::string& args, const std::string& stdinText = {}) {
    std::string cmd = rs::test::cliPath().string() + " " + args;
    if (!stdinText.empty()) cmd = "printf '" + stdinText + "' | " + cmd;
    return rs::test::runCommand(cmd, true);
}

std::string ml100k() {
    return rs::test::dataDir("ml-100k").string();
}

}  // namespace

TEST(CliSearch, RanksMatchingItemsFirst) {
    auto r = cli("search --data " + ml100k() + " --query 'star wars' --k 5 --index HNSW32");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("5 results for \"star wars\""), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("HNSW32"), std::string::npos) << r.output;
    // The first result row names Star Wars (1977), item 50.
    const size_t header = r.output.find("rank");
    ASSERT_NE(header, std::string::npos) << r.output;
    const std::string firstRow = r.output.substr(r.output.find('\n', header) + 1, 120);
    EXPECT_NE(firstRow.find("Star Wars (1977)"), std::string::npos) << r.output;
}

TEST(CliSearch, BadUsageAndDataGiveClearErrors) {
    auto noQuery = cli("search --data " + ml100k());
    EXPECT_EQ(noQuery.exitCode, 2);
    EXPECT_NE(noQuery.output.find("missing required option --query"), std::string::npos) << noQuery.output;
    auto badK = cli("search --data " + ml100k() + " --query x --k zero");
    EXPECT_EQ(badK.exitCode, 2);
    EXPECT_NE(badK.output.find("--k must be a positive integer"), std::string::npos) << badK.output;
    auto badIndex = cli("search --data " + ml100k() + " --query x --index NoSuchIndex");
    EXPECT_EQ(badIndex.exitCode, 1) << badIndex.output;
    EXPECT_NE(badIndex.output.find("NoSuchIndex"), std::string::npos) << badIndex.output;
    auto missing = cli("search --data /nonexistent/folder --query x");
    EXPECT_EQ(missing.exitCode, 1) << missing.output;
    EXPECT_NE(missing.output.find("/nonexistent/folder"), std::string::npos) << missing.output;
}

TEST(CliMatch, GroundsTitlesAndRefusesNonsense) {
    auto r = cli("match --data " + ml100k() + " --query 'the godfather 1972;shawshank redemtion' --k 2");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("\"the godfather 1972\": accepted\n  1  1.000  127 "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Shawshank Redemption, The (1994)"), std::string::npos) << r.output;

    auto nonsense = cli("match --data " + ml100k() + " --stdin", "toy story\\nzzqx wvvb kkjj\\n");
    EXPECT_EQ(nonsense.exitCode, 3) << nonsense.output;
    EXPECT_NE(nonsense.output.find("\"toy story\": accepted"), std::string::npos) << nonsense.output;
    EXPECT_NE(nonsense.output.find("\"zzqx wvvb kkjj\": no match"), std::string::npos) << nonsense.output;

    auto positional = cli("match --data " + ml100k() + " 'toy story' 'Star Wars'");
    EXPECT_EQ(positional.exitCode, 0) << positional.output;
    EXPECT_NE(positional.output.find("Toy Story (1995)"), std::string::npos) << positional.output;
    EXPECT_NE(positional.output.find("Star Wars (1977)"), std::string::npos) << positional.output;

    auto none = cli("match --data " + ml100k());
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_NE(none.output.find("exactly one of --query and --stdin"), std::string::npos) << none.output;
}
