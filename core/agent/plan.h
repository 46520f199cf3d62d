#pragma once
// Plan: the one JSON format that the LLM planner, the built-in planner, the demonstrations and the
// executor share (docs/agent.md has the full description):
//
//   {"intent": "recommend" | "lookup" | "compare" | "chitchat",
//    "plan": [{"tool": NAME, "input": {...}}, ...]}
//
// Tools and their inputs (keys not listed are errors, so a typo reaches the LLM as a message):
//   store_candidates {"titles": [str, ...] | {"from_step": i}}
//   lookup           {"sql": "SELECT ... FROM items ..."}
//   hard_filter      {"conditions": [{"column": str, "op": OP, "value": V}, ...]} or {"where": str}
//                    OP: = != < <= > >= between has not_has like; between takes [lo, hi]
//   soft_filter      {"seeds": [str, ...] | {"from_step": i}, "by": "embedding" | "model", "keep": n}
//   rank             {"by": "popularity" | "similarity" | "preference", "model": str,
//                     "liked": titles, "disliked": titles, "mode": "accuracy" | "diversity"}
//   map              {"n": n}   (1..100, default 10)
// {"from_step": i} names an earlier step of the same plan by its 0-based position; that step must
// be a lookup, and its rows (their item ids, or their titles) stand in for the titles list.
//
// An optional top-level "refine": true keeps the previous turn's candidates (see Plan::refine).
// Order rules: chitchat plans are empty, every other plan has at least one step; map, when
// present, is the last step; a recommend plan ends with rank then map. Tools may repeat.
//
// Parsing never throws. Every problem is one sentence naming the step ("step 2 (rank): ...") so
// the list can go back to an LLM for one repair (repairMessage()).
// Threading: plain values and pure functions; thread-safe.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace rs::agent {

enum class Intent { Recommend, Lookup, Compare, Chitchat };
std::string_view intentName(Intent intent);  // "recommend", "lookup", "compare", "chitchat"
std::optional<Intent> intentFromName(std::string_view name);

inline constexpr std::array<std::string_view, 6> kToolNames = {"store_candidates", "lookup", "hard_filter",
                                                               "soft_filter",      "rank",   "map"};

// A list of titles, or a reference to an earlier lookup step's rows.
struct TitleList {
    std::vector<std::string> titles;
    std::optional<int> fromStep;  // 0-based plan position of a lookup step
    bool empty() const { return titles.empty() && !fromStep; }
};

struct StoreCandidatesInput {
    TitleList titles;
};

struct LookupInput {
    std::string sql;
};

enum class FilterOp { Eq, Ne, Lt, Le, Gt, Ge, Between, Has, NotHas, Like };
std::string_view filterOpName(FilterOp op);  // "=", "!=", "<", "<=", ">", ">=", "between", "has", "not_has", "like"
std::optional<FilterOp> filterOpFromName(std::string_view name);

struct Condition {
    std::string column;
    FilterOp op = FilterOp::Eq;
    // A string or a number; for Between an array [lo, hi] of two numbers or two strings.
    nlohmann::json value;
};

struct HardFilterInput {
    std::vector<Condition> conditions;  // all must hold (AND)
    std::string where;                  // or an SQL boolean expression over the items columns
};

enum class SoftBy { Embedding, Model };
struct SoftFilterInput {
    TitleList seeds;
    SoftBy by = SoftBy::Embedding;
    int keep = 200;
};

enum class RankBy { Popularity, Similarity, Preference };
enum class RankMode { Accuracy, Diversity };
struct RankInput {
    RankBy by = RankBy::Popularity;
    std::string model;  // a trained model name ("ease"); empty = the agent's default
    TitleList liked, disliked;
    RankMode mode = RankMode::Accuracy;
};

struct MapInput {
    int n = 10;
};

using StepInput =
    std::variant<StoreCandidatesInput, LookupInput, HardFilterInput, SoftFilterInput, RankInput, MapInput>;

struct PlanStep {
    std::string tool;      // one of kToolNames
    nlohmann::json input;  // as given (an object), kept for traces
    StepInput typed;       // the parsed input
};

struct Plan {
    Intent intent = Intent::Chitchat;
    std::vector<PlanStep> steps;
    // Optional top-level "refine": true — the request works on the previous turn's candidates
    // ("cheaper ones among those"), so the executor keeps the bus instead of starting afresh.
    bool refine = false;

    // The canonical JSON form: {"intent": ..., "plan": [{"tool", "input"}, ...]}; typed inputs
    // are written back with their defaults filled in, so toJson() parses to the same plan.
    nlohmann::json toJson() const;
};

nlohmann::json toJson(const PlanStep& step);  // {"tool": ..., "input": ...} from the typed input

struct PlanParse {
    std::optional<Plan> plan;         // set when errors is empty
    std::vector<std::string> errors;  // each names the step and the field
    bool ok() const { return errors.empty(); }
};

// Validates a plan given as JSON.
PlanParse parsePlan(const nlohmann::json& plan);
// Validates a plan given as LLM text: the first JSON object in text (```json fences and prose
// around it are tolerated). Text of any size and encoding is handled; bad JSON is one error.
PlanParse parsePlanText(std::string_view text);

// A message for the LLM listing the errors and restating the format, for one repair round-trip.
std::string repairMessage(const std::vector<std::string>& errors);

}  // namespace rs::agent
