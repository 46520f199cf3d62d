// Plan parsing and validation: valid plans of every tool, the canonical round trip, and one
// clear error (naming the step and the field) for each kind of bad plan an LLM may send.
#include <gtest/gtest.h>

#include <random>

#include "agent/plan.h"

namespace rs::agent {
namespace {

using nlohmann::json;

PlanParse parse(const char* text) {
    return parsePlanText(text);
}

bool anyErrorContains(const PlanParse& p, const std::string& needle) {
    for (const auto& e : p.errors)
        if (e.find(needle) != std::string::npos) return true;
    return false;
}

std::string joined(const PlanParse& p) {
    std::string s;
    for (const auto& e : p.errors) s += e + "\n";
    return s;
}

TEST(Plan, FullRecommendPlanParsesWithTypedInputs) {
    auto p = parse(R"({"intent": "recommend", "plan": [
        {"tool": "lookup", "input": {"sql": "SELECT title FROM items WHERE year = 1977"}},
        {"tool": "hard_filter", "input": {"conditions": [
            {"column": "genres", "op": "has", "value": "Sci-Fi"},
            {"column": "year", "op": "between", "value": [1990, 1999]}]}},
        {"tool": "soft_filter", "input": {"seeds": ["Star Wars"], "by": "model", "keep": 50}},
        {"tool": "rank", "input": {"by": "preference", "model": "ease", "liked": {"from_step": 0},
                                   "disliked": ["Alien"], "mode": "diversity"}},
        {"tool": "map", "input": {"n": 5}}]})");
    ASSERT_TRUE(p.ok()) << joined(p);
    const Plan& plan = *p.plan;
    EXPECT_EQ(plan.intent, Intent::Recommend);
    ASSERT_EQ(plan.steps.size(), 5u);
    const auto& hf = std::get<HardFilterInput>(plan.steps[1].typed);
    ASSERT_EQ(hf.conditions.size(), 2u);
    EXPECT_EQ(hf.conditions[0].op, FilterOp::Has);
    EXPECT_EQ(hf.conditions[1].op, FilterOp::Between);
    const auto& sf = std::get<SoftFilterInput>(plan.steps[2].typed);
    EXPECT_EQ(sf.by, SoftBy::Model);
    EXPECT_EQ(sf.keep, 50);
    EXPECT_EQ(sf.seeds.titles, std::vector<std::string>{"Star Wars"});
    const auto& rk = std::get<RankInput>(plan.steps[3].typed);
    EXPECT_EQ(rk.by, RankBy::Preference);
    ASSERT_TRUE(rk.liked.fromStep.has_value());
    EXPECT_EQ(*rk.liked.fromStep, 0);
    EXPECT_EQ(rk.mode, RankMode::Diversity);
    EXPECT_EQ(std::get<MapInput>(plan.steps[4].typed).n, 5);
}

TEST(Plan, CanonicalJsonRoundTripsAndFillsDefaults) {
    auto p = parse(R"({"intent":"recommend","plan":[{"tool":"soft_filter","input":{"seeds":"Heat"}},
                      {"tool":"rank","input":{"by":"popularity"}},{"tool":"map"}]})");
    ASSERT_TRUE(p.ok()) << joined(p);
    const json canon = p.plan->toJson();
    EXPECT_EQ(canon["plan"][0]["input"]["by"], "embedding");
    EXPECT_EQ(canon["plan"][0]["input"]["keep"], 200);
    EXPECT_EQ(canon["plan"][0]["input"]["seeds"], json::array({"Heat"}));
    EXPECT_EQ(canon["plan"][2]["input"]["n"], 10);
    auto again = parsePlan(canon);
    ASSERT_TRUE(again.ok()) << joined(again);
    EXPECT_EQ(again.plan->toJson(), canon);
}

TEST(Plan, ToleratesFencesAndProseAroundTheJson) {
    auto p = parse("Sure! Here is the plan:\n```json\n{\"intent\": \"chitchat\", \"plan\": []}\n```\nHope it helps {}");
    ASSERT_TRUE(p.ok()) << joined(p);
    EXPECT_EQ(p.plan->intent, Intent::Chitchat);
    EXPECT_TRUE(p.plan->steps.empty());
}

TEST(Plan, EachBadPlanGivesAClearError) {
    struct Case {
        const char* text;
        const char* expected;  // a piece of the error message
    };
    const Case cases[] = {
        {"no json here", "no JSON object"},
        {"{\"intent\": \"recommend\", \"plan\": [", "cut off"},
        {"{\"intent\": 'recommend'}", "not valid JSON"},
        {"[1, 2]", "no JSON object"},
        {R"({"intent": "shop", "plan": []})", "\"intent\" must be one of"},
        {R"({"intent": "lookup"})", "\"plan\" must be a list"},
        {R"({"intent": "lookup", "plan": []})", "the plan is empty"},
        {R"({"intent": "chitchat", "plan": [{"tool": "map", "input": {}}]})", "chitchat plan must be empty"},
        {R"({"intent": "lookup", "plan": [{"tool": "search_web", "input": {}}]})", "step 0 (search_web): unknown tool"},
        {R"({"intent": "lookup", "plan": [{"input": {}}]})", "unknown tool (missing)"},
        {R"({"intent": "lookup", "plan": [{"tool": "lookup", "input": "SELECT 1"}]})", "\"input\" must be an object"},
        {R"({"intent": "lookup", "plan": [{"tool": "lookup", "input": {"sql": 42}}]})", "\"sql\" must be a string"},
        {R"({"intent": "lookup", "plan": [{"tool": "lookup", "input": {"sql": "  "}}]})", "\"sql\" is empty"},
        {R"({"intent": "lookup", "plan": [{"tool": "lookup", "input": {"query": "x"}}]})", "unknown input key 'query'"},
        {R"({"intent": "recommend", "plan": [{"tool": "map", "input": {"n": 5}}, {"tool": "rank", "input": {"by": "popularity"}}]})",
         "map must be the last step"},
        {R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "popularity"}}]})",
         "must end with a rank step followed by a map step"},
        {R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "price"}}, {"tool": "map"}]})",
         "\"by\" must be \"popularity\""},
        {R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "popularity", "mode": "fast"}}, {"tool": "map"}]})",
         "\"mode\" must be"},
        {R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 0}}]})",
         "\"n\" must be in 1..100"},
        {R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": "ten"}}]})",
         "\"n\" must be an integer"},
        {R"({"intent": "lookup", "plan": [{"tool": "hard_filter", "input": {}}]})", "needs \"conditions\""},
        {R"({"intent": "lookup", "plan": [{"tool": "hard_filter", "input": {"conditions": []}}]})", "non-empty list"},
        {R"({"intent": "lookup", "plan": [{"tool": "hard_filter", "input": {"conditions": [{"column": "year", "op": "~", "value": 1}]}}]})",
         "\"op\" must be one of"},
        {R"({"intent": "lookup", "plan": [{"tool": "hard_filter", "input": {"conditions": [{"column": "year", "op": "between", "value": 1990}]}}]})",
         "needs \"value\": [low, high]"},
        {R"({"intent": "lookup", "plan": [{"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": 3}]}}]})",
         "needs a string value"},
        {R"({"intent": "lookup", "plan": [{"tool": "hard_filter", "input": {"conditions": [{"op": "=", "value": 3}]}}]})",
         "\"column\" must be a non-empty string"},
        {R"({"intent": "lookup", "plan": [{"tool": "store_candidates", "input": {"titles": []}}]})",
         "\"titles\" is empty"},
        {R"({"intent": "lookup", "plan": [{"tool": "store_candidates", "input": {"titles": [1, 2]}}]})",
         "must hold strings"},
        {R"({"intent": "lookup", "plan": [{"tool": "store_candidates", "input": {"titles": {"from_step": 0}}}]})",
         "must name an earlier step"},
        {R"({"intent": "lookup", "plan": [{"tool": "map", "input": {}}, {"tool": "store_candidates", "input": {"titles": {"from_step": 0}}}]})",
         "only lookup results"},
        {R"({"intent": "recommend", "plan": [{"tool": "soft_filter", "input": {"seeds": ["x"], "by": "magic"}}, {"tool": "rank", "input": {"by": "similarity"}}, {"tool": "map"}]})",
         "\"by\" must be \"embedding\" or \"model\""},
        {R"({"intent": "lookup", "plan": [], "extra": 1})", "unknown top-level key 'extra'"},
    };
    for (const auto& c : cases) {
        auto p = parse(c.text);
        EXPECT_FALSE(p.ok()) << c.text;
        EXPECT_FALSE(p.plan.has_value()) << c.text;
        EXPECT_TRUE(anyErrorContains(p, c.expected)) << c.text << "\n got: " << joined(p);
    }
}

TEST(Plan, RepairMessageListsEveryErrorAndTheFormat) {
    auto p = parse(R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "price"}}]})");
    ASSERT_GE(p.errors.size(), 2u);
    const std::string m = repairMessage(p.errors);
    for (const auto& e : p.errors) EXPECT_NE(m.find(e), std::string::npos) << e;
    EXPECT_NE(m.find("store_candidates"), std::string::npos);
}

TEST(Plan, RandomBytesNeverCrashAndAlwaysExplain) {
    std::mt19937 rng(11);
    const std::string alphabet = "{}[]\":,0123456789 abcdefghijklmnopqrstuvwxyz_\\\n\xc3\xa9\xff";
    const std::string valid =
        R"({"intent":"recommend","plan":[{"tool":"rank","input":{"by":"popularity"}},{"tool":"map","input":{"n":3}}]})";
    for (int i = 0; i < 2000; ++i) {
        std::string s = valid;
        const int edits = 1 + int(rng() % 4);
        for (int e = 0; e < edits; ++e) {
            const size_t pos = rng() % (s.size() + 1);
            if (rng() % 2 && pos < s.size())
                s.erase(pos, 1 + rng() % 3);
            else
                s.insert(pos, 1, alphabet[rng() % alphabet.size()]);
        }
        auto p = parsePlanText(s);
        EXPECT_EQ(p.ok(), p.plan.has_value());
        if (!p.ok()) {
            EXPECT_FALSE(p.errors.front().empty());
        }
    }
}

}  // namespace
}  // namespace rs::agent
