#include <gtest/gtest.h>

#include "agent/tracestore.h"
#include "store/projectstore.h"
#include "testenv.h"

using namespace rs;
using namespace rs::agent;

namespace {

TurnTrace sampleTurn(const std::string& conversation, int turn) {
    TurnTrace t;
    t.conversation = conversation;
    t.turn = turn;
    t.user = "sci-fi from the 90s like Star Wars";
    t.planner = "scripted";
    LlmCallTrace call;
    call.role = "planner";
    call.request = {{"model", "m"}, {"messages", {{{"role", "user"}, {"content", t.user}}}}};
    call.response = R"js({"intent": "recommend", "plan": []})js";
    call.promptTokens = 120;
    call.completionTokens = 30;
    call.latencyMs = 12.5;
    t.llmCalls.push_back(call);
    call.role = "writer";
    call.promptTokens = 200;
    call.completionTokens = 50;
    t.llmCalls.push_back(call);
    t.plan = {{"intent", "recommend"}, {"plan", {{{"tool", "map"}, {"input", {{"n", 3}}}}}}};
    StepTrace step;
    step.tool = "map";
    step.input = {{"n", 3}};
    step.output = {{"titles", {"Contact (1997)"}}};
    step.busAfter = {{{"item", "258"}, {"score", 0.9}, {"provenance", {"step 0 map"}}}};
    step.ms = 0.4;
    t.steps.push_back(step);
    t.answer = "Try Contact (1997).";
    t.items = {"258"};
    return t;
}

}  // namespace

TEST(TraceStore, SavesListsAndLoadsTurnsBack) {
    const auto path = test::tempDir("traces") / "t.rsproj";
    std::string conv;
    int64_t second = 0;
    {
        auto project = store::ProjectStore::create(path);
        ASSERT_TRUE(project.isOk()) << project.message();
        TraceStore traces(project->database());
        EXPECT_TRUE(traces.listConversations()->empty());
        EXPECT_TRUE(traces.listTurns()->empty());
        EXPECT_FALSE(traces.loadTurnJson(1).isOk());

        ConversationInfo info;
        info.user = "ann";
        info.planner = "scripted";
        info.dataset = "ml-100k";
        info.domain = "movie";
        auto id = traces.createConversation(info);
        ASSERT_TRUE(id.isOk()) << id.message();
        conv = *id;
        ASSERT_TRUE(traces.saveTurn(sampleTurn(conv, 1)).isOk());
        auto s = traces.saveTurn(sampleTurn(conv, 2));
        ASSERT_TRUE(s.isOk()) << s.message();
        second = *s;
    }
    auto project = store::ProjectStore::open(path);
    ASSERT_TRUE(project.isOk());
    TraceStore traces(project->database());
    auto convs = traces.listConversations();
    ASSERT_TRUE(convs.isOk());
    ASSERT_EQ(convs->size(), 1u);
    EXPECT_EQ(convs->front().user, "ann");
    EXPECT_EQ(convs->front().domain, "movie");
    EXPECT_EQ(convs->front().turns, 2);
    auto turns = traces.listTurns(conv);
    ASSERT_TRUE(turns.isOk());
    ASSERT_EQ(turns->size(), 2u);
    EXPECT_EQ((*turns)[1].id, second);
    EXPECT_EQ((*turns)[1].llmCalls, 2);
    EXPECT_EQ((*turns)[1].tokens, 400);
    EXPECT_EQ((*turns)[1].answer, "Try Contact (1997).");
    auto loaded = traces.loadTurn(second);
    ASSERT_TRUE(loaded.isOk()) << loaded.message();
    EXPECT_EQ(loaded->toJson(), sampleTurn(conv, 2).toJson());
    auto all = traces.loadConversation(conv);
    ASSERT_TRUE(all.isOk());
    EXPECT_EQ(all->size(), 2u);
    auto missing = traces.loadTurnJson(999);
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.message().find("999"), std::string::npos);
    EXPECT_FALSE(traces.listTurns("abc").isOk());
}

TEST(TraceStore, ReSavingATurnReplacesIt) {
    auto project = store::ProjectStore::create(test::tempDir("traces") / "t.rsproj");
    ASSERT_TRUE(project.isOk());
    TraceStore traces(project->database());
    auto conv = traces.createConversation(ConversationInfo{});
    ASSERT_TRUE(conv.isOk());
    auto t = sampleTurn(*conv, 1);
    ASSERT_TRUE(traces.saveTurn(t).isOk());
    t.answer = "after reflection";
    auto id = traces.saveTurn(t);
    ASSERT_TRUE(id.isOk());
    auto turns = traces.listTurns(*conv);
    ASSERT_EQ(turns->size(), 1u);
    EXPECT_EQ(turns->front().answer, "after reflection");
}

TEST(TraceStore, BadTracesAreRefusedAndSecretsNeverStored) {
    auto project = store::ProjectStore::create(test::tempDir("traces") / "t.rsproj");
    ASSERT_TRUE(project.isOk());
    TraceStore traces(project->database());
    auto bad = traces.saveTurnJson({{"conversation", "x"}, {"turn", 1}});
    ASSERT_FALSE(bad.isOk());
    EXPECT_NE(bad.message().find("conversation"), std::string::npos);
    EXPECT_FALSE(traces.saveTurnJson({{"conversation", "1"}}).isOk());
    EXPECT_FALSE(traces.saveTurnJson(nlohmann::json::array()).isOk());

    auto t = sampleTurn("5", 1);  // a conversation not created here is created on save
    const std::string key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
    t.llmCalls[0].request["api_key"] = key;
    t.llmCalls[0].request["headers"] = {{"Authorization", "Bearer " + key}};
    t.errors.push_back("401 from server: Incorrect API key provided: " + key);
    auto id = traces.saveTurn(t);
    ASSERT_TRUE(id.isOk()) << id.message();
    auto j = traces.loadTurnJson(*id);
    ASSERT_TRUE(j.isOk());
    const std::string stored = j->dump();
    EXPECT_EQ(stored.find(key), std::string::npos) << stored;
    EXPECT_EQ(stored.find("abcdefghijklmnop"), std::string::npos);
    EXPECT_NE(stored.find("Incorrect API key provided"), std::string::npos) << "the error itself is kept";
    EXPECT_EQ((*j)["llm_calls"][0]["prompt_tokens"], 120) << "token counts are not secrets";
    EXPECT_EQ(traces.listConversations()->size(), 1u);
}
