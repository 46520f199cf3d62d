#pragma once
// The Recommender interface and the registry of built-in models ("pop", "itemknn", "ease", "als",
// "bpr"). A model is created by name with string parameters (as typed on the command line,
// "ease:lambda=300"), fitted on a training Dataset, then scores a user's history against every
// item of that dataset.
//
// Threading: fit() may use several threads internally (Params "threads", 0 = all cores). After
// fit() returns, score() and scoreBatch() are const and may be called from several threads at once.
// Determinism: the same data, parameters and "seed" give the same scores, whatever the thread count.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::models {

// Parameter values as strings; each model parses and validates its own keys and rejects unknown
// keys with a message naming the model and the key.
using Params = std::map<std::string, std::string>;

// One user to score. user is the internal user index in the training dataset, or -1 for a user
// the model has not seen (then only history is used). history holds internal item indices.
struct UserQuery {
    int32_t user = -1;
    std::span<const int32_t> history;
};

class Recommender {
public:
    virtual ~Recommender() = default;

    virtual std::string name() const = 0;
    // Effective hyper-parameters after defaults were applied (recorded with every result).
    virtual nlohmann::json params() const = 0;

    // Trains on train. Reports progress and returns Status::error("cancelled") when task is cancelled.
    virtual util::Status fit(const data::Dataset& train, const util::Task& task) = 0;

    // Scores every item for each query: out is queries.size() × numItems() floats, row-major.
    // Higher is better. Items in the history are scored too (the evaluator masks them).
    virtual void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const = 0;

    int32_t numItems() const { return numItems_; }

    // Item vectors (numItems() × dim floats, row-major) for models that have them (ALS, BPR);
    // empty otherwise.
    virtual int32_t vectorDim() const { return 0; }
    virtual std::vector<float> itemVectors() const { return {}; }

    // Binary persistence of the fitted state (not the training data).
    virtual util::Status save(std::ostream& out) const = 0;
    virtual util::Status load(std::istream& in) = 0;

protected:
    int32_t numItems_ = 0;
};

using RecommenderFactory = std::function<util::Result<std::unique_ptr<Recommender>>(const Params&)>;

struct ModelInfo {
    std::string name;
    std::string description;
    RecommenderFactory create;
};

const std::vector<ModelInfo>& modelRegistry();
std::vector<std::string> modelNames();
// Creates a model by name; an unknown name lists the known ones, a bad parameter names the key.
util::Result<std::unique_ptr<Recommender>> createRecommender(const std::string& name, const Params& params = {});

// Parses "ease:lambda=300,threads=2" into ("ease", {lambda: 300, threads: 2}).
util::Result<std::pair<std::string, Params>> parseModelSpec(const std::string& spec);
// Parses a comma-separated list of specs: "pop,ease:lambda=300,threads=2,als" gives pop,
// ease{lambda, threads}, als (a token with '=' and no ':' continues the previous model).
util::Result<std::vector<std::pair<std::string, Params>>> parseModelList(const std::string& list);

}  // namespace rs::models
