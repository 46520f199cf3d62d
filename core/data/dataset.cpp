#include "data/dataset.h"

#include <algorithm>
#include <numeric>

namespace rs::data {

std::optional<int32_t> Dataset::userIndex(std::string_view externalId) const {
    auto it = userIndex_.find(std::string(externalId));
    if (it == userIndex_.end()) return std::nullopt;
    return it->second;
}

std::optional<int32_t> Dataset::itemIndex(std::string_view externalId) const {
    auto it = itemIndex_.find(std::string(externalId));
    if (it == itemIndex_.end()) return std::nullopt;
    return it->second;
}

std::vector<int64_t> Dataset::itemCounts() const {
    std::vector<int64_t> counts(itemIds_.size(), 0);
    for (int32_t i : items_) ++counts[i];
    return counts;
}

void Dataset::buildIndexMaps() {
    userIndex_.clear();
    itemIndex_.clear();
    userIndex_.reserve(userIds_.size());
    itemIndex_.reserve(itemIds_.size());
    for (size_t u = 0; u < userIds_.size(); ++u) userIndex_.emplace(userIds_[u], static_cast<int32_t>(u));
    for (size_t i = 0; i < itemIds_.size(); ++i) itemIndex_.emplace(itemIds_[i], static_cast<int32_t>(i));
}

namespace {
// Stable sort of each user's segment by timestamp, permuting all three arrays together.
void sortSegmentsByTime(const std::vector<int64_t>& offsets, std::vector<int32_t>& items, std::vector<float>& ratings,
                        std::vector<int64_t>& timestamps) {
    std::vector<int64_t> perm;
    for (size_t u = 0; u + 1 < offsets.size(); ++u) {
        const int64_t b = offsets[u], e = offsets[u + 1];
        if (std::is_sorted(timestamps.begin() + b, timestamps.begin() + e)) continue;
        perm.resize(static_cast<size_t>(e - b));
        std::iota(perm.begin(), perm.end(), b);
        std::stable_sort(perm.begin(), perm.end(), [&](int64_t x, int64_t y) { return timestamps[x] < timestamps[y]; });
        std::vector<int32_t> it(perm.size());
        std::vector<float> ra(perm.size());
        std::vector<int64_t> ts(perm.size());
        for (size_t k = 0; k < perm.size(); ++k) {
            it[k] = items[perm[k]];
            ra[k] = ratings[perm[k]];
            ts[k] = timestamps[perm[k]];
        }
        std::copy(it.begin(), it.end(), items.begin() + b);
        std::copy(ra.begin(), ra.end(), ratings.begin() + b);
        std::copy(ts.begin(), ts.end(), timestamps.begin() + b);
    }
}
}  // namespace

util::Result<Dataset> Dataset::fromCsr(std::vector<std::string> userIds, std::vector<std::string> itemIds,
                                       std::vector<int64_t> offsets, std::vector<int32_t> items,
                                       std::vector<float> ratings, std::vector<int64_t> timestamps, bool hasRatings,
                                       bool hasTimestamps) {
    if (offsets.size() != userIds.size() + 1 || offsets.front() != 0)
        return util::Error{"dataset: offsets must have numUsers+1 entries starting at 0"};
    if (static_cast<size_t>(offsets.back()) != items.size() || ratings.size() != items.size() ||
        timestamps.size() != items.size())
        return util::Error{"dataset: items, ratings and timestamps must have one entry per interaction"};
    for (size_t u = 0; u + 1 < offsets.size(); ++u)
        if (offsets[u + 1] < offsets[u])
            return util::Error{"dataset: offsets must not decrease (user " + userIds[u] + ")"};
    for (int32_t i : items)
        if (i < 0 || static_cast<size_t>(i) >= itemIds.size())
            return util::Error{"dataset: item index " + std::to_string(i) + " out of range"};
    sortSegmentsByTime(offsets, items, ratings, timestamps);
    Dataset d;
    d.userIds_ = std::move(userIds);
    d.itemIds_ = std::move(itemIds);
    d.offsets_ = std::move(offsets);
    d.items_ = std::move(items);
    d.ratings_ = std::move(ratings);
    d.timestamps_ = std::move(timestamps);
    d.hasRatings_ = hasRatings;
    d.hasTimestamps_ = hasTimestamps;
    d.buildIndexMaps();
    return d;
}

int32_t DatasetBuilder::addItem(std::string_view itemId) {
    auto [it, inserted] = itemIndex_.try_emplace(std::string(itemId), static_cast<int32_t>(itemIds_.size()));
    if (inserted) itemIds_.emplace_back(itemId);
    return it->second;
}

int32_t DatasetBuilder::addUser(std::string_view userId) {
    auto [it, inserted] = userIndex_.try_emplace(std::string(userId), static_cast<int32_t>(userIds_.size()));
    if (inserted) userIds_.emplace_back(userId);
    return it->second;
}

void DatasetBuilder::add(std::string_view userId, std::string_view itemId, float rating, int64_t timestamp) {
    users_.push_back(addUser(userId));
    items_.push_back(addItem(itemId));
    ratings_.push_back(rating);
    timestamps_.push_back(timestamp);
}

Dataset DatasetBuilder::build() && {
    const size_t nu = userIds_.size();
    std::vector<int64_t> offsets(nu + 1, 0);
    for (int32_t u : users_) ++offsets[u + 1];
    for (size_t u = 0; u < nu; ++u) offsets[u + 1] += offsets[u];
    std::vector<int64_t> cursor(offsets.begin(), offsets.end() - 1);
    std::vector<int32_t> items(items_.size());
    std::vector<float> ratings(items_.size());
    std::vector<int64_t> timestamps(items_.size());
    bool hasRatings = false;
    for (size_t k = 0; k < users_.size(); ++k) {  // counting sort keeps file order within a user
        const int64_t pos = cursor[users_[k]]++;
        items[pos] = items_[k];
        ratings[pos] = ratings_[k];
        timestamps[pos] = timestamps_[k];
        hasRatings = hasRatings || !std::isnan(ratings_[k]);
    }
    auto r = Dataset::fromCsr(std::move(userIds_), std::move(itemIds_), std::move(offsets), std::move(items),
                              std::move(ratings), std::move(timestamps), hasRatings, hasTimestamps_);
    return std::move(r).value();  // shapes are correct by construction
}

}  // namespace rs::data
