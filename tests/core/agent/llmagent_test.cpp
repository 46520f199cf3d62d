// The LLM plan-first agent against a scripted OpenAI-compatible server over the real ml-100k and
// Steam catalogs: the server plays the planner, writer and critic; the tools, executor, memory
// and traces are the real ones.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "agent/llmagent.h"
#include "llm/chatclient.h"
#include "llmagenttesthelpers.h"

using namespace rs;
using namespace rs::agent;
using rs::test::reply;

namespace {

using Rig = test::AgentRig;

const data::ItemCatalog& movies() {
    return *test::ml100kData().catalog;
}

std::vector<std::string> tagsOf(const data::ItemCatalog& cat, const std::string& id, const std::string& column) {
    const auto* col = cat.column(column);
    auto row = cat.rowOf(id);
    return col && row && col->present(*row) ? col->tags(*row) : std::vector<std::string>{};
}
bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

const std::string kSciFiPlan = R"js({"intent": "recommend", "plan": [
  {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Sci-Fi"},
                                                   {"column": "year", "op": "between", "value": [1990, 1999]}]}},
  {"tool": "soft_filter", "input": {"seeds": ["Star Wars (1977)"], "by": "embedding", "keep": 100}},
  {"tool": "rank", "input": {"by": "similarity", "liked": ["Star Wars (1977)"], "disliked": ["Alien (1979)"]}},
  {"tool": "map", "input": {"n": 5}}]})js";

}  // namespace

TEST(LlmAgentMovies, RecommendsWithHardAndSoftConditionsInTwoCalls) {
    Rig rig(test::ml100kTools(), "movie");
    const std::string answer = "Here are five 90s sci-fi picks close to Star Wars.";
    auto t = rig.turn("Recommend sci-fi movies from the 90s like Star Wars but not Alien", {kSciFiPlan, answer});
    EXPECT_TRUE(t.errors.empty()) << t.errors.front();
    EXPECT_EQ(rig.roles(t), (std::vector<std::string>{"planner", "writer"})) << "plan-first: at most 2 calls";
    EXPECT_EQ(t.answer, answer);
    EXPECT_EQ(rig.streamed, answer) << "the writer's tokens reach the caller";
    ASSERT_EQ(t.items.size(), 5u);
    for (const auto& id : t.items) {
        EXPECT_TRUE(has(tagsOf(movies(), id, "genres"), "Sci-Fi")) << id;
        const int year = static_cast<int>(movies().column("year")->number(*movies().rowOf(id)));
        EXPECT_GE(year, 1990);
        EXPECT_LE(year, 1999);
        EXPECT_NE(id, "183") << "Alien was excluded";
    }
    // The planner saw the demonstrations and the table; the writer saw the tool log with the items.
    const std::string plannerPrompt = rig.systemPromptOf(0);
    EXPECT_NE(plannerPrompt.find("User: Recommend some sci-fi movies from the 90s like Star Wars but not Alien"),
              std::string::npos);
    EXPECT_NE(plannerPrompt.find(test::kMovieTable), std::string::npos);
    const std::string writerPrompt = rig.systemPromptOf(1);
    const std::string firstTitle = movies().title(*movies().rowOf(t.items[0]));
    EXPECT_NE(writerPrompt.find("step 1 soft_filter"), std::string::npos);
    EXPECT_NE(writerPrompt.find("1. " + firstTitle), std::string::npos) << writerPrompt;
    // Every call is accounted in the trace.
    for (const auto& c : t.llmCalls) {
        EXPECT_GT(c.promptTokens, 0);
        EXPECT_GT(c.latencyMs, 0.0);
        EXPECT_EQ(c.request["model"], "test-model");
    }
    EXPECT_GE(t.llmCalls[1].ttftMs, 0.0) << "the writer streams";
    EXPECT_EQ(t.steps.size(), 4u);
    EXPECT_EQ(t.plan["plan"].size(), 4u);
    // The rules read the message into the profile.
    EXPECT_TRUE(has(rig.agent->profile().disliked.items, "Alien"));
    EXPECT_TRUE(has(rig.agent->profile().expected.attributes, "Sci-Fi"));
}

TEST(LlmAgentMovies, LooksUpFactsAndTheWriterSeesThem) {
    Rig rig(test::ml100kTools(), "movie");
    auto t =
        rig.turn("When was Fargo released?", {R"js({"intent": "lookup", "plan": [{"tool": "lookup", "input": {"sql":
                          "SELECT title, release_date FROM items WHERE title LIKE 'Fargo%' LIMIT 5"}}]})js",
                                              "Fargo was released on 14 February 1997."});
    EXPECT_TRUE(t.errors.empty()) << t.errors.front();
    ASSERT_EQ(t.steps.size(), 1u);
    EXPECT_NE(t.steps[0].output.dump().find("1997-02-14"), std::string::npos) << t.steps[0].output.dump();
    EXPECT_NE(rig.systemPromptOf(1).find("1997-02-14"), std::string::npos) << "the writer gets the looked-up rows";
    EXPECT_EQ(t.llmCalls.size(), 2u);
}

TEST(LlmAgentMovies, FollowUpRefinesThePreviousCandidates) {
    Rig rig(test::ml100kTools(), "movie");
    auto first = rig.turn("Some comedies please", {R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Comedy"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 10}}]})js",
                                                   "Ten popular comedies."});
    ASSERT_TRUE(first.errors.empty()) << first.errors.front();
    std::set<size_t> before;
    for (const auto& c : rig.agent->bus().items()) before.insert(c.row);
    ASSERT_GT(before.size(), 100u);
    EXPECT_NE(rig.agent->candidatesText().find(std::to_string(before.size()) + " candidates"), std::string::npos);

    auto second = rig.turn("Only the ones from before 1980", {R"js({"intent": "recommend", "refine": true, "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "year", "op": "<", "value": 1980}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 10}}]})js",
                                                              "Older comedies."});
    ASSERT_TRUE(second.errors.empty()) << second.errors.front();
    ASSERT_FALSE(second.items.empty());
    for (const auto& id : second.items) {
        EXPECT_TRUE(before.count(*movies().rowOf(id))) << id << " was not among the previous candidates";
        EXPECT_TRUE(has(tagsOf(movies(), id, "genres"), "Comedy"));
    }
    // The second planner call was told about the candidates and the conversation.
    const std::string prompt = rig.systemPromptOf(2);
    EXPECT_NE(prompt.find(std::to_string(before.size()) + " candidates, best first"), std::string::npos);
    EXPECT_NE(prompt.find("User: Some comedies please"), std::string::npos);
}

TEST(LlmAgentMovies, ChitChatIsAnsweredInOneCall) {
    Rig rig(test::ml100kTools(), "movie");
    auto t = rig.turn("Hi there!",
                      {R"js({"intent": "chitchat", "plan": [], "answer": "Hello! What are you in the mood for?"})js"});
    EXPECT_EQ(rig.roles(t), std::vector<std::string>{"planner"});
    EXPECT_EQ(t.answer, "Hello! What are you in the mood for?");
    EXPECT_EQ(rig.streamed, t.answer);
    EXPECT_TRUE(t.steps.empty());
    EXPECT_TRUE(t.errors.empty());
}

TEST(LlmAgentMovies, ADislikedItemIsNeverReturned) {
    Rig rig(test::ml100kTools(), "movie");
    const std::string plan = R"js({"intent": "recommend", "plan": [
        {"tool": "soft_filter", "input": {"seeds": ["Return of the Jedi (1983)"], "by": "embedding", "keep": 50}},
        {"tool": "rank", "input": {"by": "similarity", "liked": ["Return of the Jedi (1983)"]}},
        {"tool": "map", "input": {"n": 10}}]})js";
    // Without the dislike, Star Wars is among the nearest to Return of the Jedi...
    auto control = rig.turn("Movies like Return of the Jedi", {plan, "ok"});
    ASSERT_TRUE(control.errors.empty()) << control.errors.front();
    ASSERT_TRUE(has(control.items, "50")) << "the control turn should find Star Wars";
    // ...but once the user says they hate it, it never comes back, though the plan does not say so.
    auto t = rig.turn("I hate Star Wars (1977). Movies like Return of the Jedi", {plan, "ok"});
    EXPECT_TRUE(has(rig.agent->profile().disliked.items, "Star Wars (1977)"));
    ASSERT_FALSE(t.items.empty());
    EXPECT_FALSE(has(t.items, "50"));
    auto later = rig.turn("More like Return of the Jedi", {plan, "ok"});
    EXPECT_FALSE(has(later.items, "50")) << "the dislike is remembered for the conversation";
}

TEST(LlmAgentMovies, AnInvalidPlanIsRepairedOnce) {
    Rig rig(test::ml100kTools(), "movie");
    auto t = rig.turn("Popular westerns",
                      {R"js({"intent": "recommend", "plan": [{"tool": "search", "input": {"q": "western"}}]})js",
                       R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 3}}]})js",
                       "Three westerns."});
    EXPECT_EQ(t.repairs, 1);
    ASSERT_FALSE(t.planValidation.empty());
    EXPECT_NE(t.planValidation.front().find("search"), std::string::npos) << t.planValidation.front();
    EXPECT_EQ(rig.roles(t), (std::vector<std::string>{"planner", "planner", "writer"}));
    // The repair request carries the bad plan and the validation errors.
    const auto repair = rig.server.requests()[1].json["messages"];
    ASSERT_EQ(repair.size(), 4u);
    EXPECT_EQ(repair[2]["role"], "assistant");
    EXPECT_NE(repair[3]["content"].get<std::string>().find("search"), std::string::npos);
    ASSERT_EQ(t.items.size(), 3u);
    for (const auto& id : t.items) EXPECT_TRUE(has(tagsOf(movies(), id, "genres"), "Western"));
    EXPECT_TRUE(t.errors.empty());
}

TEST(LlmAgentMovies, APlanThatStillFailsEndsWithAClearMessage) {
    Rig rig(test::ml100kTools(), "movie");
    auto t = rig.turn("Popular westerns", {"I think you would like some westerns!", R"js({"intent": "recommend"})js"});
    EXPECT_EQ(rig.roles(t), (std::vector<std::string>{"planner", "planner"})) << "no writer call after a failed plan";
    EXPECT_EQ(t.repairs, 1);
    EXPECT_TRUE(t.steps.empty());
    EXPECT_EQ(t.answer.rfind("Sorry, I could not work out how to answer that.", 0), 0u) << t.answer;
    EXPECT_NE(t.answer.find("\"plan\""), std::string::npos) << "the message says what was wrong: " << t.answer;
    EXPECT_EQ(rig.streamed, t.answer);
    ASSERT_EQ(t.errors.size(), 1u);
    EXPECT_FALSE(t.plan.is_object());
}

TEST(LlmAgentMovies, ReflectionRePlansWithTheCritique) {
    LlmAgentOptions o;
    o.reflection = true;
    Rig rig(test::ml100kTools(), "movie", o);
    const std::string loose = R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Horror"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 5}}]})js";
    const std::string strict = R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Horror"},
                                                         {"column": "year", "op": "<", "value": 1970}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 5}}]})js";
    auto t = rig.turn(
        "Old horror movies from before 1970",
        {loose, "Five horror movies.",
         R"js({"verdict": "No", "critique": "The user asked for movies before 1970; add a year < 1970 condition."})js",
         strict, "Five horror classics from before 1970."});
    EXPECT_EQ(rig.roles(t), (std::vector<std::string>{"planner", "writer", "critic", "planner", "writer"}));
    EXPECT_NE(rig.server.requests()[3].json["messages"][1]["content"].get<std::string>().find("add a year < 1970"),
              std::string::npos)
        << "the re-plan carries the critique";
    EXPECT_EQ(t.answer, "Five horror classics from before 1970.");
    ASSERT_FALSE(t.items.empty());
    for (const auto& id : t.items) EXPECT_LT(movies().column("year")->number(*movies().rowOf(id)), 1970) << id;
    EXPECT_NE(rig.streamed.find("[revised after review]"), std::string::npos);

    // A "Yes" verdict ends the turn after one critic call.
    auto ok = rig.turn("Old horror movies from before 1970", {strict, "Classics.", R"js({"verdict": "Yes"})js"});
    EXPECT_EQ(rig.roles(ok), (std::vector<std::string>{"planner", "writer", "critic"}));
}

TEST(LlmAgentMovies, LlmMemoryExtractionIsOneExtraCall) {
    LlmAgentOptions o;
    o.llmMemory = true;
    Rig rig(test::ml100kTools(), "movie", o);
    auto t = rig.turn("I loved Heat. Any crime movies?",
                      {R"js({"liked_items": ["Heat (1995)"], "disliked_items": [], "expected_items": [],
                           "liked_attributes": [], "disliked_attributes": ["Horror"], "expected_attributes": ["Crime"]})js",
                       R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Crime"}]}},
        {"tool": "rank", "input": {"by": "preference", "liked": ["Heat (1995)"]}}, {"tool": "map", "input": {"n": 5}}]})js",
                       "Crime picks."});
    EXPECT_EQ(rig.roles(t), (std::vector<std::string>{"memory", "planner", "writer"}));
    EXPECT_EQ(rig.agent->profile().liked.items, std::vector<std::string>{"Heat (1995)"});
    EXPECT_NE(rig.systemPromptOf(1).find("Heat (1995)"), std::string::npos) << "the planner sees the profile";
    EXPECT_EQ(t.items.size(), 5u);
    // A memory answer that is not the profile JSON falls back to the rules and says so.
    auto bad = rig.turn("I loved Casino", {"no idea", R"js({"intent": "chitchat", "plan": [], "answer": "Nice!"})js"});
    EXPECT_TRUE(has(rig.agent->profile().liked.items, "Casino"));
    ASSERT_FALSE(bad.errors.empty());
    EXPECT_NE(bad.errors.front().find("memory"), std::string::npos);
}

TEST(LlmAgentMovies, ServerFailuresEndInAnAnswer) {
    Rig rig(test::ml100kTools(), "movie");
    test::ScriptedReply down;
    down.fault = test::Fault::Status;
    down.status = 401;
    down.errorMessage = "Incorrect API key";
    rig.server.enqueue(down);
    auto t = rig.agent->turn("Popular westerns");
    EXPECT_EQ(t.answer.rfind("Sorry", 0), 0u) << t.answer;
    ASSERT_EQ(t.llmCalls.size(), 1u);
    EXPECT_EQ(t.llmCalls[0].response.rfind("error: ", 0), 0u);
    // The writer failing still shows the items.
    rig.server.enqueue(reply(R"js({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 3}}]})js"));
    rig.server.enqueue(down);
    auto w = rig.agent->turn("Popular westerns");
    ASSERT_EQ(w.items.size(), 3u);
    EXPECT_NE(w.answer.find("The answer writer failed"), std::string::npos) << w.answer;
    EXPECT_NE(w.answer.find("1. " + movies().title(*movies().rowOf(w.items[0]))), std::string::npos) << w.answer;
    EXPECT_EQ(w.answer.find("Incorrect API key provided: sk-"), std::string::npos);
}
