#include "models/binaryinteractions.h"

#include <algorithm>

namespace rs::models {

BinaryInteractions BinaryInteractions::build(const data::Dataset& d) {
    BinaryInteractions m;
    m.numUsers = d.numUsers();
    m.numItems = d.numItems();
    m.userOffsets.assign(static_cast<size_t>(m.numUsers) + 1, 0);
    m.userItems.reserve(static_cast<size_t>(d.numInteractions()));
    std::vector<int32_t> row;
    for (int32_t u = 0; u < m.numUsers; ++u) {
        auto items = d.userItems(u);
        row.assign(items.begin(), items.end());
        std::sort(row.begin(), row.end());
        row.erase(std::unique(row.begin(), row.end()), row.end());
        m.userItems.insert(m.userItems.end(), row.begin(), row.end());
        m.userOffsets[static_cast<size_t>(u) + 1] = static_cast<int64_t>(m.userItems.size());
    }
    // Transpose by counting sort; users are visited in order so each item's user list is sorted.
    m.itemOffsets.assign(static_cast<size_t>(m.numItems) + 1, 0);
    for (int32_t i : m.userItems) ++m.itemOffsets[static_cast<size_t>(i) + 1];
    for (int32_t i = 0; i < m.numItems; ++i) m.itemOffsets[i + 1] += m.itemOffsets[i];
    m.itemUsers.resize(m.userItems.size());
    std::vector<int64_t> fill(m.itemOffsets.begin(), m.itemOffsets.end() - 1);
    for (int32_t u = 0; u < m.numUsers; ++u)
        for (int64_t k = m.userOffsets[u]; k < m.userOffsets[u + 1]; ++k) m.itemUsers[fill[m.userItems[k]]++] = u;
    return m;
}

std::vector<int32_t> cleanHistory(std::span<const int32_t> history, int32_t numItems) {
    std::vector<int32_t> h;
    h.reserve(history.size());
    for (int32_t i : history)
        if (i >= 0 && i < numItems) h.push_back(i);
    std::sort(h.begin(), h.end());
    h.erase(std::unique(h.begin(), h.end()), h.end());
    return h;
}

}  // namespace rs::models
