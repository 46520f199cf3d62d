#pragma once
// What an evaluation run did (Protocol) and what it measured (EvalReport), serialisable to the
// JSON that `recscope-cli eval --json` writes and the GUI reads:
//   {"protocol": {"dataset", "filters", "split", "candidates", "tie_rule", "users", "items",
//                 "seed", "k", "metrics", "data"},
//    "results": [{"model", "params", "metrics", "ci95", "fit_seconds", "eval_seconds", "users"}]}
// Plain values; not thread-safe for writing.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/evaluator.h"
#include "util/status.h"

namespace rs::eval {

struct Protocol {
    std::string dataset;  // e.g. "ml-100k"
    nlohmann::json filters =
        nlohmann::json::array();  // applied in order: [{"name", "value", "users", "items", "interactions"}]
    nlohmann::json split = nlohmann::json::object();  // data::Split::describe plus "spec"
    std::string candidates = "all items, train items excluded";
    TieRule tieRule = TieRule::Pessimistic;
    int64_t users = 0;  // users evaluated (with at least one held-out item)
    int64_t items = 0;  // candidate catalogue size before masking
    uint64_t seed = 42;
    std::vector<int> ks;
    nlohmann::json data = nlohmann::json::object();  // {"users", "items", "interactions"} after filters

    nlohmann::json toJson() const;
    static util::Result<Protocol> fromJson(const nlohmann::json& j);
};

struct EvalReport {
    Protocol protocol;
    std::vector<ModelResult> results;

    nlohmann::json toJson(bool withRanks = false) const;
    // Reads what toJson wrote (per-user ranks only when present). Errors name the missing field.
    static util::Result<EvalReport> fromJson(const nlohmann::json& j);
    // A plain-text table, one row per model, one column per metric ("recall@10" ...), aligned.
    std::string toTable() const;
};

}  // namespace rs::eval
