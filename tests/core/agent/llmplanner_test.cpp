// The plan-first LLM planner behind Conversation (what `chat --profile` runs), and the pieces of
// the LLM planner call: answer parsing, repair, critique parsing, the tool log.
#include <gtest/gtest.h>

#include "agent/answerwriter.h"
#include "agent/conversation.h"
#include "agent/llmplanner.h"
#include "agent/reflection.h"
#include "llmagenttesthelpers.h"

using namespace rs;
using namespace rs::agent;
using rs::test::reply;

TEST(LlmPlannerAnswer, SplitsTheChitChatAnswerFromThePlan) {
    auto a = parsePlannerAnswer(
        "Sure!\n```json\n{\"intent\": \"chitchat\", \"plan\": [], \"answer\": \"Hi!\", "
        "\"thought\": \"a greeting\"}\n```");
    ASSERT_TRUE(a.parse.ok()) << a.parse.errors.front();
    EXPECT_EQ(a.answer, "Hi!");
    EXPECT_EQ(a.parse.plan->intent, Intent::Chitchat);
    auto none = parsePlannerAnswer("I would recommend Heat.");
    ASSERT_FALSE(none.parse.ok());
    EXPECT_NE(none.parse.errors.front().find("no JSON object"), std::string::npos);
    auto cut = parsePlannerAnswer(R"js({"intent": "recommend", "plan": [)js");
    ASSERT_FALSE(cut.parse.ok());
    EXPECT_NE(cut.parse.errors.front().find("cut off"), std::string::npos);
}

TEST(Critique, ParsesJsonAndPlainVerdicts) {
    auto no = parseCritique(R"js({"verdict": "No", "critique": "Alien is in the list."})js");
    ASSERT_TRUE(no.isOk());
    EXPECT_FALSE(no->satisfied);
    EXPECT_EQ(no->critique, "Alien is in the list.");
    auto yes = parseCritique("Yes. Looks good.");
    ASSERT_TRUE(yes.isOk());
    EXPECT_TRUE(yes->satisfied);
    EXPECT_TRUE(yes->critique.empty());
    auto plain = parseCritique("**No** - the years are wrong");
    ASSERT_TRUE(plain.isOk());
    EXPECT_FALSE(plain->satisfied);
    EXPECT_EQ(plain->critique, "the years are wrong");
    EXPECT_FALSE(parseCritique("Nope").isOk()) << "'Nope' is not a verdict";
    EXPECT_FALSE(parseCritique(R"js({"verdict": "maybe"})js").isOk());
    EXPECT_FALSE(parseCritique("").isOk());
}

TEST(ToolLog, CutsHugeOutputsAndShowsErrors) {
    StepTrace ok;
    ok.tool = "lookup";
    ok.input = {{"sql", "SELECT 1"}};
    ok.output = {{"rows", std::string(10000, 'x')}};
    StepTrace bad;
    bad.tool = "hard_filter";
    bad.error = "refused: writes are not allowed";
    const std::string log = formatToolLog({ok, bad}, 500);
    EXPECT_LT(log.size(), 800u);
    EXPECT_NE(log.find("output cut"), std::string::npos);
    EXPECT_NE(log.find("step 1 hard_filter"), std::string::npos);
    EXPECT_NE(log.find("ERROR: refused: writes are not allowed"), std::string::npos);
    EXPECT_EQ(formatToolLog({}), "(no tools were run)");
    EXPECT_EQ(formatItems({ok}), "(no items)");
}

class LlmPlannerConversation : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(server.start());
        auto planner = makeLlmPlanner(test::scriptedProfile(server), "movie", test::resourcesDir());
        ASSERT_TRUE(planner.isOk()) << planner.message();
        planner_ = planner->get();
        planner_->setTokenSink([this](std::string_view t) { streamed += t; });
        auto c = Conversation::create(test::ml100kTools(), std::move(*planner));
        ASSERT_TRUE(c.isOk()) << c.message();
        conversation = std::make_unique<Conversation>(std::move(*c));
    }
    void TearDown() override {
        conversation.reset();  // closes the client's kept-alive connection before the server stops
        server.stop();
    }
    TurnResult turn(const std::string& text, const std::vector<std::string>& replies) {
        for (const auto& r : replies) server.enqueue(reply(r));
        streamed.clear();
        return conversation->turn(text);
    }

    test::ScriptedLlmServer server;
    std::unique_ptr<Conversation> conversation;
    LlmPlanner* planner_ = nullptr;
    std::string streamed;
};

TEST_F(LlmPlannerConversation, RecommendsInTwoCallsWithTheRealTableDescription) {
    auto r = turn("Westerns from the 60s or 70s", {R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"},
                                                         {"column": "year", "op": "between", "value": [1960, 1979]}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 5}}]})js",
                                                   "Five westerns."});
    EXPECT_TRUE(r.trace.errors.empty()) << r.trace.errors.front();
    ASSERT_EQ(r.trace.llmCalls.size(), 2u);
    EXPECT_EQ(r.trace.llmCalls[0].role, "planner");
    EXPECT_EQ(r.trace.llmCalls[1].role, "writer");
    EXPECT_EQ(r.trace.planner, "scripted");
    EXPECT_EQ(r.answer, "Five westerns.");
    EXPECT_EQ(streamed, "Five westerns.");
    EXPECT_EQ(r.items.size(), 5u);
    // The planner prompt holds describeTable's view of the catalog, with Western near the user's words.
    const std::string prompt = server.requests()[0].json["messages"][0]["content"].get<std::string>();
    EXPECT_NE(prompt.find("genres"), std::string::npos);
    EXPECT_NE(prompt.find("Western"), std::string::npos);
    EXPECT_NE(prompt.find("1682"), std::string::npos) << "the table description counts the items";
}

TEST_F(LlmPlannerConversation, ChitChatCostsOneCallAndDislikesAreEnforced) {
    auto hi = turn("Hello!", {R"js({"intent": "chitchat", "plan": [], "answer": "Hello there!"})js"});
    EXPECT_EQ(hi.trace.llmCalls.size(), 1u);
    EXPECT_EQ(hi.answer, "Hello there!");
    EXPECT_EQ(streamed, "Hello there!");

    const std::string plan = R"js({"intent": "recommend", "plan": [
        {"tool": "soft_filter", "input": {"seeds": ["Return of the Jedi (1983)"], "by": "embedding", "keep": 50}},
        {"tool": "rank", "input": {"by": "similarity", "liked": ["Return of the Jedi (1983)"]}},
        {"tool": "map", "input": {"n": 10}}]})js";
    auto r = turn("I didn't like Star Wars (1977). Something like Return of the Jedi?", {plan, "ok"});
    EXPECT_TRUE(r.trace.errors.empty()) << r.trace.errors.front();
    EXPECT_EQ(std::find(r.items.begin(), r.items.end(), "50"), r.items.end());
    EXPECT_NE(r.trace.plan.dump().find("Star Wars (1977)"), std::string::npos)
        << "the dislike was added to the rank step: " << r.trace.plan.dump();
}

TEST_F(LlmPlannerConversation, AFailedPlanIsTheAnswer) {
    auto r = turn("Westerns", {"no", "still no"});
    EXPECT_EQ(r.trace.llmCalls.size(), 2u);
    EXPECT_EQ(r.trace.repairs, 1);
    EXPECT_NE(r.answer.find("did not produce a valid plan"), std::string::npos) << r.answer;
    EXPECT_TRUE(r.items.empty());
}

TEST(MakeLlmPlanner, NamesAMissingDomain) {
    llm::EndpointProfile p;
    p.name = "x";
    p.baseUrl = "http://127.0.0.1:9/v1";
    p.model = "m";
    auto r = makeLlmPlanner(p, "book", test::resourcesDir());
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("book"), std::string::npos);
}
