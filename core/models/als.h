#pragma once
// Implicit ALS (Hu, Koren, Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
// ICDM 2008). Preference p_ui = 1 for every training interaction, else 0; confidence
// c_ui = 1 + alpha for interactions (r = 1), else 1. Alternates exact least-squares solves:
//   x_u = (YᵀY + reg·I + Σ_{i∈u} alpha·y_i y_iᵀ)⁻¹ · Σ_{i∈u} (1 + alpha)·y_i
// using the YᵀY + Yᵀ(C_u − I)Y trick (only the user's items touch the sparse part), solved by a
// Cholesky factorization in double per row. Rows are solved in parallel with std::threads; each
// row's arithmetic is fixed, so factors are identical for any thread count.
// Init: uniform in [−0.5, 0.5)·0.1/sqrt(factors) from SplitMix64(seed), users then items.
// Scoring: a known user (UserQuery.user in range) uses its learned factors; an unknown user is
// folded in with the same least-squares solve on its history. score_j = x_u · y_j.
// Defaults tuned on ml-100k leave-one-out over several seeds.
// Params: factors (32), reg (2), alpha (5), iterations (15), seed (42), threads (0 = all cores).
#include "models/recommender.h"

namespace rs::models {

class Als final : public Recommender {
public:
    static util::Result<std::unique_ptr<Recommender>> create(const Params& params);

    std::string name() const override { return "als"; }
    nlohmann::json params() const override;
    util::Status fit(const data::Dataset& train, const util::Task& task) override;
    void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const override;
    util::Status save(std::ostream& out) const override;
    util::Status load(std::istream& in) override;

    int32_t vectorDim() const override { return factors_; }
    std::vector<float> itemVectors() const override { return itemF_; }
    // numUsers × factors, row-major.
    const std::vector<float>& userVectors() const { return userF_; }

private:
    int32_t factors_ = 32;
    double reg_ = 2.0;
    double alpha_ = 5.0;
    int32_t iterations_ = 15;
    uint64_t seed_ = 42;
    int threads_ = 0;
    int32_t numUsers_ = 0;
    std::vector<float> userF_, itemF_;
    std::vector<double> itemGram_;  // YᵀY of the final item factors, for folding in new users
};

}  // namespace rs::models
