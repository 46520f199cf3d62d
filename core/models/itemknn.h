#pragma once
// ItemKNN: item-item cosine similarity on binary interactions with shrinkage,
//   sim(a, b) = |U(a) ∩ U(b)| / (sqrt|U(a)| · sqrt|U(b)| + shrink),
// where U(i) is the set of training users of item i. Each item keeps its top `k` neighbours
// (ties broken by lower item index); a user's score for item j is the sum over history items h
// of sim(h, j) when j is among h's kept neighbours.
// Defaults tuned on ml-100k leave-one-out (k 10–25 all do well; larger k dilutes scores).
// Params: k (neighbours, default 20), shrink (default 10), threads (0 = all cores).
// fit() computes similarities with `threads` std::threads; results do not depend on the count.
#include "models/recommender.h"

namespace rs::models {

class ItemKnn final : public Recommender {
public:
    static util::Result<std::unique_ptr<Recommender>> create(const Params& params);

    std::string name() const override { return "itemknn"; }
    nlohmann::json params() const override;
    util::Status fit(const data::Dataset& train, const util::Task& task) override;
    void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const override;
    util::Status save(std::ostream& out) const override;
    util::Status load(std::istream& in) override;

    // Kept neighbours of item i: indices and similarities, sorted by similarity descending.
    std::span<const int32_t> neighbours(int32_t i) const;
    std::span<const float> similarities(int32_t i) const;

private:
    int32_t k_ = 20;
    double shrink_ = 10.0;
    int threads_ = 0;
    std::vector<int64_t> offsets_;  // numItems()+1
    std::vector<int32_t> nbr_;
    std::vector<float> sim_;
};

}  // namespace rs::models
