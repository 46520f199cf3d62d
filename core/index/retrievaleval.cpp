#include "index/retrievaleval.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace rs::index {

util::Result<RetrievalResult> evaluateRetrieval(const data::Split& split, const VectorIndex& index,
                                                const QueryFn& query, const RetrievalProtocol& protocol,
                                                const util::Task& task) {
    const auto& train = split.train;
    const auto& test = split.test;
    if (index.size() != train.numItems())
        return util::Error{"retrieval: the index holds " + std::to_string(index.size()) + " vectors, the dataset has " +
                           std::to_string(train.numItems()) + " items"};
    if (protocol.cutoffs.empty() || protocol.historyLength < 1)
        return util::Error{"retrieval: needs at least one cutoff and a history length >= 1"};
    const int32_t maxCut = *std::max_element(protocol.cutoffs.begin(), protocol.cutoffs.end());

    std::vector<int32_t> users;
    std::vector<float> queries;
    size_t maxExcluded = 0;
    for (int32_t u = 0; u < test.numUsers(); ++u) {
        if (test.userCount(u) == 0 || train.userCount(u) == 0) continue;
        const auto items = train.userItems(u);
        const size_t h = std::min(items.size(), size_t(protocol.historyLength));
        const auto q = query(u, items.subspan(items.size() - h));
        if (q.size() != size_t(index.dim()))
            return util::Error{"retrieval: query for user " + train.userId(u) + " has " + std::to_string(q.size()) +
                               " floats, the index dimension is " + std::to_string(index.dim())};
        queries.insert(queries.end(), q.begin(), q.end());
        users.push_back(u);
        maxExcluded = std::max(maxExcluded, protocol.excludeAllTrain ? items.size() : h);
        if (users.size() % 256 == 0 && task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
    }
    task.report(0.5, "searching");
    // Ask for enough neighbours that maxCut remain after the exclusions.
    const auto k = static_cast<int32_t>(std::min<int64_t>(index.size(), int64_t(maxCut) + int64_t(maxExcluded)));
    RetrievalResult result;
    result.cutoffs = protocol.cutoffs;
    result.recall.assign(protocol.cutoffs.size(), 0.0);
    result.users = static_cast<int64_t>(users.size());
    if (users.empty() || k < 1) return result;
    auto found = index.search(queries, k, protocol.search);
    if (!found) return found.status();

    std::unordered_set<int32_t> excluded;
    for (size_t qi = 0; qi < users.size(); ++qi) {
        const int32_t u = users[qi];
        const auto items = train.userItems(u);
        const size_t h = std::min(items.size(), size_t(protocol.historyLength));
        excluded.clear();
        const auto ex = protocol.excludeAllTrain ? items : items.subspan(items.size() - h);
        excluded.insert(ex.begin(), ex.end());
        const int32_t target = test.userItems(u).back();
        int32_t rank = 0;  // 1-based rank of target after exclusions, 0 = not found
        int32_t pos = 0;
        for (int32_t j = 0; j < k && rank == 0; ++j) {
            const auto row = static_cast<int32_t>(found->row(int64_t(qi), j));
            if (row < 0) break;
            if (excluded.count(row)) continue;
            ++pos;
            if (row == target) rank = pos;
        }
        for (size_t c = 0; c < protocol.cutoffs.size(); ++c)
            if (rank > 0 && rank <= protocol.cutoffs[c]) result.recall[c] += 1.0;
    }
    for (auto& r : result.recall) r /= static_cast<double>(users.size());
    task.report(1.0, "searching");
    return result;
}

}  // namespace rs::index
