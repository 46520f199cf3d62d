#include "index/vectorindex.h"

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>

#include <faiss/IVFlib.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexPQ.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>
#include <faiss/utils/distances.h>
#include <nlohmann/json.hpp>

#include "index/embedder.h"

namespace rs::index {

namespace {

constexpr char kMagic[8] = {'R', 'S', 'V', 'I', 'D', 'X', '0', '1'};
constexpr int64_t kAddChunk = 16384;
// Defaults for the search-time knobs, written into the index so save/load keeps them. FAISS's own
// defaults (nprobe 1, efSearch 16) trade too much recall for speed at catalog sizes.
constexpr int kDefaultNprobe = 16;
constexpr int kDefaultEfSearch = 64;

util::Error cancelled() {
    return util::Error{std::string(util::kCancelledMessage)};
}

void setThreads(int threads) {
    if (threads > 0) omp_set_num_threads(threads);
}

faiss::MetricType faissMetric(Metric) {
    // Cosine is inner product over normalised vectors.
    return faiss::METRIC_INNER_PRODUCT;
}

faiss::IndexHNSW* asHnsw(faiss::Index* index) {
    return dynamic_cast<faiss::IndexHNSW*>(index);
}

// Adjustments before training:
// - FAISS prints a warning to stderr when k-means has fewer than 39 points per centroid. Small
//   catalogs are a normal case for us (too few points is still an error), so mute it.
// - index_factory turns on polysemous training for PQ codes; we never search with Hamming
//   filtering, and its simulated annealing takes minutes even for ml-100k's 1,682 vectors.
void prepareTraining(faiss::Index* index) {
    if (auto* ivf = faiss::ivflib::try_extract_index_ivf(index)) {
        ivf->cp.min_points_per_centroid = 1;
        if (auto* ivfpq = dynamic_cast<faiss::IndexIVFPQ*>(ivf)) {
            ivfpq->pq.cp.min_points_per_centroid = 1;
            ivfpq->do_polysemous_training = false;
        }
    }
    if (auto* pq = dynamic_cast<faiss::IndexPQ*>(index)) {
        pq->pq.cp.min_points_per_centroid = 1;
        pq->do_polysemous_training = false;
    }
}

}  // namespace

std::string_view metricName(Metric m) {
    return m == Metric::Cosine ? "cosine" : "ip";
}

util::Result<Metric> metricFromName(std::string_view name) {
    if (name == "cosine" || name == "cos") return Metric::Cosine;
    if (name == "ip" || name == "inner_product" || name == "dot") return Metric::InnerProduct;
    return util::Error{"unknown metric '" + std::string(name) + "' (known: cosine, ip)"};
}

VectorIndex::VectorIndex() = default;
VectorIndex::~VectorIndex() = default;
VectorIndex::VectorIndex(VectorIndex&&) noexcept = default;
VectorIndex& VectorIndex::operator=(VectorIndex&&) noexcept = default;

util::Result<VectorIndex> VectorIndex::build(std::span<const float> vectors, int32_t dim, std::vector<std::string> ids,
                                             const IndexOptions& options, const util::Task& task) {
    const std::string where = "index '" + options.spec + "'";
    if (dim <= 0) return util::Error{where + ": dimension must be positive, got " + std::to_string(dim)};
    if (vectors.size() != ids.size() * size_t(dim))
        return util::Error{where + ": " + std::to_string(vectors.size()) + " floats given for " +
                           std::to_string(ids.size()) + " ids of dimension " + std::to_string(dim)};
    VectorIndex out;
    out.spec_ = options.spec;
    out.metric_ = options.metric;
    out.dim_ = dim;
    const int64_t n = static_cast<int64_t>(ids.size());
    // Cosine: normalise a copy once, so training and adding see the same unit vectors.
    std::vector<float> normalised;
    const float* data = vectors.data();
    if (options.metric == Metric::Cosine && n > 0) {
        normalised.assign(vectors.begin(), vectors.end());
        l2NormalizeRows(normalised, dim);
        data = normalised.data();
    }
    setThreads(options.threads);
    try {
        out.index_.reset(faiss::index_factory(dim, options.spec.c_str(), faissMetric(options.metric)));
        prepareTraining(out.index_.get());
        if (auto* hnsw = asHnsw(out.index_.get())) hnsw->hnsw.efSearch = kDefaultEfSearch;
        if (!out.index_->is_trained) {
            if (n == 0) return util::Error{where + ": needs training vectors, but the set is empty"};
            task.report(0.0, "training index");
            out.index_->train(n, data);
        }
        if (auto* ivf = faiss::ivflib::try_extract_index_ivf(out.index_.get()))
            ivf->nprobe = std::min<size_t>(ivf->nlist, kDefaultNprobe);
        for (int64_t b = 0; b < n; b += kAddChunk) {
            if (task.cancelled()) return cancelled();
            task.report(static_cast<double>(b) / static_cast<double>(n), "adding vectors");
            const int64_t e = std::min(n, b + kAddChunk);
            out.index_->add(e - b, data + b * dim);
        }
    } catch (const std::exception& e) {
        // FAISS reports bad specs and too few training points as exceptions; keep the first line.
        std::string msg = e.what();
        if (auto nl = msg.find('\n'); nl != std::string::npos) msg.resize(nl);
        return util::Error{where + " (dim " + std::to_string(dim) + ", " + std::to_string(n) + " vectors): " + msg};
    }
    task.report(1.0, "adding vectors");
    out.ids_ = std::move(ids);
    return out;
}

util::Result<SearchResults> VectorIndex::search(std::span<const float> queries, int32_t k,
                                                const SearchOptions& options) const {
    if (!index_) return util::Error{"vector index: search on an index that was not built"};
    if (k < 1) return util::Error{"vector index '" + spec_ + "': k must be at least 1, got " + std::to_string(k)};
    if (queries.size() % size_t(dim_) != 0)
        return util::Error{"vector index '" + spec_ + "': queries hold " + std::to_string(queries.size()) +
                           " floats, not a multiple of the dimension " + std::to_string(dim_)};
    SearchResults r;
    r.numQueries = static_cast<int64_t>(queries.size() / size_t(dim_));
    r.k = k;
    const size_t total = size_t(r.numQueries) * size_t(k);
    r.rows.assign(total, -1);
    r.scores.assign(total, -std::numeric_limits<float>::infinity());
    if (r.numQueries == 0 || size() == 0) return r;

    std::vector<float> normalised;
    const float* q = queries.data();
    if (metric_ == Metric::Cosine) {
        normalised.assign(queries.begin(), queries.end());
        l2NormalizeRows(normalised, dim_);
        q = normalised.data();
    }
    // Per-call parameters (not a mutation of the index), so concurrent searches stay safe.
    faiss::SearchParametersIVF ivfParams;
    faiss::SearchParametersHNSW hnswParams;
    const faiss::SearchParameters* params = nullptr;
    if (options.nprobe > 0 && dynamic_cast<const faiss::IndexIVF*>(index_.get())) {
        ivfParams.nprobe = size_t(options.nprobe);
        params = &ivfParams;
    } else if (const auto* hnsw = dynamic_cast<const faiss::IndexHNSW*>(index_.get())) {
        // HNSW must see at least k candidates to return k results.
        hnswParams.efSearch = std::max({options.efSearch > 0 ? options.efSearch : hnsw->hnsw.efSearch, k});
        params = &hnswParams;
    }
    setThreads(options.threads);
    std::vector<faiss::Index::idx_t> labels(total);
    try {
        index_->search(r.numQueries, q, k, r.scores.data(), labels.data(), params);
    } catch (const std::exception& e) {
        return util::Error{"vector index '" + spec_ + "': search failed: " + e.what()};
    }
    for (size_t i = 0; i < total; ++i) {
        r.rows[i] = labels[i];
        if (labels[i] < 0) r.scores[i] = -std::numeric_limits<float>::infinity();
    }
    return r;
}

util::Result<std::string> VectorIndex::save() const {
    if (!index_) return util::Error{"vector index: nothing to save, the index was not built"};
    const nlohmann::json header = {
        {"spec", spec_}, {"metric", std::string(metricName(metric_))}, {"dim", dim_}, {"ids", ids_}};
    const std::string head = header.dump();
    faiss::VectorIOWriter writer;
    try {
        faiss::write_index(index_.get(), &writer);
    } catch (const std::exception& e) {
        return util::Error{"vector index '" + spec_ + "': writing failed: " + e.what()};
    }
    std::string blob(kMagic, sizeof kMagic);
    const auto len = static_cast<uint64_t>(head.size());
    blob.append(reinterpret_cast<const char*>(&len), sizeof len);
    blob += head;
    blob.append(reinterpret_cast<const char*>(writer.data.data()), writer.data.size());
    return blob;
}

util::Result<VectorIndex> VectorIndex::load(std::string_view blob) {
    if (blob.size() < sizeof kMagic + 8 || std::memcmp(blob.data(), kMagic, sizeof kMagic) != 0)
        return util::Error{"vector index: not a saved RecScope vector index (bad magic)"};
    uint64_t len = 0;
    std::memcpy(&len, blob.data() + sizeof kMagic, sizeof len);
    const size_t headStart = sizeof kMagic + sizeof len;
    if (len > blob.size() - headStart) return util::Error{"vector index: saved index is truncated (header)"};
    VectorIndex out;
    try {
        const auto header = nlohmann::json::parse(blob.substr(headStart, len));
        out.spec_ = header.at("spec").get<std::string>();
        auto metric = metricFromName(header.at("metric").get<std::string>());
        if (!metric) return util::Error{"vector index: " + metric.message()};
        out.metric_ = *metric;
        out.dim_ = header.at("dim").get<int32_t>();
        out.ids_ = header.at("ids").get<std::vector<std::string>>();
    } catch (const std::exception& e) {
        return util::Error{std::string("vector index: saved header is unreadable: ") + e.what()};
    }
    faiss::VectorIOReader reader;
    const std::string_view body = blob.substr(headStart + len);
    reader.data.assign(body.begin(), body.end());
    try {
        out.index_.reset(faiss::read_index(&reader));
    } catch (const std::exception& e) {
        std::string msg = e.what();
        if (auto nl = msg.find('\n'); nl != std::string::npos) msg.resize(nl);
        return util::Error{"vector index '" + out.spec_ + "': saved FAISS data is unreadable: " + msg};
    }
    if (out.index_->d != out.dim_ || out.index_->ntotal != static_cast<faiss::Index::idx_t>(out.ids_.size()))
        return util::Error{"vector index '" + out.spec_ + "': saved ids (" + std::to_string(out.ids_.size()) +
                           ") or dimension do not match the FAISS data (" + std::to_string(out.index_->ntotal) +
                           " vectors)"};
    return out;
}

}  // namespace rs::index
