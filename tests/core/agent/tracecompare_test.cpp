// The replay check: a re-run turn equals the recorded one when everything but the measurements is equal.
#include <gtest/gtest.h>

#include "agent/tracecompare.h"

namespace rs::agent {
namespace {

TurnTrace recorded() {
    TurnTrace t;
    t.conversation = "1";
    t.turn = 1;
    t.user = "westerns";
    t.planner = "builtin";
    t.plan = {{"intent", "recommend"}};
    StepTrace s;
    s.tool = "hard_filter";
    s.input = {{"conditions", nlohmann::json::array()}};
    s.output = {{"bus_size", 3}};
    s.busAfter = nlohmann::json::array({{{"item", "7"}, {"score", 1}}});
    s.ms = 2.5;
    t.steps.push_back(s);
    LlmCallTrace c;
    c.role = "planner";
    c.request = {{"model", "m"}};
    c.response = "{}";
    c.latencyMs = 100;
    t.llmCalls.push_back(c);
    t.answer = "Here are westerns.";
    t.items = {"7"};
    return t;
}

TEST(TraceCompare, TimesAndCostsAreNotCompared) {
    TurnTrace b = recorded();
    b.steps[0].ms = 99;
    b.llmCalls[0].latencyMs = 1;
    b.llmCalls[0].cost = 0.5;
    b.llmCalls[0].retries = 2;
    EXPECT_TRUE(compareTurnTraces(recorded(), b).empty());
}

TEST(TraceCompare, NamesWhatDiffers) {
    TurnTrace b = recorded();
    b.answer = "Other westerns.";
    b.steps[0].busAfter = nlohmann::json::array();
    b.llmCalls[0].response = "{\"x\": 1}";
    const auto d = compareTurnTraces(recorded(), b);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].rfind("LLM call 1 (planner) response differs", 0), 0u) << d[0];
    EXPECT_EQ(d[1], "step 0 (hard_filter) bus after differs: recorded '[{\"item\":\"7\",\"score\":1}]', replayed '[]'");
    EXPECT_EQ(d[2], "answer differs: recorded 'Here are westerns.', replayed 'Other westerns.'");
    TurnTrace fewer = recorded();
    fewer.steps.clear();
    fewer.llmCalls.clear();
    const auto d2 = compareTurnTraces(recorded(), fewer);
    ASSERT_EQ(d2.size(), 2u);
    EXPECT_EQ(d2[0], "LLM calls differ: recorded 1, replayed 0");
    EXPECT_EQ(d2[1], "steps differ: recorded 1, replayed 0");
}

TEST(TraceCompare, LongValuesAreCut) {
    TurnTrace b = recorded();
    b.answer = std::string(500, 'x');
    const auto d = compareTurnTraces(recorded(), b);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_LT(d[0].size(), 250u);
}

}  // namespace
}  // namespace rs::agent
