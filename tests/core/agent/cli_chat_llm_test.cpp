// recscope-cli chat --profile NAME against the scripted server: the LLM plans and writes, the
// answer streams to stdout, and each turn's trace lands in the project for `trace show`.
#include <gtest/gtest.h>

#include <fstream>

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
