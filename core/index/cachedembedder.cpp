#include "index/cachedembedder.h"

#include <algorithm>

namespace rs::index {

util::Result<std::vector<float>> CachedEmbedder::embed(std::span<const std::string> texts,
                                                       const util::Task& task) const {
    std::vector<float> out;
    if (texts.empty()) return out;
    // A remote embedder may learn its dimension from the first response: then nothing can be cached yet.
    const int32_t knownDim = inner_.dim();
    std::vector<std::vector<float>> cached(texts.size());
    if (knownDim > 0) {
        auto found = store_.lookupEmbeddings(inner_.name(), knownDim, texts);
        if (!found) return found.status();
        cached = std::move(*found);
    }
    std::vector<std::string> missing;
    std::vector<size_t> missingAt;
    for (size_t i = 0; i < texts.size(); ++i)
        if (cached[i].empty()) {
            missing.push_back(texts[i]);
            missingAt.push_back(i);
        }
    hits_ += int64_t(texts.size() - missing.size());
    misses_ += int64_t(missing.size());
    if (!missing.empty()) {
        auto fresh = inner_.embed(missing, task);
        if (!fresh) return fresh.status();
        const int32_t d = inner_.dim();
        if (d <= 0 || fresh->size() != missing.size() * size_t(d))
            return util::Error{"embedding cache: " + inner_.name() + " returned " + std::to_string(fresh->size()) +
                               " floats for " + std::to_string(missing.size()) + " texts"};
        if (auto s = store_.storeEmbeddings(inner_.name(), d, missing, *fresh); !s) return s;
        for (size_t m = 0; m < missing.size(); ++m)
            cached[missingAt[m]].assign(fresh->begin() + long(m * size_t(d)),
                                        fresh->begin() + long((m + 1) * size_t(d)));
    }
    out.reserve(texts.size() * size_t(inner_.dim()));
    for (const auto& v : cached) out.insert(out.end(), v.begin(), v.end());
    return out;
}

}  // namespace rs::index
