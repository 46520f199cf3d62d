#pragma once
// The LLM4Rec retrieval protocol: for each user with a held-out test item, a query vector is built
// from the user's last historyLength TRAINING items, the item index is searched, the excluded
// items are dropped from the ranking, and a hit is counted when the test item is within the top c
// (Recall@c; one held-out item per user, so it equals HitRate@c). LLM4Rec excludes only the
// history items used for the query; excludeAllTrain drops every training item instead.
//
// Shapes: the index holds one vector per item of the split's dataset, row r = internal item r.
// Threading: queries are built on the calling thread (the QueryFn need not be thread-safe) and
// searched in one FAISS batch.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "data/split.h"
#include "index/vectorindex.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::index {

struct RetrievalProtocol {
    int32_t historyLength = 10;
    std::vector<int32_t> cutoffs{20, 50, 100};
    bool excludeAllTrain = false;
    SearchOptions search;
};

struct RetrievalResult {
    std::vector<int32_t> cutoffs;
    std::vector<double> recall;  // one per cutoff
    int64_t users = 0;           // users with a test item (the denominator)
};

// Returns the query (dim floats) for a user from the internal indices of the history items,
// oldest first.
using QueryFn = std::function<std::vector<float>(int32_t user, std::span<const int32_t> history)>;

util::Result<RetrievalResult> evaluateRetrieval(const data::Split& split, const VectorIndex& index,
                                                const QueryFn& query, const RetrievalProtocol& protocol,
                                                const util::Task& task = {});

}  // namespace rs::index
