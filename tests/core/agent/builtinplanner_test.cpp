// The built-in planner's request table: realistic requests per domain (ml-100k movies, Steam
// games) -> the conditions, seeds and exclusions it must find, and properties every result of
// the executed plan must have.
#include <gtest/gtest.h>

#include "agent/builtinplanner.h"
#include "agent/executor.h"
#include "catalogfixtures.h"

namespace rs::agent {
namespace {

using nlohmann::json;

struct Expect {
    const char* text = "";
    Intent intent = Intent::Recommend;
    std::vector<std::string> has = {};       // "column=value" has-conditions
    std::vector<std::string> notHas = {};    // "column=value" not_has conditions
    int yearLo = 0, yearHi = 0;              // a year condition's range (between, or one bound)
    std::string yearOp = {};                 // "between", "=", "<", ">", ">="
    std::vector<std::string> seeds = {};     // catalog titles
    std::vector<std::string> excluded = {};  // catalog titles
    std::string priceOp = {};                // "<", ">", "<=", "free"
    double price = 0;
    int n = 10;
    bool popular = false, diversity = false;
    std::vector<std::string> subjects = {};  // lookup / compare
    std::string lookupColumn = {};           // a column the lookup must select
};

std::string describe(const BuiltinAnalysis& a) {
    std::string s = "intent " + std::string(intentName(a.intent)) + "; conditions:";
    for (const auto& c : a.conditions)
        s += " [" + c.column + " " + std::string(filterOpName(c.op)) + " " + c.value.dump() + "]";
    s += "; seeds:";
    for (const auto& t : a.seeds) s += " [" + t.title + "]";
    s += "; excluded:";
    for (const auto& t : a.excluded) s += " [" + t.title + "]";
    s += "; subjects:";
    for (const auto& t : a.subjects) s += " [" + t.title + "]";
    s += "; n " + std::to_string(a.n);
    return s;
}

bool hasTag(const ToolsData& d, size_t row, const std::string& col, const std::string& value) {
    const auto* c = d.catalog().column(col);
    if (!c || !c->present(row)) return false;
    const auto& t = c->tags(row);
    return std::find(t.begin(), t.end(), value) != t.end();
}

void check(const std::shared_ptr<const ToolsData>& data, const std::vector<Expect>& table) {
    auto tools = Tools::create(data);
    ASSERT_TRUE(tools.isOk()) << tools.message();
    BuiltinPlanner planner(data, tools->sql().columns());
    Executor ex(*tools);
    for (const auto& e : table) {
        SCOPED_TRACE(e.text);
        const BuiltinAnalysis a = planner.analyze(e.text, false);
        const std::string got = describe(a);
        EXPECT_EQ(a.intent, e.intent) << got;
        auto findCond = [&](const std::string& spec, FilterOp op) {
            const auto eq = spec.find('=');
            return std::any_of(a.conditions.begin(), a.conditions.end(), [&](const Condition& c) {
                return c.op == op && c.column == spec.substr(0, eq) && c.value == spec.substr(eq + 1);
            });
        };
        for (const auto& h : e.has) EXPECT_TRUE(findCond(h, FilterOp::Has)) << "missing has " << h << "\n" << got;
        for (const auto& h : e.notHas)
            EXPECT_TRUE(findCond(h, FilterOp::NotHas)) << "missing not_has " << h << "\n" << got;
        size_t tagConds = 0;
        for (const auto& c : a.conditions)
            if (c.op == FilterOp::Has || c.op == FilterOp::NotHas) ++tagConds;
        EXPECT_EQ(tagConds, e.has.size() + e.notHas.size()) << "unexpected tag conditions\n" << got;
        const Condition* year = nullptr;
        for (const auto& c : a.conditions)
            if (c.column == "year") year = &c;
        if (e.yearOp.empty()) {
            EXPECT_EQ(year, nullptr) << got;
        } else if (!year) {
            ADD_FAILURE() << "missing year condition\n" << got;
        } else {
            EXPECT_EQ(filterOpName(year->op), e.yearOp) << got;
            if (e.yearOp == "between")
                EXPECT_EQ(year->value, json::array({e.yearLo, e.yearHi})) << got;
            else
                EXPECT_EQ(year->value, e.yearLo) << got;
        }
        std::vector<std::string> seeds, excluded, subjects;
        for (const auto& t : a.seeds) seeds.push_back(t.title);
        for (const auto& t : a.excluded) excluded.push_back(t.title);
        for (const auto& t : a.subjects) subjects.push_back(t.title);
        EXPECT_EQ(seeds, e.seeds) << got;
        EXPECT_EQ(excluded, e.excluded) << got;
        EXPECT_EQ(subjects, e.subjects) << got;
        EXPECT_EQ(a.n, e.n) << got;
        EXPECT_EQ(a.popular, e.popular) << got;
        EXPECT_EQ(a.diversity, e.diversity) << got;
        if (e.priceOp == "free") {
            EXPECT_FALSE(a.freeWhere.empty()) << got;
        } else if (!e.priceOp.empty()) {
            const bool found = std::any_of(a.conditions.begin(), a.conditions.end(), [&](const Condition& c) {
                return c.column == "price" && filterOpName(c.op) == e.priceOp && c.value == e.price;
            });
            EXPECT_TRUE(found) << got;
        }
        if (!e.lookupColumn.empty()) {
            EXPECT_NE(std::find(a.lookupColumns.begin(), a.lookupColumns.end(), e.lookupColumn), a.lookupColumns.end());
        }

        // The plan validates, runs without errors, and every result honours the request.
        const Plan plan = planner.plan(a);
        EXPECT_EQ(plan.intent, a.intent);
        EXPECT_TRUE(parsePlan(plan.toJson()).ok()) << plan.toJson().dump();
        if (a.intent == Intent::Chitchat) {
            EXPECT_TRUE(plan.steps.empty());
            continue;
        }
        CandidateBus bus;
        const auto r = ex.run(plan, bus);
        EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors.front()) << "\n" << plan.toJson().dump();
        if (a.intent == Intent::Lookup) continue;
        EXPECT_FALSE(r.items.empty()) << plan.toJson().dump();
        if (a.intent == Intent::Recommend) {
            EXPECT_LE(r.items.size(), size_t(e.n));
        }
        for (size_t row : r.itemRows) {
            const std::string title = data->catalog().title(row);
            for (const auto& h : e.has) {
                const auto eq = h.find('=');
                EXPECT_TRUE(hasTag(*data, row, h.substr(0, eq), h.substr(eq + 1))) << title << " lacks " << h;
            }
            for (const auto& h : e.notHas) {
                const auto eq = h.find('=');
                EXPECT_FALSE(hasTag(*data, row, h.substr(0, eq), h.substr(eq + 1))) << title << " has " << h;
            }
            const int y = data->year(row);
            if (e.yearOp == "between") {
                EXPECT_TRUE(y >= e.yearLo && y <= e.yearHi) << title;
            }
            if (e.yearOp == "=") {
                EXPECT_EQ(y, e.yearLo) << title;
            }
            if (e.yearOp == "<") {
                EXPECT_LT(y, e.yearLo) << title;
            }
            if (e.yearOp == ">") {
                EXPECT_GT(y, e.yearLo) << title;
            }
            if (e.yearOp == ">=") {
                EXPECT_GE(y, e.yearLo) << title;
            }
            for (const auto& x : e.excluded) EXPECT_NE(title, x);
            for (const auto& s : e.seeds) EXPECT_NE(title, s) << "a seed is not recommended back";
            if (!e.priceOp.empty() && e.priceOp != "free") {
                const auto* p = data->catalog().column("price");
                ASSERT_TRUE(p->present(row)) << title;
                if (e.priceOp == "<") {
                    EXPECT_LT(p->number(row), e.price) << title;
                }
                if (e.priceOp == ">") {
                    EXPECT_GT(p->number(row), e.price) << title;
                }
            }
        }
    }
}

TEST(BuiltinPlanner, MovieRequests) {
    const std::vector<Expect> table = {
        {.text = "sci-fi movies from the 90s like Star Wars but not Alien",
         .has = {"genres=Sci-Fi"},
         .yearLo = 1990,
         .yearHi = 1999,
         .yearOp = "between",
         .seeds = {"Star Wars (1977)"},
         .excluded = {"Alien (1979)"}},
        {.text = "recommend some comedies", .has = {"genres=Comedy"}},
        {.text = "I want a romantic comedy", .has = {"genres=Romance", "genres=Comedy"}},
        {.text = "horror films from the 80s",
         .has = {"genres=Horror"},
         .yearLo = 1980,
         .yearHi = 1989,
         .yearOp = "between"},
        {.text = "movies like Toy Story", .seeds = {"Toy Story (1995)"}},
        {.text = "something similar to Pulp Fiction and Reservoir Dogs",
         .seeds = {"Pulp Fiction (1994)", "Reservoir Dogs (1992)"}},
        {.text = "top 5 popular dramas", .has = {"genres=Drama"}, .n = 5, .popular = true},
        {.text = "animated movies for kids", .has = {"genres=Animation", "genres=Children's"}},
        {.text = "film noir before 1960", .has = {"genres=Film-Noir"}, .yearLo = 1960, .yearOp = "<"},
        {.text = "westerns please", .has = {"genres=Western"}},
        {.text = "thrillers from 1995", .has = {"genres=Thriller"}, .yearLo = 1995, .yearOp = "="},
        {.text = "war movies but not Apocalypse Now", .has = {"genres=War"}, .excluded = {"Apocalypse Now (1979)"}},
        {.text = "give me three musicals", .has = {"genres=Musical"}, .n = 3},
        {.text = "documentaries after 1990", .has = {"genres=Documentary"}, .yearLo = 1990, .yearOp = ">"},
        {.text = "movies like The Godfather but no crime",
         .notHas = {"genres=Crime"},
         .seeds = {"Godfather, The (1972)"}},
        {.text = "recent action movies", .has = {"genres=Action"}, .yearLo = 1996, .yearOp = ">="},
        {.text = "mystery movies between 1940 and 1960",
         .has = {"genres=Mystery"},
         .yearLo = 1940,
         .yearHi = 1960,
         .yearOp = "between"},
        {.text = "I loved Fargo, what else should I watch?", .seeds = {"Fargo (1996)"}},
        {.text = "a diverse mix of adventure movies", .has = {"genres=Adventure"}, .diversity = true},
        {.text = "fantasy films like The Princess Bride",
         .has = {"genres=Fantasy"},
         .seeds = {"Princess Bride, The (1987)"}},
        {.text = "hello", .intent = Intent::Chitchat},
        {.text = "thanks!", .intent = Intent::Chitchat},
        {.text = "when was Casablanca released?",
         .intent = Intent::Lookup,
         .subjects = {"Casablanca (1942)"},
         .lookupColumn = "release_date"},
        {.text = "compare Heat and Casino", .intent = Intent::Compare, .subjects = {"Heat (1995)", "Casino (1995)"}},
    };
    check(test::ml100kTools(), table);
}

TEST(BuiltinPlanner, GameRequests) {
    const std::vector<Expect> table = {
        {.text = "open world RPG games under $20",
         .has = {"genres=RPG", "tags=Open World"},
         .priceOp = "<",
         .price = 20},
        {.text = "free strategy games", .has = {"genres=Strategy"}, .priceOp = "free"},
        {.text = "games like Portal 2", .seeds = {"Portal 2"}},
        {.text = "indie puzzle games from 2017", .has = {"genres=Indie", "tags=Puzzle"}, .yearLo = 2017, .yearOp = "="},
        {.text = "recent racing games", .has = {"genres=Racing"}, .yearLo = 2015, .yearOp = ">="},
        {.text = "zombie survival games", .has = {"tags=Zombies", "tags=Survival"}},
        {.text = "horror games without gore", .has = {"tags=Horror"}, .notHas = {"tags=Gore"}},
        {.text = "sports games over $30", .has = {"genres=Sports"}, .priceOp = ">", .price = 30},
        {.text = "pixel graphics platformers", .has = {"tags=Pixel Graphics", "tags=Platformer"}},
        {.text = "top 3 popular simulation games", .has = {"genres=Simulation"}, .n = 3, .popular = true},
        {.text = "sci-fi space games", .has = {"tags=Sci-fi", "tags=Space"}},
        {.text = "cheap casual games", .has = {"genres=Casual"}, .priceOp = "<", .price = 10},
        {.text = "VR games", .has = {"tags=VR"}},
        {.text = "anime visual novels", .has = {"tags=Anime", "tags=Visual Novel"}},
        {.text = "early access survival games", .has = {"genres=Early Access", "tags=Survival"}},
        {.text = "racing games from the 2010s",
         .has = {"genres=Racing"},
         .yearLo = 2010,
         .yearHi = 2019,
         .yearOp = "between"},
        {.text = "turn-based strategy games like Portal 2", .has = {"tags=Turn-Based Strategy"}, .seeds = {"Portal 2"}},
        {.text = "multiplayer shooters but not Team Fortress 2",
         .has = {"tags=Multiplayer", "tags=Shooter"},
         .excluded = {"Team Fortress 2"}},
        {.text = "5 diverse adventure games", .has = {"genres=Adventure"}, .n = 5, .diversity = true},
        {.text = "hi there", .intent = Intent::Chitchat},
        {.text = "how much is Portal 2?", .intent = Intent::Lookup, .subjects = {"Portal 2"}, .lookupColumn = "price"},
        {.text = "who developed Terraria?",
         .intent = Intent::Lookup,
         .subjects = {"Terraria"},
         .lookupColumn = "developer"},
        {.text = "compare Portal 2 and Team Fortress 2",
         .intent = Intent::Compare,
         .subjects = {"Portal 2", "Team Fortress 2"}},
    };
    check(test::steamTools(), table);
}

}  // namespace
}  // namespace rs::agent
