#pragma once
// Filters and splits. Each returns new Datasets; the input is not changed. Split outputs keep the
// input's user and item id spaces (same numUsers/numItems and the same internal indices), so a
// model fitted on train scores items that the test set refers to by the same index.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "util/status.h"

namespace rs::data {

// Keeps interactions with rating >= minRating (interactions without a rating are kept). Keeps the
// user and item id spaces (users may be left without interactions).
Dataset filterMinRating(const Dataset& d, float minRating);
// Drops users with fewer than minCount interactions (one pass, not iterated), and the items only
// they had: "the users with at least N reviews and the items they reviewed". Remaining users and
// items are re-indexed densely in their old order.
Dataset filterMinUserInteractions(const Dataset& d, int64_t minCount);
// Iterated k-core: repeatedly drops users and items with fewer than k interactions until stable.
// Users and items left without interactions are removed and re-indexed densely.
Dataset filterKCore(const Dataset& d, int64_t userK, int64_t itemK);
// Keeps the first occurrence of each (user, item) pair in time order. Keeps the id spaces.
Dataset dedupeInteractions(const Dataset& d);

struct Split {
    Dataset train;
    Dataset validation;  // may be empty (no interactions)
    Dataset test;
    nlohmann::json describe;  // {"kind": "leave-one-out", "validation": true, ...}
};

// Leave-one-out by time: each user's last interaction (ties keep file order, so the last in file
// order among equal timestamps) is the test item; with validation, the second-to-last is the
// validation item. Users with fewer than minHistory+1 (+1 more with validation) interactions
// keep everything in train and have no test item.
Split splitLeaveOneOut(const Dataset& d, bool withValidation = false, int64_t minHistory = 1);

// Temporal ratio split per user: the first trainRatio of each user's interactions (by time) train,
// then validationRatio, the rest test. Rounding: floor for train and validation, at least one
// test item when the user has at least two interactions (taken from validation first, then
// train); a user with a single interaction keeps it in train. Ratios are clamped to [0, 1].
Split splitTemporalRatio(const Dataset& d, double trainRatio, double validationRatio = 0.0);

}  // namespace rs::data
