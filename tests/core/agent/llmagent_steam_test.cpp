// The LLM agent on the Steam games catalog (32k items, no interactions), and plan-first against
// step-by-step (ReAct) on the same scripted conversations: LLM calls per turn, from the traces.
#include <gtest/gtest.h>

#include <cstdio>

#include "agent/llmagent.h"
#include "llm/chatclient.h"
#include "llmagenttesthelpers.h"

using namespace rs;
using namespace rs::agent;
using rs::test::reply;

namespace {

struct SteamRig : test::AgentRig {
    explicit SteamRig(LlmAgentOptions o = {}) : AgentRig(test::steamTools(), "game", std::move(o)) {}
};

const data::ItemCatalog& games() {
    return *test::steamGamesData().catalog;
}

double priceOf(const std::string& id) {
    const auto* col = games().column("price");
    auto row = games().rowOf(id);
    return col && row && col->present(*row) ? col->number(*row) : -1;
}
bool taggedAs(const std::string& id, const std::string& tag) {
    const auto* col = games().column("tags");
    auto row = games().rowOf(id);
    if (!col || !row || !col->present(*row)) return false;
    const auto& t = col->tags(*row);
    return std::find(t.begin(), t.end(), tag) != t.end();
}

// One scripted turn, written once and replayed in both modes: the plan (plan-first) is the same
// list of steps the ReAct model takes one call at a time.
struct ScriptedTurn {
    std::string user;
    std::string intent;
    bool refine = false;
    std::vector<nlohmann::json> steps;  // {"tool", "input"}
    std::string answer;
};

std::vector<ScriptedTurn> conversation() {
    using J = nlohmann::json;
    return {
        {"Hello!", "chitchat", false, {}, "Hi! What would you like to play?"},
        {"Roguelike games under $10 like FTL",
         "recommend",
         false,
         {J{{"tool", "hard_filter"},
            {"input",
             {{"conditions", J::array({{{"column", "tags"}, {"op", "has"}, {"value", "Rogue-like"}},
                                       {{"column", "price"}, {"op", "<="}, {"value", 10}}})}}}},
          J{{"tool", "soft_filter"},
            {"input", {{"seeds", {"FTL: Faster Than Light"}}, {"by", "embedding"}, {"keep", 100}}}},
          J{{"tool", "rank"}, {"input", {{"by", "similarity"}, {"liked", {"FTL: Faster Than Light"}}}}},
          J{{"tool", "map"}, {"input", {{"n", 5}}}}},
         "Five roguelikes under $10."},
        {"How much is Portal 2?",
         "lookup",
         false,
         {J{{"tool", "lookup"},
            {"input", {{"sql", "SELECT title, price FROM items WHERE title = 'Portal 2' LIMIT 3"}}}}},
         "Portal 2 costs $19.99."},
        {"Only the cheaper ones among those, under $5",
         "recommend",
         true,
         {J{{"tool", "hard_filter"},
            {"input", {{"conditions", J::array({{{"column", "price"}, {"op", "<"}, {"value", 5}}})}}}},
          J{{"tool", "rank"}, {"input", {{"by", "popularity"}}}}, J{{"tool", "map"}, {"input", {{"n", 5}}}}},
         "The cheaper ones."},
        {"Thanks!", "chitchat", false, {}, "Have fun!"},
    };
}

std::string planFirstReply(const ScriptedTurn& t) {
    nlohmann::json plan = {{"intent", t.intent}, {"plan", t.steps}};
    if (t.refine) plan["refine"] = true;
    if (t.intent == "chitchat") plan["answer"] = t.answer;
    return plan.dump();
}

std::vector<std::string> reactReplies(const ScriptedTurn& t) {
    std::vector<std::string> out;
    for (size_t i = 0; i < t.steps.size(); ++i) {
        nlohmann::json s = t.steps[i];
        s["thought"] = "next step";
        if (i == 0 && t.refine) s["refine"] = true;
        out.push_back(s.dump());
    }
    out.push_back(nlohmann::json{{"thought", "done"}, {"answer", t.answer}}.dump());
    return out;
}

}  // namespace

TEST(LlmAgentSteam, RecommendsWithTagPriceAndSimilarity) {
    SteamRig rig;
    const auto turns = conversation();
    auto t = rig.turn(turns[1].user, {planFirstReply(turns[1]), turns[1].answer});
    EXPECT_TRUE(t.errors.empty()) << t.errors.front();
    EXPECT_EQ(t.llmCalls.size(), 2u);
    ASSERT_EQ(t.items.size(), 5u);
    for (const auto& id : t.items) {
        EXPECT_TRUE(taggedAs(id, "Rogue-like")) << id;
        EXPECT_LE(priceOf(id), 10.0) << id;
        EXPECT_NE(id, "212680") << "the seed itself is not recommended";
    }
}

TEST(LlmAgentSteam, LooksUpAPriceAndRefinesAFollowUp) {
    SteamRig rig;
    const auto turns = conversation();
    auto rec = rig.turn(turns[1].user, {planFirstReply(turns[1]), turns[1].answer});
    ASSERT_TRUE(rec.errors.empty()) << rec.errors.front();
    const size_t busAfterRecommendation = rig.agent->bus().size();
    auto price = rig.turn(turns[2].user, {planFirstReply(turns[2]), turns[2].answer});
    EXPECT_TRUE(price.errors.empty()) << price.errors.front();
    EXPECT_NE(price.steps.at(0).output.dump().find("19.99"), std::string::npos) << price.steps[0].output.dump();
    EXPECT_EQ(rig.agent->bus().size(), busAfterRecommendation) << "a look-up keeps the candidates";
    auto cheaper = rig.turn(turns[3].user, {planFirstReply(turns[3]), turns[3].answer});
    EXPECT_TRUE(cheaper.errors.empty()) << cheaper.errors.front();
    ASSERT_FALSE(cheaper.items.empty());
    for (const auto& id : cheaper.items) {
        EXPECT_LT(priceOf(id), 5.0) << id;
        EXPECT_TRUE(taggedAs(id, "Rogue-like")) << id << ": the follow-up must stay within the roguelikes";
    }
}

TEST(LlmAgentSteam, PlanFirstUsesFewerCallsThanReact) {
    const auto turns = conversation();
    SteamRig planFirst;
    LlmAgentOptions reactOptions;
    reactOptions.mode = AgentMode::React;
    SteamRig react(reactOptions);
    size_t totalPlanFirst = 0, totalReact = 0;
    std::printf("calls per turn (Steam, scripted): turn | tool steps | plan-first | ReAct\n");
    for (const auto& turn : turns) {
        std::vector<std::string> pf = {planFirstReply(turn)};
        if (turn.intent != "chitchat") pf.push_back(turn.answer);
        auto a = planFirst.turn(turn.user, pf);
        auto b = react.turn(turn.user, reactReplies(turn));
        EXPECT_TRUE(a.errors.empty()) << turn.user << ": " << a.errors.front();
        EXPECT_TRUE(b.errors.empty()) << turn.user << ": " << b.errors.front();
        EXPECT_LE(a.llmCalls.size(), 2u) << turn.user;
        EXPECT_EQ(b.llmCalls.size(), turn.steps.size() + 1) << turn.user;
        for (const auto& c : b.llmCalls) EXPECT_EQ(c.role, "step");
        EXPECT_EQ(a.items, b.items) << turn.user << ": both modes run the same tools";
        EXPECT_EQ(b.answer, turn.answer);
        std::printf("  %-45s | %zu | %zu | %zu\n", turn.user.c_str(), turn.steps.size(), a.llmCalls.size(),
                    b.llmCalls.size());
        totalPlanFirst += a.llmCalls.size();
        totalReact += b.llmCalls.size();
    }
    std::printf("  total: plan-first %zu calls, ReAct %zu calls over %zu turns\n", totalPlanFirst, totalReact,
                turns.size());
    EXPECT_LT(totalPlanFirst, totalReact);
}

TEST(LlmAgentSteam, ReactShowsInvalidStepsToTheModelAndStopsAtTheLimit) {
    LlmAgentOptions o;
    o.mode = AgentMode::React;
    o.maxReactSteps = 2;
    SteamRig rig(o);
    rig.server.setDefaultReply(reply(R"js({"thought": "again", "tool": "map", "input": {"n": 3}})js"));
    rig.server.enqueue(reply(R"js({"tool": "teleport", "input": {}})js"));
    auto t = rig.agent->turn("Free games");
    ASSERT_FALSE(t.planValidation.empty());
    EXPECT_NE(t.planValidation.front().find("teleport"), std::string::npos);
    // The second call saw the invalid step in its scratchpad.
    const auto second = rig.server.requests().at(1).json["messages"][0]["content"].get<std::string>();
    EXPECT_NE(second.find("INVALID"), std::string::npos);
    EXPECT_LE(t.llmCalls.size(), 5u) << "bounded";
    EXPECT_FALSE(t.errors.empty());
    EXPECT_NE(t.answer.find("step limit"), std::string::npos) << t.answer;
}
