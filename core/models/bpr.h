#pragma once
// BPR-MF (Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009)
// with item biases: x_uij = p_u·(q_i − q_j) + b_i − b_j, maximising Σ ln σ(x_uij) − reg·‖θ‖².
//
// Sampling: each epoch draws nnz triples. Triple s of epoch e comes from its own SplitMix64
// stream seeded by (seed, e, s): a uniformly drawn training interaction (u, i) and a negative j
// drawn uniformly among items u has not interacted with.
// Determinism rule (multi-threaded yet identical for any thread count): epochs are cut into
// mini-batches of `batch` triples, each run in three phases separated by barriers:
//   1. triples are drawn and σ(−x_uij) computed from the batch-start parameters (parallel over
//      triples, each written to its own slot);
//   2. user rows are updated, rows partitioned among threads, each row's updates in triple order
//      (items are only read, so they are the batch-start values);
//   3. item rows and biases likewise, reading the users as left by phase 2.
// Every row's final value therefore depends only on the triple order, never on the threads.
// Init: uniform in [−0.05, 0.05) from SplitMix64(seed), users then items; biases 0.
// Scoring: a known user uses p_u; an unknown user is folded in as the mean of its history
// items' vectors q_h (no training step). score_j = x·q_j + b_j.
// Defaults tuned on ml-100k leave-one-out over several seeds.
// Params: factors (64), lr (0.05), reg (0.01), epochs (80), batch (4096), seed (42),
// threads (default 1; 0 = all cores). Results depend on batch (staleness) but never on threads.
// threads defaults to 1 because per-triple work is tiny: on ml-100k (64 factors, 2 cores shared
// with other jobs) two threads measured slower than one, the parameter rows bouncing between
// cores each batch; raise it for large factor counts on an idle machine.
#include "models/recommender.h"

namespace rs::models {

class Bpr final : public Recommender {
public:
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
    double reg_ = 0.01;
    int32_t epochs_ = 80;
    int64_t batch_ = 4096;
    uint64_t seed_ = 42;
    int threads_ = 1;
    int32_t numUsers_ = 0;
    std::vector<float> userF_, itemF_, itemBias_;
};

}  // namespace rs::models
