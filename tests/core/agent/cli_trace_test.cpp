// recscope-cli trace list / show over a project file with a stored conversation.
#include <gtest/gtest.h>

#include "agent/tracestore.h"
#include "store/projectstore.h"
#include "testenv.h"

using namespace rs;
using namespace rs::agent;

namespace {

std::string cli() {
    return test::cliPath().string();
}

std::filesystem::path projectWithATurn(int64_t& traceId) {
    const auto path = test::tempDir("cli-trace") / "chat.rsproj";
    auto project = store::ProjectStore::create(path);
    EXPECT_TRUE(project.isOk()) << project.message();
    TraceStore traces(project->database());
    ConversationInfo info;
    info.planner = "scripted";
    info.dataset = "ml-100k";
    info.domain = "movie";
    auto conv = traces.createConversation(info);
    EXPECT_TRUE(conv.isOk());
    TurnTrace t;
    t.conversation = *conv;
    t.turn = 1;
    t.user = "westerns from the 60s";
    t.planner = "scripted";
    LlmCallTrace call;
    call.role = "planner";
    call.request = {
        {"model", "m"},
        {"messages",
         {{{"role", "system"}, {"content", "You are the planner"}}, {{"role", "user"}, {"content", t.user}}}}};
    call.response = R"js({"intent": "recommend", "plan": [...]})js";
    call.promptTokens = 900;
    call.completionTokens = 60;
    call.latencyMs = 321.5;
    call.retries = 1;
    call.cost = 0.00042;
    t.llmCalls.push_back(call);
    t.plan = {{"intent", "recommend"}, {"plan", {{{"tool", "map"}, {"input", {{"n", 2}}}}}}};
    t.planValidation = {"step 0 (search): unknown tool"};
    t.repairs = 1;
    StepTrace s;
    s.tool = "map";
    s.input = {{"n", 2}};
    s.output = {{"items", {{{"item", "1"}, {"title", "Good, The Bad and The Ugly, The (1966)"}}}}};
    for (int i = 0; i < 30; ++i) s.busBefore.push_back({{"item", std::to_string(i)}, {"score", 1.0 / (i + 1)}});
    s.ms = 0.25;
    t.steps.push_back(s);
    t.answer = "Try The Good, the Bad and the Ugly.";
    t.items = {"1"};
    t.errors = {"401: Incorrect API key provided: sk-abcdefghijklmnopqrstuvwxyz123456"};
    auto id = traces.saveTurn(t);
    EXPECT_TRUE(id.isOk()) << id.message();
    traceId = id.isOk() ? *id : 0;
    return path;
}

}  // namespace

TEST(CliTrace, ListsConversationsAndShowsAFullTrace) {
    int64_t id = 0;
    const auto project = projectWithATurn(id);
    auto list = test::runCommand(cli() + " trace list --project " + project.string());
    ASSERT_EQ(list.exitCode, 0) << list.output;
    EXPECT_NE(list.output.find("conversation 1"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("trace " + std::to_string(id)), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("960 tokens"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("westerns from the 60s"), std::string::npos);

    auto show = test::runCommand(cli() + " trace show " + std::to_string(id) + " --project " + project.string());
    ASSERT_EQ(show.exitCode, 0) << show.output;
    for (const char* expected :
         {"planner: 900 prompt + 60 completion tokens, 321.5 ms", "1 retries", "You are the planner",
          "validation: step 0 (search): unknown tool", "repairs: 1", "[0] map (0.25 ms)", "30 candidates",
          "20 more (--bus 0 shows all)", "Try The Good, the Bad and the Ugly."})
        EXPECT_NE(show.output.find(expected), std::string::npos) << expected << "\n" << show.output;
    EXPECT_EQ(show.output.find("sk-abcdefghijklmnop"), std::string::npos) << "keys are never printed";

    auto json = test::runCommand(cli() + " trace show " + std::to_string(id) + " --json --project " + project.string());
    ASSERT_EQ(json.exitCode, 0);
    auto j = nlohmann::json::parse(json.output, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << json.output;
    EXPECT_EQ(j["llm_calls"][0]["prompt_tokens"], 900);
    EXPECT_EQ(j["steps"][0]["bus_before"].size(), 30u);
}

TEST(CliTrace, BadArgumentsAreClearErrors) {
    int64_t id = 0;
    const auto project = projectWithATurn(id);
    auto missing = test::runCommand(cli() + " trace show 999 --project " + project.string(), true);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.output.find("no trace 999"), std::string::npos) << missing.output;
    auto notNumber = test::runCommand(cli() + " trace show abc --project " + project.string(), true);
    EXPECT_EQ(notNumber.exitCode, 2);
    auto noProject = test::runCommand(cli() + " trace list", true);
    EXPECT_EQ(noProject.exitCode, 2);
    EXPECT_NE(noProject.output.find("--project"), std::string::npos);
    auto badSub = test::runCommand(cli() + " trace replay --project " + project.string(), true);
    EXPECT_EQ(badSub.exitCode, 2);
    auto empty = test::runCommand(
        cli() + " trace list --project " + (test::tempDir("cli-trace") / "none.rsproj").string(), true);
    EXPECT_EQ(empty.exitCode, 1) << "a missing project file is an error";
}
