#pragma once
// Top-k ranking metrics for one user. Inputs are the 1-based ranks of the user's held-out items
// in the full ranking (any order; the evaluator produces them) and the number of held-out items.
// A rank > k is a miss. All functions are pure and thread-safe; they return 0 when heldOut <= 0.
//
//   Recall@k   = hits / heldOut
//   NDCG@k     = sum over hits of 1/log2(rank+1), divided by the ideal DCG
//                sum_{i=1..min(heldOut,k)} 1/log2(i+1) (all held-out items ranked first)
//   HitRate@k  = 1 if any held-out item is within k, else 0
//   MRR@k      = 1/rank of the best-ranked held-out item if it is within k, else 0
// With one held-out item (leave-one-out) Recall@k equals HitRate@k.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace rs::eval {

double recallAt(std::span<const int64_t> ranks, int64_t heldOut, int k);
double ndcgAt(std::span<const int64_t> ranks, int64_t heldOut, int k);
double hitRateAt(std::span<const int64_t> ranks, int64_t heldOut, int k);
double mrrAt(std::span<const int64_t> ranks, int64_t heldOut, int k);

// The metric families in report order; names in results are "<family>@<k>", e.g. "ndcg@10".
inline const std::vector<std::string>& metricFamilies() {
    static const std::vector<std::string> f{"recall", "ndcg", "hitrate", "mrr"};
    return f;
}
// Value of one family ("recall", "ndcg", "hitrate", "mrr") at k; 0 for an unknown family.
double metricAt(const std::string& family, std::span<const int64_t> ranks, int64_t heldOut, int k);

}  // namespace rs::eval
