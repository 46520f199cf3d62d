#pragma once
// BinaryInteractions: the implicit-feedback view of a training Dataset that every model trains on.
// Every interaction is a positive; duplicates of a (user, item) pair count once; ratings and
// timestamps are dropped. Both orientations are kept as CSR with sorted, unique indices:
//   user u -> items  userItems[userOffsets[u] .. userOffsets[u+1])
//   item i -> users  itemUsers[itemOffsets[i] .. itemOffsets[i+1])
// Immutable after build(); safe to read from several threads.
#include <cstdint>
#include <span>
#include <vector>

#include "data/dataset.h"

namespace rs::models {

struct BinaryInteractions {
    int32_t numUsers = 0;
    int32_t numItems = 0;
    std::vector<int64_t> userOffsets, itemOffsets;
    std::vector<int32_t> userItems, itemUsers;

    static BinaryInteractions build(const data::Dataset& d);

    int64_t nnz() const { return static_cast<int64_t>(userItems.size()); }
    std::span<const int32_t> itemsOf(int32_t u) const {
        return {userItems.data() + userOffsets[u], static_cast<size_t>(userOffsets[u + 1] - userOffsets[u])};
    }
    std::span<const int32_t> usersOf(int32_t i) const {
        return {itemUsers.data() + itemOffsets[i], static_cast<size_t>(itemOffsets[i + 1] - itemOffsets[i])};
    }
};

// Sorted, de-duplicated copy of a query history with out-of-range indices dropped (a history may
// come from a different dataset version or the user).
std::vector<int32_t> cleanHistory(std::span<const int32_t> history, int32_t numItems);

}  // namespace rs::models
