// The six tools on the real ml-100k catalog (with EASE fitted on its ratings) and on the Steam
// games catalog: grounding, look-up budgets, hard conditions with snapping, soft filters,
// ranking modes with dislikes removed, and the mapping of the top items.
#include <gtest/gtest.h>

#include <set>

#include "agent/tools.h"
#include "catalogfixtures.h"

namespace rs::agent {
namespace {

using nlohmann::json;

struct Fixture {
    std::shared_ptr<const ToolsData> data = test::ml100kTools();
    Tools tools = [this] {
        auto t = Tools::create(data);
        EXPECT_TRUE(t.isOk()) << t.message();
        return std::move(t.value());
    }();
    CandidateBus bus;
    std::vector<std::vector<size_t>> stepRows = std::vector<std::vector<size_t>>(8);
    ProfileHints profile;
    StepContext ctx(size_t index) {
        StepContext c;
        c.index = index;
        c.stepRows = &stepRows;
        c.profile = &profile;
        return c;
    }
    size_t row(const std::string& id) const { return *data->catalog().rowOf(id); }
    const std::vector<std::string>& tagsOf(size_t r, const char* col = "genres") const {
        return data->catalog().column(col)->tags(r);
    }
};

bool hasTag(const std::vector<std::string>& tags, const std::string& t) {
    return std::find(tags.begin(), tags.end(), t) != tags.end();
}

TEST(Tools, StoreCandidatesGroundsTitlesAndReportsMisses) {
    Fixture f;
    auto c = f.ctx(0);
    auto out = f.tools.storeCandidates({TitleList{{"toy story", "Heat (1995)", "qwzxv blorf"}, {}}}, f.bus, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    ASSERT_EQ(f.bus.size(), 2u);
    EXPECT_EQ(f.data->catalog().ids()[f.bus.items()[0].row], "1");
    EXPECT_EQ((*out)["grounded"][2]["error"], "no confident match") << out->dump();
    auto none = f.tools.storeCandidates({TitleList{{"qwzxv blorf"}, {}}}, f.bus, c);
    EXPECT_FALSE(none.isOk());
    EXPECT_EQ(f.bus.size(), 2u) << "a failed step leaves the bus";
}

TEST(Tools, LookupIsCutToTheTokenBudgetWithANote) {
    Fixture f;
    ToolOptions o;
    o.lookupTokenBudget = 100;
    auto tools = Tools::create(f.data, o);
    ASSERT_TRUE(tools.isOk());
    auto c = f.ctx(0);
    auto out = tools->lookup({"SELECT item_id, title, genres FROM items ORDER BY title"}, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    EXPECT_LT((*out)["rows"].size(), 40u);
    EXPECT_GT((*out)["rows"].size(), 0u);
    EXPECT_LE((*out)["rows"].dump().size(), 420u);
    EXPECT_NE((*out)["note"].get<std::string>().find("token budget"), std::string::npos);
    EXPECT_NE((*out)["note"].get<std::string>().find("more than 200 rows"), std::string::npos);
    EXPECT_EQ(f.stepRows[0].size(), 200u) << "all rows' items are kept for from_step";
    auto refused = tools->lookup({"DELETE FROM items"}, c);
    ASSERT_FALSE(refused.isOk());
    EXPECT_NE(refused.message().find("refused"), std::string::npos);
}

TEST(Tools, HardFilterSnapsColumnsAndValuesAndEveryResultHolds) {
    Fixture f;
    auto c = f.ctx(0);
    HardFilterInput in;
    in.conditions = {{"genre", FilterOp::Has, "scifi"}, {"year", FilterOp::Between, json::array({1990, 1999})}};
    auto out = f.tools.hardFilter(in, f.bus, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    const std::string rewrites = (*out)["rewrites"].dump();
    EXPECT_NE(rewrites.find("'genre' -> 'genres'"), std::string::npos) << rewrites;
    EXPECT_NE(rewrites.find("'scifi' -> 'Sci-Fi'"), std::string::npos) << rewrites;
    ASSERT_GT(f.bus.size(), 10u);
    for (const auto& cand : f.bus.items()) {
        EXPECT_TRUE(hasTag(f.tagsOf(cand.row), "Sci-Fi"));
        const int y = f.data->year(cand.row);
        EXPECT_TRUE(y >= 1990 && y <= 1999) << y;
    }
    // A second filter works on the candidates only.
    const size_t before = f.bus.size();
    HardFilterInput where;
    where.where = "title LIKE '%Star%'";
    auto second = f.tools.hardFilter(where, f.bus, c);
    ASSERT_TRUE(second.isOk()) << second.message();
    EXPECT_LT(f.bus.size(), before);
    for (const auto& cand : f.bus.items()) EXPECT_NE(f.data->catalog().title(cand.row).find("Star"), std::string::npos);
}

TEST(Tools, HardFilterErrorsAreClear) {
    Fixture f;
    auto c = f.ctx(0);
    auto noColumn = f.tools.hardFilter({{{"price", FilterOp::Le, 10}}, {}}, f.bus, c);
    ASSERT_FALSE(noColumn.isOk());
    EXPECT_NE(noColumn.message().find("no column 'price'"), std::string::npos) << noColumn.message();
    auto noValue = f.tools.hardFilter({{{"genres", FilterOp::Has, "Zombie Opera"}}, {}}, f.bus, c);
    ASSERT_FALSE(noValue.isOk());
    EXPECT_NE(noValue.message().find("common values"), std::string::npos) << noValue.message();
    auto badOp = f.tools.hardFilter({{{"genres", FilterOp::Lt, "Drama"}}, {}}, f.bus, c);
    EXPECT_FALSE(badOp.isOk());
    auto injected = f.tools.hardFilter({{}, "1) ; DROP TABLE catalog_ml_100k; --"}, f.bus, c);
    ASSERT_FALSE(injected.isOk());
    EXPECT_NE(injected.message().find("refused"), std::string::npos) << injected.message();
    EXPECT_FALSE(f.bus.active()) << "failed filters leave the bus untouched";
}

TEST(Tools, SoftFilterKeepsTheMostSimilarAndDropsTheSeeds) {
    Fixture f;
    auto c = f.ctx(0);
    SoftFilterInput in;
    in.seeds.titles = {"Star Wars"};
    in.by = SoftBy::Model;
    in.keep = 20;
    auto out = f.tools.softFilter(in, f.bus, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    EXPECT_EQ((*out)["by"], "model");
    ASSERT_EQ(f.bus.size(), 20u);
    std::set<std::string> top;
    for (size_t i = 0; i < 5; ++i) top.insert(f.data->catalog().title(f.bus.items()[i].row));
    EXPECT_TRUE(top.count("Return of the Jedi (1983)") || top.count("Empire Strikes Back, The (1980)"))
        << (*out)["top"].dump();
    EXPECT_FALSE(f.bus.contains(f.row("50"))) << "the seed itself is not a candidate";
    for (size_t i = 1; i < f.bus.size(); ++i) EXPECT_GE(f.bus.items()[i - 1].score, f.bus.items()[i].score);
    // By item text: sequels share words and genres.
    CandidateBus bus2;
    in.by = SoftBy::Embedding;
    auto text = f.tools.softFilter(in, bus2, c);
    ASSERT_TRUE(text.isOk()) << text.message();
    EXPECT_TRUE(hasTag(f.tagsOf(bus2.items()[0].row), "Sci-Fi")) << (*text)["top"].dump();
}

TEST(Tools, RankRemovesDislikesAndUsesTheModelForPreferences) {
    Fixture f;
    auto c = f.ctx(0);
    RankInput pop;
    pop.by = RankBy::Popularity;
    pop.disliked.titles = {"Star Wars (1977)"};
    auto out = f.tools.rank(pop, f.bus, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    EXPECT_EQ(f.bus.size(), 1681u);
    EXPECT_FALSE(f.bus.contains(f.row("50")));
    EXPECT_EQ(f.data->catalog().title(f.bus.items()[0].row), "Contact (1997)") << "most rated after Star Wars";
    // Preference: EASE with two Disney animations as the history favours other family films.
    CandidateBus bus;
    RankInput pref;
    pref.by = RankBy::Preference;
    pref.liked.titles = {"Aladdin (1992)", "Lion King, The (1994)"};
    f.profile.disliked = {f.row("1")};  // Toy Story, from the profile
    auto p = f.tools.rank(pref, bus, c);
    ASSERT_TRUE(p.isOk()) << p.message();
    EXPECT_NE((*p)["by"].get<std::string>().find("preference (ease"), std::string::npos) << (*p)["by"];
    EXPECT_FALSE(bus.contains(f.row("1")));
    int family = 0;
    for (size_t i = 0; i < 10; ++i)
        family +=
            hasTag(f.tagsOf(bus.items()[i].row), "Children's") || hasTag(f.tagsOf(bus.items()[i].row), "Animation");
    EXPECT_GE(family, 5) << (*p)["top"].dump();
    // Without liked items, preference falls back to popularity and says so.
    CandidateBus bus3;
    f.profile = {};
    RankInput none;
    none.by = RankBy::Preference;
    auto fb = f.tools.rank(none, bus3, c);
    ASSERT_TRUE(fb.isOk());
    EXPECT_NE((*fb)["notes"].dump().find("popularity"), std::string::npos);
}

TEST(Tools, DiversityModeLowersIntraListSimilarity) {
    Fixture f;
    auto c = f.ctx(0);
    // Mean cosine between the first ten items' vectors: what MMR trades relevance against.
    auto intraListSimilarity = [&](const CandidateBus& b) {
        double sum = 0;
        int pairs = 0;
        for (size_t i = 0; i < 10; ++i)
            for (size_t j = i + 1; j < 10; ++j, ++pairs) {
                const auto x = f.data->vector(b.items()[i].row), y = f.data->vector(b.items()[j].row);
                for (size_t k = 0; k < x.size(); ++k) sum += x[k] * y[k];
            }
        return sum / pairs;
    };
    RankInput acc;
    acc.by = RankBy::Similarity;
    acc.liked.titles = {"Toy Story (1995)"};
    CandidateBus a, d;
    ASSERT_TRUE(f.tools.rank(acc, a, c).isOk());
    RankInput div = acc;
    div.mode = RankMode::Diversity;
    auto out = f.tools.rank(div, d, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    EXPECT_NE((*out)["by"].get<std::string>().find("MMR"), std::string::npos);
    EXPECT_LT(intraListSimilarity(d), intraListSimilarity(a) - 0.05);
    EXPECT_EQ(a.size(), d.size());
    EXPECT_EQ(a.items()[0].row, d.items()[0].row) << "the most relevant item stays first";
}

TEST(Tools, MapShowsTheTopItemsAndNeedsCandidates) {
    Fixture f;
    auto c = f.ctx(0);
    EXPECT_FALSE(f.tools.map({5}, f.bus, c).isOk());
    ASSERT_TRUE(f.tools.rank({RankBy::Popularity, "", {}, {}, RankMode::Accuracy}, f.bus, c).isOk());
    auto out = f.tools.map({3}, f.bus, c);
    ASSERT_TRUE(out.isOk());
    ASSERT_EQ((*out)["items"].size(), 3u);
    EXPECT_EQ((*out)["items"][0]["title"], "Star Wars (1977)");
    EXPECT_EQ((*out)["items"][0]["year"], 1977);
    EXPECT_TRUE((*out)["items"][0].contains("genres"));
}

TEST(Tools, SteamPriceYearAndTagConditions) {
    auto data = test::steamTools();
    ASSERT_TRUE(data);
    auto tools = Tools::create(data);
    ASSERT_TRUE(tools.isOk()) << tools.message();
    CandidateBus bus;
    StepContext c;
    HardFilterInput in;
    in.conditions = {
        {"tags", FilterOp::Has, "open world"}, {"price", FilterOp::Lt, 10}, {"release_year", FilterOp::Ge, 2016}};
    auto out = tools->hardFilter(in, bus, c);
    ASSERT_TRUE(out.isOk()) << out.message();
    ASSERT_GT(bus.size(), 5u);
    const auto* price = data->catalog().column("price");
    const auto* tags = data->catalog().column("tags");
    for (const auto& cand : bus.items()) {
        EXPECT_LT(price->number(cand.row), 10.0);
        EXPECT_GE(data->year(cand.row), 2016);
        EXPECT_TRUE(hasTag(tags->tags(cand.row), "Open World"));
    }
    EXPECT_EQ(data->popularitySource(), "number of tags (no interactions)");
    // Preference without a model falls back to similarity and says so.
    RankInput pref;
    pref.by = RankBy::Preference;
    pref.liked.titles = {"Portal 2"};
    auto r = tools->rank(pref, bus, c);
    ASSERT_TRUE(r.isOk()) << r.message();
    EXPECT_NE((*r)["notes"].dump().find("no trained model"), std::string::npos) << (*r)["notes"];
}

}  // namespace
}  // namespace rs::agent
