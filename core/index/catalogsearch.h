#pragma once
// CatalogSearch: free-text semantic search over an item catalog — the item texts (itemtext.h) are
// embedded with an embedder fitted on them, put in a VectorIndex, and a query text is embedded the
// same way and searched. Used by `recscope-cli search` and by the agent's search tool.
//
// Ownership: holds its own embedder, index and a copy of the titles; the catalog may go away.
// Threading: search() is const and thread-safe (see VectorIndex); build() is not.
#include <memory>
#include <string>
#include <vector>

#include "data/itemcatalog.h"
#include "index/embedder.h"
#include "index/itemtext.h"
#include "index/vectorindex.h"

namespace rs::index {

struct CatalogSearchOptions {
    std::string embedder = "tfidf";  // an embedder spec, "tfidf:dim=1024"
    IndexOptions index;              // spec "Flat", cosine by default
    ItemTextOptions text;
};

struct SearchHit {
    size_t row = 0;  // catalog row
    std::string id;
    std::string title;
    float score = 0;  // cosine (or inner product) similarity, higher is better
};

class CatalogSearch {
public:
    static util::Result<CatalogSearch> build(const data::ItemCatalog& catalog, const CatalogSearchOptions& options,
                                             const util::Task& task = {});
    // The k best items for the query, best first (fewer when the catalog is smaller).
    util::Result<std::vector<SearchHit>> search(const std::string& query, int32_t k,
                                                const SearchOptions& options = {}) const;

    const Embedder& embedder() const { return *embedder_; }
    const VectorIndex& index() const { return index_; }

private:
    std::unique_ptr<Embedder> embedder_;
    VectorIndex index_;
    std::vector<std::string> titles_;
};

}  // namespace rs::index
