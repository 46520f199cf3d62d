#pragma once
// BuiltinPlanner: the rule planner that runs with no LLM. From the user's words and the catalog's
// own vocabulary it produces the same plan JSON the LLM planner does (plan.h).
//
// What it reads (all case-insensitive; docs/agent.md lists the exact phrases):
//   intent     lookup ("when was X released", "how much is X", "who developed X", "tell me about
//              X"), compare ("compare X and Y", "X vs Y"), chit-chat (greetings, thanks, questions
//              about the assistant, or text with nothing to act on), else recommend.
//   conditions tags of every tag-list column found as words ("sci-fi", "comedies", "open world",
//              "rpg"; plurals and spelling variants fold together; the first tag column wins a
//              word that is in several); decades ("90s", "1990s"), years ("from 1995", "before
//              1980", "after 2010", "between 1990 and 1995"), "recent"/"new" (the catalog's
//              last three years); with a price column: "free", "under $10", "over $20",
//              "cheap"; "popular" (popularity in the catalog's top quarter, ranked by it).
//   seeds      titles after "like", "similar to", "such as", "fans of", "I loved/liked/enjoyed"
//              grounded by the TitleMatcher (the best-scoring span of up to 8 words, score >=
//              kRecommendedMinScore).
//   excluded   titles after "but not", "not", "except", "without", "other than", "I hated",
//              "didn't like"; a tag there becomes a not_has condition ("no horror").
//   also       "top 5"/"five games" (map n), "diverse"/"variety" (diversity mode), and
//              follow-ups ("among those", "cheaper ones", "of these") on an active bus (refine).
// Titles are found first and their words removed before tags are read, so "like Star Wars"
// does not add the War genre.
// Threading: analyze() and plan() are const and thread-safe.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/catalogsql.h"
#include "agent/plan.h"
#include "agent/toolsdata.h"

namespace rs::agent {

struct GroundedTitle {
    size_t row = 0;
    std::string title;  // the catalog's title text
    double score = 0;
};

struct BuiltinAnalysis {
    Intent intent = Intent::Recommend;
    std::vector<Condition> conditions;
    std::vector<GroundedTitle> seeds, excluded;
    std::vector<GroundedTitle> subjects;     // lookup / compare items
    std::vector<std::string> lookupColumns;  // SQL column names a lookup selects
    std::vector<std::string> unmatched;      // title-like phrases that matched nothing
    std::string freeWhere;                   // "free": an SQL expression (price 0, "Free" text, tag)
    int n = 10;
    bool diversity = false;
    bool popular = false;
    bool refine = false;
    std::string chitchatKind;  // "greeting", "thanks", "help", "bye", "unknown"
};

class BuiltinPlanner {
public:
    // columns: the catalog's SQL columns (CatalogSql::columns()), for lookup statements.
    BuiltinPlanner(std::shared_ptr<const ToolsData> data, std::vector<CatalogColumnInfo> columns);

    // busActive: the conversation has candidates from an earlier turn (follow-ups refine them).
    BuiltinAnalysis analyze(std::string_view text, bool busActive) const;
    Plan plan(const BuiltinAnalysis& analysis) const;

    const ToolsData& data() const { return *data_; }

private:
    std::shared_ptr<const ToolsData> data_;
    std::vector<CatalogColumnInfo> columns_;
    int maxYear_ = 0, recentFrom_ = 0;
    double popularFrom_ = 0;
};

}  // namespace rs::agent
