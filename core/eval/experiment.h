#pragma once
// One evaluation run end to end: filter a Dataset, split it, fit each model on train and rank the
// held-out items (evaluator.h). Shared by `recscope-cli eval`, `recscope-cli train` (which uses
// prepareData only) and the GUI, so every front end applies the same protocol.
//
// Filters run in a fixed order, each only when enabled: dedupe, min-rating, k-core,
// min-user-interactions. Split specs:
//   "loo"            leave-one-out by time (the last interaction of each user is the test item)
//   "loo-val"        leave-one-out with the second-to-last as validation; models are fitted on
//                    train and evaluated on test with the validation item added to the user's
//                    history and masked (it is known by test time)
//   "ratio:T[:V]"    temporal ratio per user: first T train, next V validation (default 0), rest test
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "data/split.h"
#include "eval/evaluator.h"
#include "eval/report.h"
#include "models/recommender.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::eval {

struct SplitSpec {
    enum class Kind { LeaveOneOut, TemporalRatio } kind = Kind::LeaveOneOut;
    bool validation = false;       // loo-val
    double trainRatio = 0.8;       // ratio only
    double validationRatio = 0.0;  // ratio only
    std::string text;              // as given, recorded in the protocol
};
// Parses "loo", "loo-val", "ratio:0.8", "ratio:0.7:0.1"; the error names the bad part.
util::Result<SplitSpec> parseSplitSpec(const std::string& text);

struct ExperimentConfig {
    std::string datasetName;
    bool dedupe = false;
    std::optional<float> minRating;
    int64_t kcore = 0;                // 0 = off; users and items both need >= kcore interactions
    int64_t minUserInteractions = 0;  // 0 = off
    SplitSpec split;
    std::vector<std::pair<std::string, models::Params>> models;  // from models::parseModelList
    EvalOptions eval;
};

// Applies the enabled filters in the documented order. When applied is non-null, appends one
// entry per filter: {"name", "value", "users", "items", "interactions"} (sizes after the filter).
data::Dataset applyFilters(const data::Dataset& data, const ExperimentConfig& config,
                           nlohmann::json* applied = nullptr);

struct PreparedData {
    data::Split split;
    data::Dataset known;  // what evaluation masks and feeds as history: train (+ validation for loo-val)
    Protocol protocol;    // everything but users (set by runExperiment) is filled in
};
util::Result<PreparedData> prepareData(const data::Dataset& data, const ExperimentConfig& config,
                                       const util::Task& task);

// Creates a model from its spec. When the model has a "seed" or "threads" parameter that the spec
// leaves unset, the run's seed and thread count are passed on, so `--seed` makes the whole run
// reproducible and `--threads` bounds every stage.
util::Result<std::unique_ptr<models::Recommender>> createConfiguredModel(
    const std::pair<std::string, models::Params>& spec, const EvalOptions& options);

// Fits and evaluates every model in order. onResult (optional) is called on the calling thread
// after each model, e.g. to print a row. Progress stages are "fit <model>" and "eval <model>"
// with fractions within the stage. Fails on the first model that fails (the message names it).
util::Result<EvalReport> runExperiment(const data::Dataset& data, const ExperimentConfig& config,
                                       const util::Task& task,
                                       const std::function<void(const ModelResult&)>& onResult = {});

}  // namespace rs::eval
