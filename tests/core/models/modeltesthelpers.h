#pragma once
// Small datasets and helpers shared by the model tests.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "data/dataset.h"
#include "models/recommender.h"

namespace rs::test {

// Builds a dataset from (user, item) pairs with items "0".."numItems-1" declared up front, so
// internal item index == the number in the name.
inline data::Dataset makeDataset(int numItems, const std::vector<std::pair<int, int>>& pairs) {
    data::DatasetBuilder b;
    for (int i = 0; i < numItems; ++i) b.addItem(std::to_string(i));
    int64_t t = 0;
    for (auto [u, i] : pairs) b.add("u" + std::to_string(u), std::to_string(i), 1.0f, ++t);
    return std::move(b).build();
}

// Planted co-occurrence: 30 users hold items {0,1,2,3}, 30 users hold {5,6,7,8}; items 4 and 9
// are each held by one user of the other group (noise). User "probe" holds {0,1,2} only.
inline data::Dataset plantedDataset() {
    std::vector<std::pair<int, int>> p;
    for (int u = 0; u < 30; ++u)
        for (int i : {0, 1, 2, 3}) p.emplace_back(u, i);
    for (int u = 30; u < 60; ++u)
        for (int i : {5, 6, 7, 8}) p.emplace_back(u, i);
    p.emplace_back(31, 4);
    p.emplace_back(2, 9);
    for (int i : {0, 1, 2}) p.emplace_back(99, i);
    return makeDataset(10, p);
}

// Pseudo-random sparse dataset (fixed LCG) for determinism and round-trip tests.
inline data::Dataset randomDataset(int users, int items, int perUser, uint32_t seed = 7) {
    std::vector<std::pair<int, int>> p;
    uint32_t s = seed;
    for (int u = 0; u < users; ++u)
        for (int k = 0; k < perUser; ++k) {
            s = s * 1664525u + 1013904223u;
            // Skewed toward low indices so some items are popular.
            const uint32_t r = (s >> 8) % static_cast<uint32_t>(items);
            p.emplace_back(u, static_cast<int>((r * r) / static_cast<uint32_t>(items)));
        }
    return makeDataset(items, p);
}

inline std::unique_ptr<models::Recommender> makeModel(const std::string& name, const models::Params& params = {}) {
    auto m = models::createRecommender(name, params);
    EXPECT_TRUE(m.isOk()) << m.message();
    return m.isOk() ? std::move(*m) : nullptr;
}

// Scores every user of d as known users (query.user = index, history = the user's items).
inline std::vector<float> scoreAll(const models::Recommender& m, const data::Dataset& d) {
    std::vector<models::UserQuery> qs;
    for (int32_t u = 0; u < d.numUsers(); ++u) qs.push_back({u, d.userItems(u)});
    std::vector<float> out(qs.size() * static_cast<size_t>(m.numItems()));
    m.scoreBatch(qs, out);
    return out;
}

// Best-scoring item not in history.
inline int32_t topUnseen(std::span<const float> scores, std::span<const int32_t> history) {
    int32_t best = -1;
    for (int32_t i = 0; i < static_cast<int32_t>(scores.size()); ++i) {
        if (std::find(history.begin(), history.end(), i) != history.end()) continue;
        if (best < 0 || scores[i] > scores[best]) best = i;
    }
    return best;
}

}  // namespace rs::test
