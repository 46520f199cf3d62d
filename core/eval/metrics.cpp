#include "eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace rs::eval {

namespace {
int64_t hitsWithin(std::span<const int64_t> ranks, int k) {
    return std::count_if(ranks.begin(), ranks.end(), [k](int64_t r) { return r >= 1 && r <= k; });
}
}  // namespace

double recallAt(std::span<const int64_t> ranks, int64_t heldOut, int k) {
    if (heldOut <= 0 || k <= 0) return 0.0;
    return static_cast<double>(hitsWithin(ranks, k)) / static_cast<double>(heldOut);
}

double ndcgAt(std::span<const int64_t> ranks, int64_t heldOut, int k) {
    if (heldOut <= 0 || k <= 0) return 0.0;
    double dcg = 0.0;
    for (int64_t r : ranks)
        if (r >= 1 && r <= k) dcg += 1.0 / std::log2(static_cast<double>(r) + 1.0);
    double idcg = 0.0;
    const int64_t ideal = std::min<int64_t>(heldOut, k);
    for (int64_t i = 1; i <= ideal; ++i) idcg += 1.0 / std::log2(static_cast<double>(i) + 1.0);
    return dcg / idcg;
}

double hitRateAt(std::span<const int64_t> ranks, int64_t heldOut, int k) {
    if (heldOut <= 0 || k <= 0) return 0.0;
    return hitsWithin(ranks, k) > 0 ? 1.0 : 0.0;
}

double mrrAt(std::span<const int64_t> ranks, int64_t heldOut, int k) {
    if (heldOut <= 0 || k <= 0) return 0.0;
    int64_t best = 0;
    for (int64_t r : ranks)
        if (r >= 1 && r <= k && (best == 0 || r < best)) best = r;
    return best == 0 ? 0.0 : 1.0 / static_cast<double>(best);
}

double metricAt(const std::string& family, std::span<const int64_t> ranks, int64_t heldOut, int k) {
    if (family == "recall") return recallAt(ranks, heldOut, k);
    if (family == "ndcg") return ndcgAt(ranks, heldOut, k);
    if (family == "hitrate") return hitRateAt(ranks, heldOut, k);
    if (family == "mrr") return mrrAt(ranks, heldOut, k);
    return 0.0;
}

}  // namespace rs::eval
