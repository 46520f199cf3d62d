// FAISS on the Steam games catalog (~32k items, resources/mappings/steam-games.json, bad lines
// skipped), embedded with the built-in offline embedder: HNSW recall@10 against exact Flat search,
// and queries per second for Flat and HNSW with 1 and 2 OpenMP threads.
//
//   faiss_bench [embedder spec] [hnsw spec]     defaults: tfidf  HNSW32
//
// Queries are the embeddings of 2,000 catalog items (every 16th row), searched as one batch, k = 10;
// recall@10 = |HNSW top-10 ∩ Flat top-10| / 10, averaged. Cosine metric (vectors are unit length).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include "benchdata.h"
#include "data/importer.h"
#include "index/embedder.h"
#include "index/itemtext.h"
#include "index/vectorindex.h"
#include "util/task.h"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}
int fail(const std::string& what) {
    std::fprintf(stderr, "faiss_bench: %s\n", what.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace rs;
    const std::string embedderSpec = argc > 1 ? argv[1] : "tfidf";
    const std::string hnswSpec = argc > 2 ? argv[2] : "HNSW32";
    const auto mappingFile = std::filesystem::path(RECSCOPE_SOURCE_DIR) / "resources/mappings/steam-games.json";
    data::ImportOptions io;
    io.path = bench::dataDir() / "steam" / "steam_games.jsonl";
    io.skipBadLines = true;
    std::ifstream mf(mappingFile);
    nlohmann::json mj;
    try {
        mf >> mj;
    } catch (const std::exception& e) {
        return fail(mappingFile.string() + ": " + e.what());
    }
    auto mapping = data::ColumnMapping::fromJson(mj, io.path.parent_path());
    if (!mapping) return fail(mapping.message());
    io.mapping = *mapping;
    io.format = "jsonl";
    auto t0 = Clock::now();
    auto imported = data::importData(io);
    if (!imported) return fail(imported.message());
    if (!imported->catalog) return fail("no catalog imported");
    const auto& catalog = *imported->catalog;
    const double importS = since(t0);

    t0 = Clock::now();
    const auto texts = index::itemTexts(catalog);
    auto embedder = index::createEmbedder(embedderSpec);
    if (!embedder) return fail(embedder.message());
    if (auto s = (*embedder)->fit(texts, {}); !s) return fail(s.message());
    auto vectors = (*embedder)->embed(texts);
    if (!vectors) return fail(vectors.message());
    const int32_t dim = (*embedder)->dim();
    const double embedS = since(t0);

    std::vector<float> queries;
    for (size_t r = 0; r < catalog.size() && queries.size() < size_t(2000) * size_t(dim); r += 16)
        queries.insert(queries.end(), vectors->begin() + long(r * size_t(dim)),
                       vectors->begin() + long((r + 1) * size_t(dim)));
    const int64_t nq = int64_t(queries.size() / size_t(dim));
    const int32_t k = 10;

    std::printf(
        "Steam games catalog: %zu items (import %.2f s), %s, %d dims (fit + embed %.2f s), %lld queries, k=%d\n",
        catalog.size(), importS, (*embedder)->name().c_str(), dim, embedS, static_cast<long long>(nq), k);
    std::printf("| index | build s (2 threads) | threads | QPS | recall@10 vs Flat |\n|---|---|---|---|---|\n");

    index::SearchResults exact;
    for (const std::string& spec : {std::string("Flat"), hnswSpec}) {
        index::IndexOptions o;
        o.spec = spec;
        o.threads = 2;
        t0 = Clock::now();
        auto idx = index::VectorIndex::build(*vectors, dim, catalog.ids(), o);
        if (!idx) return fail(idx.message());
        const double buildS = since(t0);
        for (int threads : {1, 2}) {
            index::SearchOptions so;
            so.threads = threads;
            // One warm-up batch, then the timed one.
            (void)idx->search(std::span<const float>(queries.data(), size_t(100 * dim)), k, so);
            t0 = Clock::now();
            auto r = idx->search(queries, k, so);
            const double s = since(t0);
            if (!r) return fail(r.message());
            double recall = 1.0;
            if (spec == "Flat") {
                exact = *r;
            } else {
                int64_t hits = 0;
                for (int64_t q = 0; q < nq; ++q) {
                    std::set<int64_t> truth;
                    for (int32_t j = 0; j < k; ++j) truth.insert(exact.row(q, j));
                    for (int32_t j = 0; j < k; ++j) hits += truth.count(r->row(q, j));
                }
                recall = double(hits) / double(nq * k);
            }
            std::printf("| %s | %.2f | %d | %.0f | %.4f |\n", spec.c_str(), buildS, threads, double(nq) / s, recall);
        }
    }
    std::printf("\npeak RSS %.0f MiB\n", bench::peakRssMb());
    return 0;
}
