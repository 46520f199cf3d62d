// The executor on ml-100k: a full plan with traces of every step, look-up results feeding later
// steps, and each kind of bad input ending in a handled state the user can see.
#include <gtest/gtest.h>

#include "agent/executor.h"
#include "catalogfixtures.h"

namespace rs::agent {
namespace {

using nlohmann::json;

Plan parsed(const char* text) {
    auto p = parsePlanText(text);
    EXPECT_TRUE(p.ok()) << (p.errors.empty() ? "" : p.errors.front());
    return p.plan ? *p.plan : Plan{};
}

Tools makeTools(ToolOptions o = {}) {
    auto t = Tools::create(test::ml100kTools(), o);
    EXPECT_TRUE(t.isOk()) << t.message();
    return std::move(t.value());
}

TEST(Executor, RunsAPlanAndTracesEveryStep) {
    Tools tools = makeTools();
    Executor ex(tools);
    CandidateBus bus;
    const Plan plan = parsed(R"({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Sci-Fi"},
                                                         {"column": "year", "op": "between", "value": [1990, 1999]}]}},
        {"tool": "soft_filter", "input": {"seeds": ["Star Wars"], "by": "embedding", "keep": 30}},
        {"tool": "rank", "input": {"by": "similarity", "disliked": ["Alien"]}},
        {"tool": "map", "input": {"n": 5}}]})");
    auto r = ex.run(plan, bus);
    EXPECT_TRUE(r.errors.empty()) << r.errors.front();
    ASSERT_EQ(r.steps.size(), 4u);
    ASSERT_EQ(r.items.size(), 5u);
    EXPECT_TRUE(r.steps[0].busBefore.empty());
    EXPECT_FALSE(r.steps[0].busAfter.empty());
    EXPECT_EQ(r.steps[1].output["kept"], 30);
    EXPECT_EQ(r.steps[1].output["bus_size"], 30);
    for (const auto& s : r.steps) {
        EXPECT_GE(s.ms, 0.0);
        EXPECT_TRUE(s.error.empty());
    }
    const auto& prov = r.steps[3].busAfter[0]["provenance"];
    EXPECT_EQ(prov[0], "step 0 hard_filter");
    EXPECT_EQ(prov[1], "step 1 soft_filter");
    EXPECT_EQ(prov[2], "step 2 rank");
    const auto alien = tools.data().catalog().rowOf("183");  // Alien (1979): outside the 90s anyway
    ASSERT_TRUE(alien);
    EXPECT_EQ(std::find(r.itemRows.begin(), r.itemRows.end(), *alien), r.itemRows.end());
    EXPECT_GT(r.toolMs, 0.0);
}

TEST(Executor, ALookupFeedsALaterStep) {
    Tools tools = makeTools();
    Executor ex(tools);
    CandidateBus bus;
    const Plan plan = parsed(R"({"intent": "recommend", "plan": [
        {"tool": "lookup", "input": {"sql": "SELECT item_id, title FROM items WHERE title LIKE 'Star Trek%'"}},
        {"tool": "store_candidates", "input": {"titles": {"from_step": 0}}},
        {"tool": "rank", "input": {"by": "popularity"}},
        {"tool": "map", "input": {"n": 3}}]})");
    auto r = ex.run(plan, bus);
    EXPECT_TRUE(r.errors.empty()) << r.errors.front();
    ASSERT_EQ(r.items.size(), 3u);
    for (size_t row : r.itemRows) EXPECT_EQ(tools.data().catalog().title(row).rfind("Star Trek", 0), 0u);
}

TEST(Executor, BadInputsEndInHandledStates) {
    ExecutorOptions small;
    small.maxOutputBytes = 300;
    ToolOptions bigLookups;
    bigLookups.lookupTokenBudget = 100000;
    bigLookups.lookupLimits.maxRows = 5000;
    Tools tools = makeTools(bigLookups);
    Executor ex(tools, small);
    CandidateBus bus;
    // Titles matching nothing, a refused statement, an unknown column, an empty bus to map.
    const Plan plan = parsed(R"({"intent": "lookup", "plan": [
        {"tool": "store_candidates", "input": {"titles": ["Qwzxv Blorfington"]}},
        {"tool": "lookup", "input": {"sql": "DROP TABLE items"}},
        {"tool": "hard_filter", "input": {"conditions": [{"column": "budget", "op": ">", "value": 5}]}},
        {"tool": "lookup", "input": {"sql": "SELECT * FROM items"}},
        {"tool": "map", "input": {"n": 5}}]})");
    auto r = ex.run(plan, bus);
    ASSERT_EQ(r.steps.size(), 5u);
    EXPECT_NE(r.steps[0].error.find("none of the titles matched"), std::string::npos) << r.steps[0].error;
    EXPECT_NE(r.steps[1].error.find("refused"), std::string::npos) << r.steps[1].error;
    EXPECT_NE(r.steps[2].error.find("no column 'budget'"), std::string::npos) << r.steps[2].error;
    EXPECT_TRUE(r.steps[3].error.empty());
    EXPECT_EQ(r.steps[3].output["truncated"], true) << "an enormous output is cut with a note";
    EXPECT_LE(r.steps[3].output.dump().size(), 600u);
    EXPECT_NE(r.steps[4].error.find("no candidates"), std::string::npos) << r.steps[4].error;
    EXPECT_EQ(r.errors.size(), 4u);
    EXPECT_TRUE(r.items.empty());
}

TEST(Executor, CancelStopsBetweenSteps) {
    Tools tools = makeTools();
    Executor ex(tools);
    CandidateBus bus;
    util::Task task;
    task.cancel.cancel();
    auto r = ex.run(parsed(R"({"intent": "recommend", "plan": [{"tool": "rank", "input": {"by": "popularity"}},
                                                             {"tool": "map", "input": {"n": 3}}]})"),
                    bus, {}, task);
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(r.steps.empty());
}

TEST(Executor, RefineKeepsThePreviousCandidates) {
    Tools tools = makeTools();
    Executor ex(tools);
    CandidateBus bus;
    auto first = ex.run(parsed(R"({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "genres", "op": "has", "value": "Western"}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 10}}]})"),
                        bus);
    const size_t westerns = bus.size();
    ASSERT_GT(westerns, 10u);
    auto refined = ex.run(parsed(R"({"intent": "recommend", "refine": true, "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "year", "op": "<", "value": 1970}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 10}}]})"),
                          bus);
    EXPECT_LT(bus.size(), westerns);
    EXPECT_GT(bus.size(), 0u);
    for (const auto& c : bus.items()) {
        const auto& g = tools.data().catalog().column("genres")->tags(c.row);
        EXPECT_NE(std::find(g.begin(), g.end(), "Western"), g.end());
    }
    // Without "refine" the same filter starts from the whole catalog.
    auto fresh = ex.run(parsed(R"({"intent": "recommend", "plan": [
        {"tool": "hard_filter", "input": {"conditions": [{"column": "year", "op": "<", "value": 1970}]}},
        {"tool": "rank", "input": {"by": "popularity"}}, {"tool": "map", "input": {"n": 10}}]})"),
                        bus);
    EXPECT_GT(bus.size(), westerns);
}

TEST(Executor, Utf8PrefixNeverSplitsACodePoint) {
    const std::string s = "ab\xc3\xa9\xe2\x82\xac";  // "abé€"
    EXPECT_EQ(utf8Prefix(s, 3), "ab");
    EXPECT_EQ(utf8Prefix(s, 4), "ab\xc3\xa9");
    EXPECT_EQ(utf8Prefix(s, 6), "ab\xc3\xa9");
    EXPECT_EQ(utf8Prefix(s, 7), s);
}

}  // namespace
}  // namespace rs::agent
