#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace rs::data {

namespace {

// Which subset a CSR position goes to. Splits assign every position to exactly one part.
enum class Part : uint8_t { Drop, Train, Validation, Test };

// Copies the positions marked `want` into a new Dataset with the same user and item id spaces.
// Positions stay in CSR order, which is already time order, so fromCsr has nothing to re-sort.
Dataset select(const Dataset& d, const std::vector<Part>& part, Part want) {
    const int32_t nu = d.numUsers();
    std::vector<int64_t> offsets(static_cast<size_t>(nu) + 1, 0);
    std::vector<int32_t> items;
    std::vector<float> ratings;
    std::vector<int64_t> timestamps;
    bool hasRatings = false;
    for (int32_t u = 0; u < nu; ++u) {
        for (int64_t p = d.offsets()[u]; p < d.offsets()[u + 1]; ++p) {
            if (part[static_cast<size_t>(p)] != want) continue;
            items.push_back(d.items()[p]);
            ratings.push_back(d.ratings()[p]);
            timestamps.push_back(d.timestamps()[p]);
            hasRatings = hasRatings || !std::isnan(d.ratings()[p]);
        }
        offsets[static_cast<size_t>(u) + 1] = static_cast<int64_t>(items.size());
    }
    // Keep the input's flag when it had ratings but this part happens to hold none of them, so
    // train/test agree on whether the data set is rated.
    hasRatings = hasRatings || d.hasRatings();
    auto r = Dataset::fromCsr(d.userIds(), d.itemIds(), std::move(offsets), std::move(items), std::move(ratings),
                              std::move(timestamps), hasRatings, d.hasTimestamps());
    return std::move(r).value();  // shapes are correct by construction
}

// Keeps the positions with keep[p] != 0, then drops users and/or items left without any
// interaction and re-indexes the survivors densely (preserving their relative order).
Dataset compact(const Dataset& d, const std::vector<uint8_t>& keep, bool dropEmptyUsers, bool dropEmptyItems) {
    const int32_t nu = d.numUsers(), ni = d.numItems();
    std::vector<int64_t> userCount(static_cast<size_t>(nu), 0), itemCount(static_cast<size_t>(ni), 0);
    for (int32_t u = 0; u < nu; ++u)
        for (int64_t p = d.offsets()[u]; p < d.offsets()[u + 1]; ++p)
            if (keep[static_cast<size_t>(p)]) {
                ++userCount[static_cast<size_t>(u)];
                ++itemCount[static_cast<size_t>(d.items()[p])];
            }
    std::vector<int32_t> newItem(static_cast<size_t>(ni), -1);
    std::vector<std::string> itemIds;
    for (int32_t i = 0; i < ni; ++i)
        if (!dropEmptyItems || itemCount[static_cast<size_t>(i)] > 0) {
            newItem[static_cast<size_t>(i)] = static_cast<int32_t>(itemIds.size());
            itemIds.push_back(d.itemId(i));
        }
    std::vector<std::string> userIds;
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items;
    std::vector<float> ratings;
    std::vector<int64_t> timestamps;
    for (int32_t u = 0; u < nu; ++u) {
        if (dropEmptyUsers && userCount[static_cast<size_t>(u)] == 0) continue;
        userIds.push_back(d.userId(u));
        for (int64_t p = d.offsets()[u]; p < d.offsets()[u + 1]; ++p) {
            if (!keep[static_cast<size_t>(p)]) continue;
            items.push_back(newItem[static_cast<size_t>(d.items()[p])]);
            ratings.push_back(d.ratings()[p]);
            timestamps.push_back(d.timestamps()[p]);
        }
        offsets.push_back(static_cast<int64_t>(items.size()));
    }
    auto r = Dataset::fromCsr(std::move(userIds), std::move(itemIds), std::move(offsets), std::move(items),
                              std::move(ratings), std::move(timestamps), d.hasRatings(), d.hasTimestamps());
    return std::move(r).value();
}

Split makeSplit(const Dataset& d, const std::vector<Part>& part, nlohmann::json describe) {
    Split s{select(d, part, Part::Train), select(d, part, Part::Validation), select(d, part, Part::Test),
            std::move(describe)};
    s.describe["train_interactions"] = s.train.numInteractions();
    s.describe["validation_interactions"] = s.validation.numInteractions();
    s.describe["test_interactions"] = s.test.numInteractions();
    return s;
}

}  // namespace

Dataset filterMinRating(const Dataset& d, float minRating) {
    std::vector<uint8_t> keep(d.ratings().size());
    for (size_t p = 0; p < keep.size(); ++p) {
        const float r = d.ratings()[p];
        keep[p] = std::isnan(r) || r >= minRating;
    }
    return compact(d, keep, false, false);
}

Dataset filterMinUserInteractions(const Dataset& d, int64_t minCount) {
    std::vector<uint8_t> keep(d.items().size(), 0);
    for (int32_t u = 0; u < d.numUsers(); ++u)
        if (d.userCount(u) >= minCount)
            std::fill(keep.begin() + d.offsets()[u], keep.begin() + d.offsets()[u + 1], uint8_t{1});
    return compact(d, keep, true, true);
}

Dataset filterKCore(const Dataset& d, int64_t userK, int64_t itemK) {
    const size_t n = d.items().size();
    std::vector<uint8_t> keep(n, 1);
    std::vector<int64_t> userCount(static_cast<size_t>(d.numUsers())), itemCount(static_cast<size_t>(d.numItems()));
    // Each pass removes every interaction of an under-threshold user or item; removing them can
    // push others below the threshold, so repeat until a pass removes nothing.
    for (bool changed = true; changed;) {
        changed = false;
        std::fill(userCount.begin(), userCount.end(), 0);
        std::fill(itemCount.begin(), itemCount.end(), 0);
        for (int32_t u = 0; u < d.numUsers(); ++u)
            for (int64_t p = d.offsets()[u]; p < d.offsets()[u + 1]; ++p)
                if (keep[static_cast<size_t>(p)]) {
                    ++userCount[static_cast<size_t>(u)];
                    ++itemCount[static_cast<size_t>(d.items()[p])];
                }
        for (int32_t u = 0; u < d.numUsers(); ++u)
            for (int64_t p = d.offsets()[u]; p < d.offsets()[u + 1]; ++p)
                if (keep[static_cast<size_t>(p)] && (userCount[static_cast<size_t>(u)] < userK ||
                                                     itemCount[static_cast<size_t>(d.items()[p])] < itemK)) {
                    keep[static_cast<size_t>(p)] = 0;
                    changed = true;
                }
    }
    return compact(d, keep, true, true);
}

Dataset dedupeInteractions(const Dataset& d) {
    std::vector<uint8_t> keep(d.items().size(), 1);
    std::vector<int64_t> seenBy(static_cast<size_t>(d.numItems()), -1);  // last user that saw item
    for (int32_t u = 0; u < d.numUsers(); ++u)
        for (int64_t p = d.offsets()[u]; p < d.offsets()[u + 1]; ++p) {
            int64_t& s = seenBy[static_cast<size_t>(d.items()[p])];
            if (s == u) keep[static_cast<size_t>(p)] = 0;
            s = u;
        }
    return compact(d, keep, false, false);
}

Split splitLeaveOneOut(const Dataset& d, bool withValidation, int64_t minHistory) {
    std::vector<Part> part(d.items().size(), Part::Train);
    const int64_t needed = std::max<int64_t>(minHistory, 0) + 1 + (withValidation ? 1 : 0);
    int64_t testUsers = 0, skippedUsers = 0;
    for (int32_t u = 0; u < d.numUsers(); ++u) {
        const int64_t b = d.offsets()[u], e = d.offsets()[u + 1];
        if (e - b < needed) {
            if (e > b) ++skippedUsers;
            continue;
        }
        // CSR order within a user is time order with ties in file order, so the last position is
        // the latest interaction (the last in the file among equal timestamps).
        part[static_cast<size_t>(e - 1)] = Part::Test;
        if (withValidation) part[static_cast<size_t>(e - 2)] = Part::Validation;
        ++testUsers;
    }
    nlohmann::json describe = {{"kind", "leave-one-out"},
                               {"validation", withValidation},
                               {"min_history", minHistory},
                               {"test_users", testUsers},
                               {"train_only_users", skippedUsers}};
    return makeSplit(d, part, std::move(describe));
}

Split splitTemporalRatio(const Dataset& d, double trainRatio, double validationRatio) {
    trainRatio = std::clamp(trainRatio, 0.0, 1.0);
    validationRatio = std::clamp(validationRatio, 0.0, 1.0 - trainRatio);
    std::vector<Part> part(d.items().size(), Part::Train);
    for (int32_t u = 0; u < d.numUsers(); ++u) {
        const int64_t b = d.offsets()[u], n = d.userCount(u);
        // A single interaction cannot be both history and target; it stays in train.
        if (n < 2) continue;
        int64_t nTrain = static_cast<int64_t>(std::floor(trainRatio * static_cast<double>(n)));
        int64_t nVal = static_cast<int64_t>(std::floor(validationRatio * static_cast<double>(n)));
        if (nTrain + nVal >= n) {  // guarantee one test item: take it from validation first
            const int64_t over = nTrain + nVal - (n - 1);
            const int64_t fromVal = std::min(over, nVal);
            nVal -= fromVal;
            nTrain -= over - fromVal;
        }
        for (int64_t k = 0; k < n; ++k)
            part[static_cast<size_t>(b + k)] = k < nTrain          ? Part::Train
                                               : k < nTrain + nVal ? Part::Validation
                                                                   : Part::Test;
    }
    nlohmann::json describe = {
        {"kind", "temporal-ratio"}, {"train_ratio", trainRatio}, {"validation_ratio", validationRatio}};
    return makeSplit(d, part, std::move(describe));
}

}  // namespace rs::data
