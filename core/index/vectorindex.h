#pragma once
// VectorIndex: nearest-neighbour search over item vectors with FAISS, built from a FAISS
// index_factory spec string ("Flat", "HNSW32", "IVF256,Flat", "IVF1024,PQ16", …).
//
// Shapes: build() takes n × dim floats, row-major, and n external ids (row r is ids[r]); search()
// takes nq × dim floats and returns nq × k results, row-major, best first. Scores are inner
// products (Metric::InnerProduct) or cosine similarities (Metric::Cosine: stored vectors and
// queries are L2-normalised by the index, so callers need not normalise). Higher is better.
// Approximate and compressed indexes (HNSW, IVF, PQ) return approximate scores and neighbours.
//
// Id mapping: FAISS row r (0..size()-1) is ids()[r], fixed at build and kept by save()/load(),
// so results can be joined with the catalog by id whatever FAISS does internally.
//
// Training: IVF and PQ specs are trained on the vectors given to build(). FAISS needs at least as
// many vectors as centroids (nlist for IVF, 256 per sub-quantiser for PQ): fewer is an error that
// names the spec and the counts, not a crash.
//
// Ownership: a VectorIndex owns its FAISS index; it is move-only.
// Threading: search() is const and may be called from several threads at once. FAISS parallelises
// a batch of queries with OpenMP; threads > 0 sets omp_set_num_threads() (process-wide OpenMP
// state) before the call, so concurrent searches with different thread counts race on it.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"
#include "util/task.h"

namespace faiss {
struct Index;
}

namespace rs::index {

enum class Metric { InnerProduct, Cosine };
std::string_view metricName(Metric m);  // "ip", "cosine"
util::Result<Metric> metricFromName(std::string_view name);

struct IndexOptions {
    std::string spec = "Flat";
    Metric metric = Metric::Cosine;
    int threads = 0;  // OpenMP threads for training/adding; 0 = leave FAISS's default (all cores)
};

struct SearchOptions {
    int threads = 0;   // OpenMP threads for this batch; 0 = leave as is
    int nprobe = 0;    // IVF: lists visited per query; 0 = the index's value (default 16, or nlist if smaller)
    int efSearch = 0;  // HNSW: candidate list size; 0 = the index's value (default max(64, k))
};

struct SearchResults {
    int64_t numQueries = 0;
    int32_t k = 0;
    // numQueries × k, row-major, best first. A query with fewer than k neighbours (k > size(), or an
    // approximate index that found fewer) has row -1 and score -infinity in the remaining slots.
    std::vector<int64_t> rows;
    std::vector<float> scores;

    int64_t row(int64_t q, int32_t j) const { return rows[size_t(q * k + j)]; }
    float score(int64_t q, int32_t j) const { return scores[size_t(q * k + j)]; }
};

class VectorIndex {
public:
    VectorIndex();
    ~VectorIndex();
    VectorIndex(VectorIndex&&) noexcept;
    VectorIndex& operator=(VectorIndex&&) noexcept;

    // Builds, trains when the spec needs it, and adds all vectors. vectors.size() must be
    // ids.size() × dim. An empty set builds an empty index (for specs that need no training).
    static util::Result<VectorIndex> build(std::span<const float> vectors, int32_t dim, std::vector<std::string> ids,
                                           const IndexOptions& options, const util::Task& task = {});

    // queries.size() must be a multiple of dim(). k >= 1.
    util::Result<SearchResults> search(std::span<const float> queries, int32_t k,
                                       const SearchOptions& options = {}) const;

    const std::string& spec() const { return spec_; }
    Metric metric() const { return metric_; }
    int32_t dim() const { return dim_; }
    int64_t size() const { return static_cast<int64_t>(ids_.size()); }
    const std::vector<std::string>& ids() const { return ids_; }
    const std::string& id(int64_t row) const { return ids_[size_t(row)]; }

    // A self-contained blob (header with spec, metric, dim and ids, then faiss::write_index
    // bytes) that the project store keeps; load() restores an index that gives identical results.
    util::Result<std::string> save() const;
    static util::Result<VectorIndex> load(std::string_view blob);

private:
    std::unique_ptr<faiss::Index> index_;
    std::string spec_;
    Metric metric_ = Metric::Cosine;
    int32_t dim_ = 0;
    std::vector<std::string> ids_;
};

}  // namespace rs::index
