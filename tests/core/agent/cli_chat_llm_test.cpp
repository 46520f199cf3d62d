// recscope-cli chat --profile NAME against the scripted server: the LLM plans and writes, the
// answer streams to stdout, and each turn's trace lands in the project for `trace show`.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "agent/profilestore.h"
#include "llm/profile.h"
#include "llmagenttesthelpers.h"
#include "store/projectstore.h"

using namespace rs;
using rs::test::reply;

TEST(CliChatLlm, ChatsWithAProfileAndSavesTraces) {
    test::ScriptedLlmServer server;
    ASSERT_TRUE(server.start());
    const auto dir = test::tempDir("cli-chat-llm");
    const auto project = dir / "movies.recscope";
    std::filesystem::copy_file(test::ml100kProject().project, project);
    llm::ProfileSet set;
    set.profiles.push_back(test::scriptedProfile(server));
    std::ofstream(dir / "profiles.json") << nlohmann::json(set).dump();
    std::ofstream(dir / "script.txt") << "Hello!\nI loved Heat (1995). Popular westerns please\n";

    server.enqueue(reply(R"js({"intent": "chitchat", "plan": [], "answer": "Hello from the LLM!"})js"));
    server.enqueue(reply(R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 3}}]})js"));
    server.enqueue(reply("Three popular westerns, streamed."));
    const std::string cli = test::cliPath().string();
    auto chat =
        test::runCommand(cli + " chat --project " + project.string() + " --profile scripted --user ann --profiles " +
                             (dir / "profiles.json").string() + " --script " + (dir / "script.txt").string(),
                         true);
    ASSERT_EQ(chat.exitCode, 0) << chat.output;
    EXPECT_NE(chat.output.find("Hello from the LLM!"), std::string::npos) << chat.output;
    EXPECT_NE(chat.output.find("Three popular westerns, streamed."), std::string::npos) << chat.output;
    EXPECT_EQ(server.requestCount("/v1/chat/completions"), 3u);
    EXPECT_NE(server.requests()[1].json["messages"][0]["content"].get<std::string>().find("Heat (1995)"),
              std::string::npos)
        << "the planner sees the profile";
    {
        auto store = store::ProjectStore::open(project);
        ASSERT_TRUE(store.isOk());
        auto ann = agent::ProfileStore(store->database()).loadUser("ann");
        ASSERT_TRUE(ann.isOk()) << ann.message();
        EXPECT_EQ(ann->liked.items, std::vector<std::string>{"Heat (1995)"}) << "the long-term profile was saved";
    }
    server.stop();

    auto list = test::runCommand(cli + " trace list --project " + project.string());
    ASSERT_EQ(list.exitCode, 0) << list.output;
    EXPECT_NE(list.output.find("planner=scripted"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("2 turns"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("2 LLM calls"), std::string::npos) << "the recommendation turn: planner + writer";
    auto show = test::runCommand(cli + " trace show 2 --project " + project.string());
    ASSERT_EQ(show.exitCode, 0) << show.output;
    EXPECT_NE(show.output.find("[1] writer:"), std::string::npos) << show.output;
    EXPECT_NE(show.output.find("hard_filter"), std::string::npos);

    auto unknown = test::runCommand(cli + " chat --project " + project.string() + " --profile nosuch --profiles " +
                                        (dir / "profiles.json").string() + " --script " + (dir / "script.txt").string(),
                                    true);
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.output.find("unknown LLM profile 'nosuch'"), std::string::npos) << unknown.output;
}

// --react, --reflection N and --llm-memory reach the agent: each shows in the calls the trace records.
TEST(CliChatLlm, ModeFlagsChangeTheCallsPerTurn) {
    test::ScriptedLlmServer server;
    ASSERT_TRUE(server.start());
    const auto dir = test::tempDir("cli-chat-llm-modes");
    const auto project = dir / "movies.recscope";
    std::filesystem::copy_file(test::ml100kProject().project, project);
    llm::ProfileSet set;
    set.profiles.push_back(test::scriptedProfile(server));
    std::ofstream(dir / "profiles.json") << nlohmann::json(set).dump();
    std::ofstream(dir / "script.txt") << "Popular westerns please\n";
    const std::string cli = test::cliPath().string();
    const std::string base = cli + " chat --project " + project.string() + " --profile scripted --profiles " +
                             (dir / "profiles.json").string() + " --script " + (dir / "script.txt").string() +
                             " --json";
    const std::string westerns = R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 3}}]})js";
    auto rolesOf = [](const std::string& output) {
        std::vector<std::string> roles;
        std::istringstream lines(output);
        for (std::string line; std::getline(lines, line);)
            if (const auto at = line.find("{\"answer\""); at != std::string::npos) {
                const auto trace = nlohmann::json::parse(line.substr(at));
                for (const auto& c : trace["llm_calls"]) roles.push_back(c["role"]);
            }
        return roles;
    };

    // ReAct: one call per tool step, then one for the answer.
    for (const char* step : {R"js({"thought": "filter", "tool": "hard_filter", "input": {"conditions": [
                                 {"column": "genres", "op": "has", "value": "Western"}]}})js",
                             R"js({"thought": "rank", "tool": "rank", "input": {"by": "popularity"}})js",
                             R"js({"thought": "map", "tool": "map", "input": {"n": 3}})js",
                             R"js({"thought": "done", "answer": "Three westerns, step by step."})js"})
        server.enqueue(reply(step));
    auto react = test::runCommand(base + " --react", true);
    ASSERT_EQ(react.exitCode, 0) << react.output;
    EXPECT_EQ(rolesOf(react.output), (std::vector<std::string>{"step", "step", "step", "step"})) << react.output;

    // Reflection: a "No" verdict re-plans once with the critique.
    for (const char* r : {westerns.c_str(), "Three westerns.", R"js({"verdict": "No", "critique": "show five"})js",
                          westerns.c_str(), "Three westerns again."})
        server.enqueue(reply(r));
    auto reflect = test::runCommand(base + " --reflection 1", true);
    ASSERT_EQ(reflect.exitCode, 0) << reflect.output;
    EXPECT_EQ(rolesOf(reflect.output), (std::vector<std::string>{"planner", "writer", "critic", "planner", "writer"}))
        << reflect.output;

    // LLM memory: one extra call before the planner.
    for (const char* r : {R"js({"liked_items": [], "disliked_items": [], "expected_items": [], "liked_attributes":
                             ["Western"], "disliked_attributes": [], "expected_attributes": []})js",
                          westerns.c_str(), "Three westerns."})
        server.enqueue(reply(r));
    auto memory = test::runCommand(base + " --llm-memory", true);
    ASSERT_EQ(memory.exitCode, 0) << memory.output;
    EXPECT_EQ(rolesOf(memory.output), (std::vector<std::string>{"memory", "planner", "writer"})) << memory.output;
    server.stop();

    // The LLM-only flags without an LLM, and a bad count, are usage errors.
    auto builtin = test::runCommand(
        cli + " chat --project " + project.string() + " --builtin --react --script " + (dir / "script.txt").string(),
        true);
    EXPECT_EQ(builtin.exitCode, 2);
    EXPECT_NE(builtin.output.find("--react needs an LLM"), std::string::npos) << builtin.output;
    auto badCount = test::runCommand(base + " --reflection lots", true);
    EXPECT_EQ(badCount.exitCode, 2);
    EXPECT_NE(badCount.output.find("--reflection takes the number of re-plans"), std::string::npos) << badCount.output;
}
