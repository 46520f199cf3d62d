#include <gtest/gtest.h>

#include <set>

#include "agent/demonstrations.h"
#include "agent/plan.h"
#include "index/titlematcher.h"
#include "llmagenttesthelpers.h"

using namespace rs;
using namespace rs::agent;

namespace {

std::vector<Demonstration> shipped(const std::string& domain) {
    auto d = loadDemonstrations(test::resourcesDir() / "demos" / (domain + ".jsonl"));
    EXPECT_TRUE(d.isOk()) << d.message();
    return d.isOk() ? std::move(*d) : std::vector<Demonstration>{};
}

// Every title a plan names: stored candidates, soft-filter seeds, liked and disliked items.
std::vector<std::string> plannedTitles(const nlohmann::json& plan) {
    std::vector<std::string> out;
    auto take = [&](const nlohmann::json& input, const char* key) {
        if (auto it = input.find(key); it != input.end() && it->is_array())
            for (const auto& t : *it) out.push_back(t.get<std::string>());
    };
    for (const auto& step : plan["plan"]) {
        const auto& in = step["input"];
        take(in, "titles");
        take(in, "seeds");
        take(in, "liked");
        take(in, "disliked");
    }
    return out;
}

void expectValidAndGrounded(const std::string& domain, const data::ItemCatalog& catalog) {
    const auto demos = shipped(domain);
    EXPECT_GE(demos.size(), 30u) << domain;
    auto matcher = index::TitleMatcher::build(catalog);
    ASSERT_TRUE(matcher.isOk()) << matcher.message();
    std::set<std::string> intents, tools, requests;
    size_t grounded = 0;
    for (const auto& d : demos) {
        EXPECT_TRUE(requests.insert(d.request).second) << "duplicate request: " << d.request;
        const auto parsed = parsePlan(d.plan);
        EXPECT_TRUE(parsed.ok()) << domain << " line " << d.line << ": " << d.request << ": "
                                 << (parsed.errors.empty() ? "" : parsed.errors.front());
        intents.insert(d.plan["intent"].get<std::string>());
        for (const auto& s : d.plan["plan"]) tools.insert(s["tool"].get<std::string>());
        EXPECT_EQ(d.plan["intent"] == "chitchat", !d.answer.empty()) << "line " << d.line << ": only chit-chat answers";
        for (const auto& title : plannedTitles(d.plan)) {
            auto m = matcher->match(title, 1);
            ASSERT_TRUE(m.isOk()) << title << ": " << m.message();
            ASSERT_FALSE(m->empty()) << domain << " line " << d.line << ": '" << title << "' matches nothing";
            EXPECT_GE(m->front().score, 0.9)
                << domain << " line " << d.line << ": '" << title << "' grounds weakly as '" << m->front().title << "'";
            ++grounded;
        }
    }
    EXPECT_EQ(intents, (std::set<std::string>{"chitchat", "compare", "lookup", "recommend"})) << domain;
    EXPECT_EQ(tools.size(), kToolNames.size()) << domain << ": every tool should be demonstrated";
    EXPECT_GE(grounded, 30u) << domain;
}

}  // namespace

TEST(Demonstrations, MovieLibraryIsValidAndGroundsInMl100k) {
    expectValidAndGrounded("movie", *test::ml100kData().catalog);
}

TEST(Demonstrations, GameLibraryIsValidAndGroundsInSteam) {
    expectValidAndGrounded("game", *test::steamGamesData().catalog);
}

TEST(Demonstrations, BadLinesNameTheLineAndField) {
    auto notJson = parseDemonstrations("# comment\n\n{\"request\": \"x\"", "d.jsonl");
    ASSERT_FALSE(notJson.isOk());
    EXPECT_EQ(notJson.message(), "d.jsonl:3: not a JSON object");
    auto noPlan = parseDemonstrations(R"js({"request": "x", "plan": []})js", "d.jsonl");
    ASSERT_FALSE(noPlan.isOk());
    EXPECT_NE(noPlan.message().find("d.jsonl:1: field 'plan'"), std::string::npos) << noPlan.message();
    auto noRequest =
        parseDemonstrations(R"js({"request": "", "plan": {"intent": "chitchat", "plan": []}})js", "d.jsonl");
    ASSERT_FALSE(noRequest.isOk());
    EXPECT_NE(noRequest.message().find("'request'"), std::string::npos);
    auto extra =
        parseDemonstrations(R"js({"request": "x", "plan": {"intent": "chitchat", "plan": []}, "note": 1})js", "d");
    ASSERT_FALSE(extra.isOk());
    EXPECT_NE(extra.message().find("'note'"), std::string::npos);
    EXPECT_FALSE(loadDemonstrations("/nonexistent/demos.jsonl").isOk());
}

TEST(Demonstrations, RetrieverReturnsTheMostSimilarRequestsFirst) {
    auto r = DemonstrationRetriever::buildOffline(shipped("movie"));
    ASSERT_TRUE(r.isOk()) << r.message();
    auto near = r->nearest("any sci-fi films from the 90s similar to Star Wars? not Alien though", 3);
    ASSERT_TRUE(near.isOk()) << near.message();
    ASSERT_EQ(near->size(), 3u);
    EXPECT_EQ(near->front().demo->request, "Recommend some sci-fi movies from the 90s like Star Wars but not Alien");
    EXPECT_GE((*near)[0].similarity, (*near)[1].similarity);
    EXPECT_GE((*near)[1].similarity, (*near)[2].similarity);

    auto release = r->nearest("when was Heat released?", 1);
    ASSERT_TRUE(release.isOk());
    EXPECT_EQ(release->front().demo->plan["intent"], "lookup") << release->front().demo->request;

    auto games = DemonstrationRetriever::buildOffline(shipped("game"));
    ASSERT_TRUE(games.isOk()) << games.message();
    auto price = games->nearest("how much does Terraria cost", 2);
    ASSERT_TRUE(price.isOk());
    EXPECT_EQ(price->front().demo->request, "How much is Portal 2?");
    auto hi = games->nearest("hello there", 1);
    ASSERT_TRUE(hi.isOk());
    EXPECT_EQ(hi->front().demo->plan["intent"], "chitchat");

    // k larger than the library, and an empty message, are handled.
    EXPECT_EQ(games->nearest("x", 1000)->size(), games->demonstrations().size());
    EXPECT_EQ(games->nearest("", 2)->size(), 2u);
}

TEST(Demonstrations, FormatShowsRequestAndExactPlanJson) {
    auto demos = shipped("movie");
    ASSERT_GE(demos.size(), 2u);
    const std::string text = formatDemonstrations({&demos[0], &demos[7]});
    EXPECT_NE(text.find("User: " + demos[0].request + "\nPlan: " + demos[0].plan.dump()), std::string::npos);
    EXPECT_NE(text.find("\"answer\""), std::string::npos) << "the chit-chat demo shows its one-call answer";
    EXPECT_EQ(formatDemonstrations({}), "(none)");
}
