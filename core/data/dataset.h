#pragma once
// Dataset: users, items and their interactions, stored compactly.
//
// Interactions are kept in CSR form by user: the interactions of internal user u are the
// positions [offsets()[u], offsets()[u+1]) of items(), ratings() and timestamps(). Within a user
// they are ordered by timestamp ascending; interactions with equal timestamps keep the order in
// which they were added (file order). Internal ids are dense: users 0..numUsers()-1, items
// 0..numItems()-1, in order of first appearance (items declared with addItem() first).
// A Dataset is immutable once built and safe to read from several threads.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/status.h"

namespace rs::data {

inline constexpr float kNoRating = std::numeric_limits<float>::quiet_NaN();

class Dataset {
public:
    Dataset() = default;

    int32_t numUsers() const { return static_cast<int32_t>(userIds_.size()); }
    int32_t numItems() const { return static_cast<int32_t>(itemIds_.size()); }
    int64_t numInteractions() const { return static_cast<int64_t>(items_.size()); }

    // CSR arrays: offsets has numUsers()+1 entries; items/ratings/timestamps numInteractions().
    // ratings are kNoRating (NaN) where the source had none; timestamps are seconds since the
    // Unix epoch (0 where the source had none, with hasTimestamps() false).
    const std::vector<int64_t>& offsets() const { return offsets_; }
    const std::vector<int32_t>& items() const { return items_; }
    const std::vector<float>& ratings() const { return ratings_; }
    const std::vector<int64_t>& timestamps() const { return timestamps_; }

    std::span<const int32_t> userItems(int32_t u) const { return span(items_, u); }
    std::span<const float> userRatings(int32_t u) const { return span(ratings_, u); }
    std::span<const int64_t> userTimestamps(int32_t u) const { return span(timestamps_, u); }
    int64_t userCount(int32_t u) const { return offsets_[u + 1] - offsets_[u]; }

    bool hasRatings() const { return hasRatings_; }
    bool hasTimestamps() const { return hasTimestamps_; }

    const std::string& userId(int32_t u) const { return userIds_[u]; }
    const std::string& itemId(int32_t i) const { return itemIds_[i]; }
    const std::vector<std::string>& userIds() const { return userIds_; }
    const std::vector<std::string>& itemIds() const { return itemIds_; }
    std::optional<int32_t> userIndex(std::string_view externalId) const;
    std::optional<int32_t> itemIndex(std::string_view externalId) const;

    // Interactions per item (length numItems()).
    std::vector<int64_t> itemCounts() const;

    // Builds a dataset from CSR parts already in internal ids. Validates shapes and id ranges,
    // and sorts each user's interactions by timestamp (stable). Used by filters, splits and the
    // project store.
    static util::Result<Dataset> fromCsr(std::vector<std::string> userIds, std::vector<std::string> itemIds,
                                         std::vector<int64_t> offsets, std::vector<int32_t> items,
                                         std::vector<float> ratings, std::vector<int64_t> timestamps, bool hasRatings,
                                         bool hasTimestamps);

private:
    friend class DatasetBuilder;
    template <class T>
    std::span<const T> span(const std::vector<T>& v, int32_t u) const {
        return {v.data() + offsets_[u], static_cast<size_t>(offsets_[u + 1] - offsets_[u])};
    }
    void buildIndexMaps();

    std::vector<std::string> userIds_, itemIds_;
    std::unordered_map<std::string, int32_t> userIndex_, itemIndex_;
    std::vector<int64_t> offsets_{0};
    std::vector<int32_t> items_;
    std::vector<float> ratings_;
    std::vector<int64_t> timestamps_;
    bool hasRatings_ = false;
    bool hasTimestamps_ = false;
};

// Collects interactions with external ids in file order and builds a Dataset.
class DatasetBuilder {
public:
    // Declares an item so it exists even without interactions (e.g. every catalog item).
    int32_t addItem(std::string_view itemId);
    int32_t addUser(std::string_view userId);
    void add(std::string_view userId, std::string_view itemId, float rating = kNoRating, int64_t timestamp = 0);
    void setHasTimestamps(bool v) { hasTimestamps_ = v; }
    int64_t size() const { return static_cast<int64_t>(users_.size()); }
    Dataset build() &&;

private:
    std::vector<std::string> userIds_, itemIds_;
    std::unordered_map<std::string, int32_t> userIndex_, itemIndex_;
    std::vector<int32_t> users_, items_;
    std::vector<float> ratings_;
    std::vector<int64_t> timestamps_;
    bool hasTimestamps_ = false;
};

}  // namespace rs::data
