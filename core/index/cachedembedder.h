#pragma once
// CachedEmbedder: wraps another embedder and keeps its vectors in the project file's embedding
// cache, keyed by (inner.name(), hash of the text), so a catalog is embedded by a remote server
// once and re-opened projects embed nothing again. Only texts missing from the cache are sent.
//
// Ownership: borrows inner and store; both must outlive it.
// Threading: not thread-safe (the ProjectStore is used from one thread at a time).
#include "index/embedder.h"
#include "store/projectstore.h"

namespace rs::index {

class CachedEmbedder final : public Embedder {
public:
    CachedEmbedder(const Embedder& inner, store::ProjectStore& store) : inner_(inner), store_(store) {}

    std::string name() const override { return inner_.name(); }
    int32_t dim() const override { return inner_.dim(); }
    bool normalized() const override { return inner_.normalized(); }
    util::Result<std::vector<float>> embed(std::span<const std::string> texts,
                                           const util::Task& task = {}) const override;

    // Texts answered from the cache and sent to the inner embedder, over this object's life.
    int64_t hits() const { return hits_; }
    int64_t misses() const { return misses_; }

private:
    const Embedder& inner_;
    store::ProjectStore& store_;
    mutable int64_t hits_ = 0, misses_ = 0;
};

}  // namespace rs::index
