// TitleMatcher: normalisation rules, year disambiguation, tie-breaks, refusals, bad input, and
// grounding of real ml-100k titles under the variants an LLM or a user produces.
#include <gtest/gtest.h>

#include <thread>

#include "index/titlematcher.h"
#include "index/titlematcher_normalize.h"
#include "indextesthelpers.h"

using namespace rs;
using index::TitleMatcher;

namespace {

data::ItemCatalog smallCatalog(const std::vector<std::pair<std::string, std::string>>& rows,
                               const std::vector<std::string>& dates = {}) {
    data::ItemCatalog cat;
    EXPECT_TRUE(cat.addColumn("title", data::ColumnType::Text).isOk());
    if (!dates.empty()) EXPECT_TRUE(cat.addColumn("release_date", data::ColumnType::Date).isOk());
    cat.setTitleColumn("title");
    for (size_t i = 0; i < rows.size(); ++i) {
        auto row = cat.appendRow(rows[i].first);
        EXPECT_TRUE(row.isOk());
        cat.mutableColumn("title")->setText(*row, rows[i].second);
        if (!dates.empty() && !dates[i].empty()) cat.mutableColumn("release_date")->setDate(*row, 0, dates[i]);
    }
    return cat;
}

std::string top1(const TitleMatcher& m, std::string_view q) {
    auto r = m.match(q, 1);
    EXPECT_TRUE(r.isOk()) << r.message();
    return r && !r->empty() ? r->front().itemId : "";
}

}  // namespace

TEST(TitleNormalize, FoldsArticlesYearsPunctuationAndAccents) {
    auto a = index::normalizeTitle("Shawshank Redemption, The (1994)");
    EXPECT_EQ(a.text, "the shawshank redemption");
    EXPECT_EQ(a.year, 1994);
    auto b = index::normalizeTitle("the shawshank redemption 1994", true);
    EXPECT_EQ(b.text, a.text);
    EXPECT_EQ(b.year, 1994);
    // Without peelBareYear a trailing number stays part of the title.
    EXPECT_EQ(index::normalizeTitle("Blade Runner 2049").text, "blade runner 2049");
    EXPECT_EQ(index::foldTitleText("Pokémon™ Go!"), "pokemon go");
    EXPECT_EQ(index::foldTitleText("Schindler's L.A. & Co"), "schindlers la and co");
    auto alt = index::normalizeTitle("Seven (Se7en) (1995)");
    ASSERT_EQ(alt.parts.size(), 2u);
    EXPECT_EQ(alt.parts[1], "se7en");
    EXPECT_EQ(alt.year, 1995);
}

TEST(TitleNormalize, InvalidUtf8BecomesReplacementCharacters) {
    const std::u32string cps =
        index::decodeUtf8(std::string("a\xff\xfe"
                                      "b"));
    ASSERT_EQ(cps.size(), 4u);
    EXPECT_EQ(cps[1], U'\uFFFD');
    EXPECT_EQ(cps[3], U'b');
}

TEST(TitleMatcher, ExactTypoAndAliasMatches) {
    auto cat = smallCatalog({{"1", "Matrix, The (1999)"},
                             {"2", "Star Wars (1977)"},
                             {"3", "Shawshank Redemption, The (1994)"},
                             {"4", "Seven (Se7en) (1995)"},
                             {"5", "Star Trek: First Contact (1996)"}});
    auto m = TitleMatcher::build(cat);
    ASSERT_TRUE(m.isOk()) << m.message();
    EXPECT_EQ(m->size(), 5u);
    auto exact = m->match("the matrix 1999", 3);
    ASSERT_TRUE(exact.isOk());
    ASSERT_FALSE(exact->empty());
    EXPECT_EQ(exact->front().itemId, "1");
    EXPECT_DOUBLE_EQ(exact->front().score, 1.0);
    EXPECT_EQ(exact->front().year, 1999);
    EXPECT_EQ(top1(*m, "Star Wars"), "2");
    EXPECT_EQ(top1(*m, "shawshank redemtion"), "3");
    EXPECT_EQ(top1(*m, "Se7en"), "4");
    EXPECT_EQ(top1(*m, "star trek first contact"), "5");
    auto typo = m->match("shawshank redemtion", 1);
    EXPECT_LT(typo->front().score, 1.0);
    EXPECT_GE(typo->front().score, index::kRecommendedMinScore);
}

TEST(TitleMatcher, YearPicksBetweenRemakesAndPopularityBreaksTies) {
    auto cat = smallCatalog({{"old", "Psycho (1960)"}, {"new", "Psycho (1998)"}, {"other", "Heat (1995)"}});
    auto m = TitleMatcher::build(cat);
    ASSERT_TRUE(m.isOk());
    EXPECT_EQ(top1(*m, "Psycho 1998"), "new");
    EXPECT_EQ(top1(*m, "psycho (1960)"), "old");
    EXPECT_EQ(top1(*m, "Psycho"), "old");  // no popularity: the earlier year (the original)

    index::TitleMatcherOptions o;
    o.popularity = {1.0, 50.0, 3.0};
    auto pop = TitleMatcher::build(cat, o);
    ASSERT_TRUE(pop.isOk());
    EXPECT_EQ(top1(*pop, "Psycho"), "new");
    EXPECT_EQ(top1(*pop, "Psycho 1960"), "old");  // a query year outranks popularity
}

TEST(TitleMatcher, YearFromDateColumnWhenTitleHasNone) {
    auto cat = smallCatalog({{"a", "Doom"}, {"b", "Doom"}}, {"1993-12-10", "2016-05-13"});
    auto m = TitleMatcher::build(cat);
    ASSERT_TRUE(m.isOk());
    EXPECT_EQ(top1(*m, "Doom 2016"), "b");
    EXPECT_EQ(top1(*m, "doom (1993)"), "a");
}

TEST(TitleMatcher, UnrelatedTextScoresBelowTheAcceptanceThreshold) {
    auto m = TitleMatcher::build(smallCatalog({{"1", "Toy Story (1995)"}, {"2", "Heat (1995)"}}));
    ASSERT_TRUE(m.isOk());
    auto r = m->match("quantum chromodynamics lecture notes", 3);
    ASSERT_TRUE(r.isOk());
    for (const auto& hit : *r) EXPECT_LT(hit.score, index::kRecommendedMinScore) << hit.title;
}

TEST(TitleMatcher, BadInputGivesClearErrorsNotCrashes) {
    data::ItemCatalog untitled;
    ASSERT_TRUE(untitled.appendRow("x").isOk());
    auto noTitle = TitleMatcher::build(untitled);
    ASSERT_FALSE(noTitle.isOk());
    EXPECT_NE(noTitle.message().find("no title column"), std::string::npos);

    auto cat = smallCatalog({{"1", "Toy Story (1995)"}});
    index::TitleMatcherOptions o;
    o.popularity = {1.0, 2.0};
    auto badPop = TitleMatcher::build(cat, o);
    ASSERT_FALSE(badPop.isOk());
    EXPECT_NE(badPop.message().find("popularity"), std::string::npos);

    auto m = TitleMatcher::build(cat);
    ASSERT_TRUE(m.isOk());
    auto empty = m->match("  ?!  ", 5);
    ASSERT_FALSE(empty.isOk());
    EXPECT_NE(empty.message().find("no letters or digits"), std::string::npos);
    // Invalid UTF-8, control bytes and a huge query return normally.
    EXPECT_TRUE(m->match(std::string("toy\xff\xc3 story\x01"), 5).isOk());
    auto huge = m->match(std::string(200000, 'a') + " toy story", 5);
    EXPECT_TRUE(huge.isOk());
}

TEST(TitleMatcher, CancelledBuildStops) {
    auto cat = smallCatalog({{"1", "Toy Story (1995)"}});
    util::Task task;
    task.cancel.cancel();
    auto m = TitleMatcher::build(cat, {}, task);
    ASSERT_FALSE(m.isOk());
    EXPECT_EQ(m.message(), util::kCancelledMessage);
}

// Every ml-100k title under three of the benchmark's variants (year dropped, lower-cased, a typo
// in a word) grounds to an item with the same title text at a rate well above chance; the full
// measurement with the 97 % target is bench/grounding_bench.
TEST(TitleMatcher, GroundsRealMl100kTitles) {
    const auto& d = test::ml100kTexts();
    const data::ItemCatalog& cat = *d.imported.catalog;
    auto m = TitleMatcher::build(cat);
    ASSERT_TRUE(m.isOk()) << m.message();
    size_t total = 0, hitsBare = 0, hitsLower = 0;
    for (size_t row = 0; row < cat.size(); ++row) {
        const std::string title = cat.title(row);
        const size_t paren = title.rfind(" (");
        if (title.empty() || paren == std::string::npos) continue;
        ++total;
        auto bare = m->match(title.substr(0, paren), 1);
        if (bare && !bare->empty() && bare->front().title == title) ++hitsBare;
        std::string lower = title;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto low = m->match(lower, 1);
        if (low && !low->empty() && low->front().title == title) ++hitsLower;
    }
    ASSERT_GT(total, 1600u);
    EXPECT_GE(double(hitsBare) / double(total), 0.95);
    EXPECT_GE(double(hitsLower) / double(total), 0.99);
    EXPECT_EQ(top1(*m, "star wars"), "50");
}

TEST(TitleMatcher, ConcurrentMatchesAgreeWithSequential) {
    const auto& d = test::ml100kTexts();
    auto m = TitleMatcher::build(*d.imported.catalog);
    ASSERT_TRUE(m.isOk());
    const std::vector<std::string> queries = {"toy story", "the godfather", "pulp fiction 1994", "fargo", "alien"};
    std::vector<std::string> expected;
    for (const auto& q : queries) expected.push_back(top1(*m, q));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int rep = 0; rep < 50; ++rep)
                for (size_t i = 0; i < queries.size(); ++i) {
                    auto r = m->match(queries[i], 1);
                    if (!r || r->empty() || r->front().itemId != expected[i]) ++mismatches[size_t(t)];
                }
        });
    for (auto& th : threads) th.join();
    for (int n : mismatches) EXPECT_EQ(n, 0);
}
