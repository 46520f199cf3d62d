// TurnTrace: the JSON form round-trips, wrong shapes fail naming the field, and the summary
// labels the built-in planner.
#include <gtest/gtest.h>

#include "agent/trace.h"
#include "llm/chatmessage.h"

namespace rs::agent {
namespace {

using nlohmann::json;

TurnTrace sampleTrace() {
    TurnTrace t;
    t.conversation = "c7";
    t.turn = 3;
    t.user = "sci-fi like Star Wars";
    t.planner = "builtin";
    LlmCallTrace call;
    call.role = "planner";
    call.request = {{"model", "m"}, {"messages", json::array()}};
    call.response = "{}";
    llm::CallStats stats;
    stats.promptTokens = 120;
    stats.completionTokens = 30;
    stats.latencySeconds = 0.25;
    stats.firstTokenSeconds = 0.05;
    stats.retries = 1;
    stats.costUsd = 0.001;
    call.setStats(stats);
    t.llmCalls.push_back(call);
    t.plan = {{"intent", "recommend"}, {"plan", json::array()}};
    t.planValidation = {"step 0 (rank): bad"};
    t.repairs = 1;
    StepTrace s;
    s.tool = "hard_filter";
    s.input = {{"where", "year > 1990"}};
    s.output = {{"kept", 2}};
    s.busAfter = json::array({{{"item", "1"}, {"score", 0.5}, {"provenance", {"step 0 hard_filter"}}}});
    s.ms = 1.5;
    s.error = "";
    t.steps.push_back(s);
    t.answer = "Try these.";
    t.items = {"1"};
    t.errors = {"x"};
    return t;
}

TEST(TurnTrace, JsonRoundTrip) {
    const TurnTrace t = sampleTrace();
    EXPECT_DOUBLE_EQ(t.llmCalls[0].latencyMs, 250.0);
    EXPECT_DOUBLE_EQ(t.llmCalls[0].ttftMs, 50.0);
    const json j = t.toJson();
    for (const char* key : {"conversation", "turn", "user", "planner", "llm_calls", "plan", "plan_validation",
                            "repairs", "steps", "answer", "items", "errors"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["steps"][0]["bus_after"][0]["item"], "1");
    auto back = TurnTrace::fromJson(j);
    ASSERT_TRUE(back.isOk()) << back.message();
    EXPECT_EQ(back->toJson(), j);
}

TEST(TurnTrace, WrongShapeNamesTheField) {
    json j = sampleTrace().toJson();
    j["turn"] = "three";
    auto r = TurnTrace::fromJson(j);
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.message().find("\"turn\""), std::string::npos) << r.message();
    EXPECT_FALSE(TurnTrace::fromJson(json::array()).isOk());
}

TEST(TurnTrace, SummaryLabelsBuiltinPlannerAndErrors) {
    const std::string s = sampleTrace().summary();
    EXPECT_NE(s.find("Built-in planner (no LLM)"), std::string::npos) << s;
    EXPECT_NE(s.find("hard_filter"), std::string::npos) << s;
    EXPECT_NE(s.find("error: x"), std::string::npos) << s;
}

}  // namespace
}  // namespace rs::agent
