#pragma once
// BPR-MF (Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009)
// with item biases: x_uij = p_u·(q_i − q_j) + b_i − b_j, maximising Σ ln σ(x_uij) − reg·‖θ‖².
//
// Sampling: each epoch draws nnz triples. Triple s of epoch e comes from its own SplitMix64
// stream seeded by (seed, e, s): a uniformly drawn training interaction (u, i) and a negative j
// drawn uniformly among items u has not interacted with.
// Determinism rule (multi-threaded yet identical for any thread count): epochs are cut into
// mini-batches of kBatch triples. Within a batch, every triple's gradient is computed from the
// parameters as they were at the start of the batch (in parallel, into a per-triple buffer);
// then the updates are applied per parameter row in triple order (rows are partitioned among
// threads, each thread applies all updates of its rows). A row's final value therefore depends
// only on the triple order, never on which thread did the work.
// Init: uniform in [−0.05, 0.05) from SplitMix64(seed), users then items; biases 0.
// Scoring: a known user uses p_u; an unknown user is folded in as the mean of its history
// items' vectors q_h (no training step). score_j = x·q_j + b_j.
// Params: factors (64), lr (0.05), reg (0.0025), epochs (30), seed (42), threads (0 = all cores).
#include "models/recommender.h"

namespace rs::models {

class Bpr final : public Recommender {
public:
    static constexpr int64_t kBatch = 1024;
    static util::Result<std::unique_ptr<Recommender>> create(const Params& params);

    std::string name() const override { return "bpr"; }
    nlohmann::json params() const override;
    util::Status fit(const data::Dataset& train, const util::Task& task) override;
    void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const override;
    util::Status save(std::ostream& out) const override;
    util::Status load(std::istream& in) override;

    int32_t vectorDim() const override { return factors_; }
    std::vector<float> itemVectors() const override { return itemF_; }
    const std::vector<float>& userVectors() const { return userF_; }
    const std::vector<float>& itemBiases() const { return itemBias_; }

private:
    int32_t factors_ = 64;
    double lr_ = 0.05;
    double reg_ = 0.0025;
    int32_t epochs_ = 30;
    uint64_t seed_ = 42;
    int threads_ = 0;
    int32_t numUsers_ = 0;
    std::vector<float> userF_, itemF_, itemBias_;
};

}  // namespace rs::models
