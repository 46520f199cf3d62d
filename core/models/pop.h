#pragma once
// Pop: scores every item by the number of distinct training users who interacted with it.
// The same scores for every user; many items tie (see the evaluator's tie rule).
// Params: threads (accepted for uniformity, unused).
#include "models/recommender.h"

namespace rs::models {

class Pop final : public Recommender {
public:
    static util::Result<std::unique_ptr<Recommender>> create(const Params& params);

    std::string name() const override { return "pop"; }
    nlohmann::json params() const override { return nlohmann::json::object(); }
    util::Status fit(const data::Dataset& train, const util::Task& task) override;
    void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const override;
    util::Status save(std::ostream& out) const override;
    util::Status load(std::istream& in) override;

    // Distinct users per item (numItems() floats).
    const std::vector<float>& counts() const { return counts_; }

private:
    std::vector<float> counts_;
};

}  // namespace rs::models
