// recscope-cli chat with the built-in planner: a scripted conversation on ml-100k prints labelled
// answers and short traces; bad usage is reported.
#include <gtest/gtest.h>

#include <fstream>

#include "testenv.h"

namespace rs::test {
namespace {

TEST(CliChat, ScriptedBuiltinConversation) {
    const auto dir = tempDir("recscope-chat");
    const auto script = dir / "turns.txt";
    {
        std::ofstream f(script);
        f << "# a comment\n"
          << "sci-fi movies from the 90s like Star Wars but not Alien\n\n"
          << "when was Casablanca released?\n"
          << "hello\n";
    }
    const auto r = runCommand(cliPath().string() + " chat --data " + dataDir("ml-100k").string() +
                              " --builtin --script " + script.string() + " 2>/dev/null");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("> sci-fi movies from the 90s"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Built-in planner (no LLM): Here are 10 movies"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("similar to Star Wars (1977), excluding Alien (1979)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("Casablanca (1942):"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("hard_filter"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("soft_filter"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("# a comment"), std::string::npos);
}

TEST(CliChat, BadUsageIsExplained) {
    auto r = runCommand(cliPath().string() + " chat --builtin", true);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.output.find("--data or --project"), std::string::npos) << r.output;
    r = runCommand(cliPath().string() + " chat --data x --profile local --builtin", true);
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.output.find("exclude each other"), std::string::npos) << r.output;
    r = runCommand(cliPath().string() + " chat --project /nonexistent/x.recscope", true);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("not a RecScope project"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace rs::test
