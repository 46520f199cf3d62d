#pragma once
// Full-ranking evaluation of a fitted Recommender.
//
// Candidate set: every item of the dataset except the user's known items ("all items, train
// items excluded"): known items are masked, neither ranked nor counted. Each held-out item gets
//   rank = 1 + #(candidates with a strictly higher score) + tie adjustment,
// where candidates include the user's other held-out items, and the tie adjustment depends on
// TieRule, applied to the t other candidates whose score equals the held-out item's:
//   Pessimistic (default): + t   every tied item ranks ahead. A model that scores everything
//                                 equally gets the worst rank instead of a perfect one, so ties
//                                 never flatter a model. Measured on ml-100k leave-one-out: pop
//                                 (many equal counts) has Recall@10 0.0859 under every rule and
//                                 NDCG@10 0.0439 / 0.0446 / 0.0450 (pessimistic / random /
//                                 optimistic); itemknn and ease do not change at all. The
//                                 conservative rule costs real models nothing (docs/evaluation.md).
//   Optimistic:            + 0   every tied item ranks behind (an upper bound).
//   Random:                + U{0..t}, drawn from a hash of (seed, user, item): reproducible and
//                                 independent of thread count and batch size.
// NaN scores are treated as -infinity (they rank last).
//
// Threading: scoring runs in batches of users (one Recommender::scoreBatch call each) on
// EvalOptions::threads std::thread workers, which only read the model and datasets. The per-user
// results are written to fixed slots, so they are identical for any thread count. Progress is
// reported from worker threads (Task::progress must be thread-safe); cancellation is checked
// between batches and yields Status::error("cancelled").
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "models/recommender.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::eval {

enum class TieRule { Pessimistic, Optimistic, Random };
std::string_view tieRuleName(TieRule r);  // "pessimistic", "optimistic", "random"
std::optional<TieRule> tieRuleFromName(std::string_view name);

struct EvalOptions {
    std::vector<int> ks{10, 20};  // cut-offs, each >= 1
    TieRule tieRule = TieRule::Pessimistic;
    uint64_t seed = 42;           // Random tie rule and bootstrap resampling
    int threads = 0;              // worker threads; 0 = std::thread::hardware_concurrency()
    int batchSize = 256;          // users per scoreBatch call (lowered for huge catalogs)
    int bootstrapSamples = 1000;  // resamples for the 95% CIs; 0 = no CIs
};

// One evaluated user: the 1-based ranks of the held-out items, in the test set's order.
struct UserRanks {
    int32_t user = -1;           // internal user index (shared by train and test)
    std::vector<int64_t> ranks;  // ranks.size() == number of held-out items
};

struct ModelResult {
    std::string model;
    nlohmann::json params;                  // Recommender::params()
    std::map<std::string, double> metrics;  // "recall@10" -> mean over evaluated users
    // Bootstrap percentile 95% interval of each metric's mean (users resampled with replacement).
    std::map<std::string, std::pair<double, double>> ci95;
    double fitSeconds = 0.0;         // wall-clock seconds
    double evalSeconds = 0.0;        // wall-clock seconds
    int64_t users = 0;               // users with at least one held-out item
    std::vector<UserRanks> perUser;  // sorted by user; kept for CIs and paired tests

    // {"model", "params", "metrics", "ci95", "fit_seconds", "eval_seconds", "users"};
    // perUser is left out (it is large) unless withRanks.
    nlohmann::json toJson(bool withRanks = false) const;
};

// Ranks every user that has at least one item in heldOut. known holds each user's items that are
// masked and also passed to the model as UserQuery::history (the training items, plus validation
// items when evaluating on test after a validation split). known and heldOut must share the
// model's id spaces: numItems() equal to model.numItems(), and the same number of users.
util::Result<std::vector<UserRanks>> rankHeldOut(const models::Recommender& model, const data::Dataset& known,
                                                 const data::Dataset& heldOut, const EvalOptions& options,
                                                 const util::Task& task);

// Metric means over users ("<family>@<k>" for every family in metricFamilies() and k in ks).
std::map<std::string, double> meanMetrics(const std::vector<UserRanks>& perUser, const std::vector<int>& ks);
// Percentile bootstrap 95% CIs of the means; deterministic for a given seed.
std::map<std::string, std::pair<double, double>> bootstrapCi95(const std::vector<UserRanks>& perUser,
                                                               const std::vector<int>& ks, int samples, uint64_t seed);

// rankHeldOut + meanMetrics + bootstrapCi95, timed; fills everything except fitSeconds.
util::Result<ModelResult> evaluateModel(const models::Recommender& model, const data::Dataset& known,
                                        const data::Dataset& heldOut, const EvalOptions& options,
                                        const util::Task& task);

}  // namespace rs::eval
