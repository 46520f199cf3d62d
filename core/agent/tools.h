#pragma once
// Tools: the six agent tools (plan.h lists their inputs) over one dataset's ToolsData, acting on
// a CandidateBus. Each call returns the step's output as compact JSON (what the answer writer and
// the trace see) or an error a user can read; a failed step leaves the bus as it was.
//
//   store_candidates  titles grounded by the TitleMatcher (score >= kRecommendedMinScore); the bus
//                     becomes these items, in the order named. Unmatched titles are listed.
//   lookup            read-only SQL through CatalogSql; rows as compact JSON cut to a token budget
//                     (~4 bytes a token) with a note; the bus is not changed. The rows' items
//                     (item_id column, else titles) are remembered for {"from_step": i}.
//   hard_filter       conditions evaluated in memory over the candidates (the whole catalog when
//                     the bus is inactive): column names snapped to real columns, tag values to
//                     the column's vocabulary, numbers to a year for date columns; or "where"
//                     run as SQL (SELECT item_id FROM items WHERE ...) through the sandbox.
//   soft_filter       keeps the `keep` candidates most similar to the seeds (mean of the seeds'
//                     TF-IDF item vectors, cosine), or scored by a model with the seeds as the
//                     history; the seeds themselves are dropped; scores stored on the bus.
//   rank              popularity (interaction counts), similarity (to the liked items, or the bus's
//                     soft-filter scores), or preference (a fitted recommender scoring the liked
//                     items as a history). Disliked items (input and profile) and liked items are
//                     removed. Diversity mode re-orders the top 50 by MMR (lambda 0.7) over item
//                     vectors. Missing inputs fall back (no liked items: popularity; no model:
//                     similarity) and the output's "notes" say so.
//   map               the top n candidates as {item, title, score, ...} for the answer.
//
// Threading: one Tools per conversation and thread (it owns a SQL connection).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/candidatebus.h"
#include "agent/catalogsql.h"
#include "agent/plan.h"
#include "agent/toolsdata.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

struct ToolOptions {
    size_t lookupTokenBudget = 1500;  // tokens of rows a lookup returns (~4 bytes a token)
    SqlLimits lookupLimits;           // rows and time for lookups
    double filterTimeLimitMs = 500;   // time for a hard_filter "where"
    double mmrLambda = 0.7;           // relevance weight in diversity mode
    size_t mmrPool = 50;              // candidates re-ordered by MMR
};

// Items the user is known to like or dislike (profile memory), as catalog rows.
struct ProfileHints {
    std::vector<size_t> liked, disliked;
};

// What one step may know about the steps before it in the same plan.
struct StepContext {
    size_t index = 0;                                      // position in the plan
    std::vector<std::vector<size_t>>* stepRows = nullptr;  // rows each earlier step produced (lookups)
    const ProfileHints* profile = nullptr;
    util::Task task;
};

class Tools {
public:
    static util::Result<Tools> create(std::shared_ptr<const ToolsData> data, ToolOptions options = {});

    util::Result<nlohmann::json> run(const PlanStep& step, CandidateBus& bus, StepContext& ctx);

    util::Result<nlohmann::json> storeCandidates(const StoreCandidatesInput& in, CandidateBus& bus, StepContext& ctx);
    util::Result<nlohmann::json> lookup(const LookupInput& in, StepContext& ctx);
    util::Result<nlohmann::json> hardFilter(const HardFilterInput& in, CandidateBus& bus, StepContext& ctx);
    util::Result<nlohmann::json> softFilter(const SoftFilterInput& in, CandidateBus& bus, StepContext& ctx);
    util::Result<nlohmann::json> rank(const RankInput& in, CandidateBus& bus, StepContext& ctx);
    util::Result<nlohmann::json> map(const MapInput& in, CandidateBus& bus, StepContext& ctx);

    // Grounds titles (or a from_step reference) to catalog rows; report gets one entry per title.
    std::vector<size_t> ground(const TitleList& titles, const StepContext& ctx, nlohmann::json& report) const;

    const ToolsData& data() const { return *data_; }
    CatalogSql& sql() { return sql_; }
    const ToolOptions& options() const { return options_; }

private:
    Tools(std::shared_ptr<const ToolsData> data, CatalogSql sql, ToolOptions options)
        : data_(std::move(data)), sql_(std::move(sql)), options_(options) {}
    // Every catalog row, for tools that start from an inactive bus.
    std::vector<size_t> allRows() const;
    nlohmann::json itemJson(size_t row, double score) const;

    std::shared_ptr<const ToolsData> data_;
    CatalogSql sql_;
    ToolOptions options_;
};

// Cuts rows to fit maxBytes of compact JSON; returns how many rows were kept.
size_t fitRowsToBudget(nlohmann::json& rows, size_t maxBytes);

}  // namespace rs::agent
