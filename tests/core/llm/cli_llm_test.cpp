#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "llmtesthelpers.h"
#include "store/projectstore.h"
#include "testenv.h"

// Runs the real recscope-cli binary against the scripted server started in this process.
class CliLlmPing : public rs::test::ScriptedServerTest {
protected:
    rs::test::CommandResult ping(const std::string& options) {
        return rs::test::runCommand(rs::test::cliPath().string() + " llm ping " + options, true);
    }
};

TEST_F(CliLlmPing, ReportsModelsAndAOneTokenCompletion) {
    server.setModels({"test-model", "other"});
    rs::test::ScriptedReply one;
    one.content = "ok";
    server.addRule("single word", one);
    auto r = ping("--base " + server.baseUrl() + " --model test-model");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("models:      ok, 2 listed (test-model, other)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("'test-model' is listed"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("reply \"ok\""), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("result: ok"), std::string::npos) << r.output;
    const auto chats = server.requestCount("/v1/chat/completions");
    ASSERT_EQ(chats, 1u);
    EXPECT_EQ(server.requests().back().json["max_tokens"], 1);
}

TEST_F(CliLlmPing, AWrongKeyFailsNamingTheVariableNeverTheKey) {
    const std::string secret = "sk-cli-SECRET-987654321";
    ::setenv("RECSCOPE_TEST_CLI_KEY", secret.c_str(), 1);
    server.setRequiredKey("sk-expected");
    auto r = ping("--base " + server.baseUrl() + " --model test-model --key-env RECSCOPE_TEST_CLI_KEY");
    ::unsetenv("RECSCOPE_TEST_CLI_KEY");
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("wrong API key? (env var RECSCOPE_TEST_CLI_KEY)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("result: FAILED"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find(secret), std::string::npos) << r.output;
    EXPECT_EQ(server.requests().back().header("authorization"), "Bearer " + secret);
}

TEST_F(CliLlmPing, AClosedPortAndAnUnknownProfileAreReported) {
    rs::test::ScriptedLlmServer closed;
    ASSERT_TRUE(closed.start());
    const std::string base = closed.baseUrl();
    closed.stop();
    auto r = ping("--base " + base + " --model m --timeout 5");
    EXPECT_EQ(r.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("cannot connect"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(base), std::string::npos) << r.output;

    auto u = ping("--profile nosuch");
    EXPECT_EQ(u.exitCode, 2) << u.output;
    EXPECT_NE(u.output.find("unknown profile 'nosuch'"), std::string::npos) << u.output;
}

// Profiles stored in a project: imported from JSON, listed, and used by ping via --profiles.
TEST_F(CliLlmPing, ProfilesStoredInAProjectAreUsedAndHoldNoKey) {
    const auto dir = rs::test::tempDir();
    const std::string project = (dir / "p.recscope").string();
    ASSERT_TRUE(rs::store::ProjectStore::create(project).isOk());
    const std::string json = (dir / "profiles.json").string();
    {
        std::ofstream f(json);
        f << R"({"profiles": [{"name": "scripted", "base_url": ")" << server.baseUrl()
          << R"(", "model": "test-model", "api_key_env": "RECSCOPE_TEST_STORED_KEY"}],
                 "roles": {"planner": "scripted"}})";
    }
    const std::string secret = "sk-stored-SECRET-1234";
    ::setenv("RECSCOPE_TEST_STORED_KEY", secret.c_str(), 1);
    const std::string cli = rs::test::cliPath().string();
    auto stored = rs::test::runCommand(cli + " llm profiles --project " + project + " --import " + json, true);
    EXPECT_EQ(stored.exitCode, 0) << stored.output;
    EXPECT_NE(stored.output.find("1 profiles in"), std::string::npos) << stored.output;
    EXPECT_NE(stored.output.find("role planner    -> scripted"), std::string::npos) << stored.output;

    rs::test::ScriptedReply one;
    one.content = "ok";
    server.addRule("single word", one);
    auto r = ping("--profile scripted --profiles " + project);
    ::unsetenv("RECSCOPE_TEST_STORED_KEY");
    EXPECT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("result: ok"), std::string::npos) << r.output;
    EXPECT_EQ(server.requests().back().header("authorization"), "Bearer " + secret);

    std::ifstream in(project, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(bytes.find("RECSCOPE_TEST_STORED_KEY"), std::string::npos);  // the variable name is stored
    EXPECT_EQ(bytes.find(secret), std::string::npos);                      // the key never is

    // A profiles file carrying a key is refused and the stored profiles stay.
    {
        std::ofstream f(json);
        f << R"({"profiles": [{"name": "bad", "base_url": "http://h", "api_key": "sk-x"}]})";
    }
    auto refused = rs::test::runCommand(cli + " llm profiles --project " + project + " --import " + json, true);
    EXPECT_EQ(refused.exitCode, 1) << refused.output;
    EXPECT_NE(refused.output.find("api_key"), std::string::npos) << refused.output;
    auto still = rs::test::runCommand(cli + " llm profiles --project " + project, true);
    EXPECT_NE(still.output.find("scripted"), std::string::npos) << still.output;
}
