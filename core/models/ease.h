#pragma once
// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), closed form:
//   G = XᵀX + λI            (n × n, from the sparse binary interactions, never a dense X)
//   P = G⁻¹                 (LAPACK Cholesky: spotrf + spotri, float32)
//   B = I − P · diag(1/diag(P)),  i.e. B_ij = −P_ij / P_jj and B_ii = 0
//   score(u) = x_u · B      (x_u the binary history row)
// Memory: one n × n float matrix (n = items; 10k items → 400 MB). Time: dominated by
// potrf + potri (≈ n³ flops, BLAS-threaded; OpenBLAS uses all cores, not `threads`).
// Params: lambda (L2 weight, default 400: ml-100k leave-one-out peaks at 350–450), threads (Gram computation; 0 = all
// cores).
#include "models/recommender.h"

namespace rs::models {

class Ease final : public Recommender {
public:
    static util::Result<std::unique_ptr<Recommender>> create(const Params& params);

    std::string name() const override { return "ease"; }
    nlohmann::json params() const override { return {{"lambda", lambda_}}; }
    util::Status fit(const data::Dataset& train, const util::Task& task) override;
    // Per block of up to kScoreBlock queries: when histories are short (on average under
    // numItems/kSparseRatio items, the usual case) each score row is the sum of the history
    // items' rows of B; otherwise dense 0/1 history rows are multiplied by B with one sgemm.
    void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const override;
    util::Status save(std::ostream& out) const override;
    util::Status load(std::istream& in) override;

    // The learned item-item weights, numItems() × numItems() row-major (row = history item).
    const std::vector<float>& weights() const { return b_; }

private:
    static constexpr size_t kScoreBlock = 256;
    static constexpr size_t kSparseRatio = 16;
    double lambda_ = 400.0;
    int threads_ = 0;
    std::vector<float> b_;
};

}  // namespace rs::models
