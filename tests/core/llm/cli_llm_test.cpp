#include <gtest/gtest.h>

#include <cstdlib>

#include "llmtesthelpers.h"
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
