#include "index/catalogsearch.h"

namespace rs::index {

util::Result<CatalogSearch> CatalogSearch::build(const data::ItemCatalog& catalog, const CatalogSearchOptions& options,
                                                 const util::Task& task) {
    if (catalog.size() == 0) return util::Error{"search: the catalog is empty"};
    CatalogSearch out;
    auto embedder = createEmbedder(options.embedder);
    if (!embedder) return embedder.status();
    out.embedder_ = std::move(*embedder);
    const auto texts = itemTexts(catalog, options.text);
    if (out.embedder_->needsFit())
        if (auto s = out.embedder_->fit(texts, task); !s) return s;
    auto vectors = out.embedder_->embed(texts, task);
    if (!vectors) return vectors.status();
    auto built = VectorIndex::build(*vectors, out.embedder_->dim(), catalog.ids(), options.index, task);
    if (!built) return built.status();
    out.index_ = std::move(*built);
    out.titles_.reserve(catalog.size());
    for (size_t r = 0; r < catalog.size(); ++r) {
        std::string title = catalog.title(r);
        out.titles_.push_back(title.empty() ? catalog.ids()[r] : std::move(title));
    }
    return out;
}

util::Result<std::vector<SearchHit>> CatalogSearch::search(const std::string& query, int32_t k,
                                                           const SearchOptions& options) const {
    auto q = embedder_->embed(std::vector<std::string>{query});
    if (!q) return q.status();
    auto found = index_.search(*q, k, options);
    if (!found) return found.status();
    std::vector<SearchHit> hits;
    for (int32_t j = 0; j < found->k; ++j) {
        const int64_t row = found->row(0, j);
        if (row < 0) break;
        hits.push_back({size_t(row), index_.id(row), titles_[size_t(row)], found->score(0, j)});
    }
    return hits;
}

}  // namespace rs::index
