// Text retrieval on ml-100k with the LLM4Rec protocol: leave-one-out by time, all 943 users; the
// query comes from each user's last 10 training items' "title, release year, genres" text; FAISS
// searches all items; only those 10 items are removed from the results (and, in a second row, all
// training items). Prints Recall@20/50/100 beside the published LLM4Rec rows.
//
//   retrieval_bench [embedder spec]      default: tfidf (its defaults); e.g. tfidf:dim=4096,nmax=5
//
// Rows: the built-in embedder with the query as the mean of the 10 history embeddings ("mean") and
// as the embedding of their concatenated texts ("concat"); ALS item vectors (als defaults, fitted
// on the train part) with the query as the mean of the 10 history items' vectors, inner product.
#include <chrono>
#include <cstdio>
#include <string>

#include "benchdata.h"
#include "data/importer.h"
#include "data/split.h"
#include "index/embedder.h"
#include "index/itemtext.h"
#include "index/modelvectors.h"
#include "index/retrievaleval.h"
#include "index/vectorindex.h"
#include "models/recommender.h"

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

int fail(const std::string& what) {
    std::fprintf(stderr, "retrieval_bench: %s\n", what.c_str());
    return 1;
}

void printRow(const std::string& label, const rs::index::RetrievalResult& r, double seconds) {
    std::printf("| %-44s |", label.c_str());
    for (double v : r.recall) std::printf(" %.4f |", v);
    std::printf(" %5.2f |\n", seconds);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace rs;
    const std::string spec = argc > 1 ? argv[1] : "tfidf";
    data::ImportOptions io;
    io.path = bench::dataDir() / "ml-100k";
    io.format = "movielens-100k";
    auto imported = data::importData(io);
    if (!imported) return fail(imported.message());
    const data::Dataset& all = *imported->dataset;
    const data::ItemCatalog& catalog = *imported->catalog;
    const data::Split split = data::splitLeaveOneOut(all);
    const data::Dataset& train = split.train;

    // Item texts aligned with the dataset's internal item indices.
    const auto catalogTexts = index::itemTexts(catalog);
    std::vector<std::string> texts(size_t(train.numItems()));
    for (int32_t i = 0; i < train.numItems(); ++i)
        if (auto row = catalog.rowOf(train.itemId(i))) texts[size_t(i)] = catalogTexts[*row];

    std::printf("ml-100k, LLM4Rec protocol: %d users, %d items; embedder %s\n", all.numUsers(), all.numItems(),
                spec.c_str());
    std::printf("item text example: \"%s\"\n\n", texts[0].c_str());
    std::printf("| %-44s | R@20 | R@50 | R@100 | seconds |\n|---|---|---|---|---|\n", "query (excluded items)");
    std::printf("| %-44s | 0.0456 | 0.0912 | 0.1495 | |\n", "published: all-MiniLM-L6-v2");
    std::printf("| %-44s | 0.0615 | 0.0891 | 0.1135 | |\n", "published: ALS user vector");
    std::printf("| %-44s | 0.058 | 0.123 | 0.196 | |\n", "target (1.25 x ada-002)");

    auto t0 = Clock::now();
    auto embedder = index::createEmbedder(spec);
    if (!embedder) return fail(embedder.message());
    if (auto s = (*embedder)->fit(catalogTexts, {}); !s) return fail(s.message());
    auto vectors = (*embedder)->embed(texts);
    if (!vectors) return fail(vectors.message());
    const int32_t dim = (*embedder)->dim();
    index::IndexOptions flat;
    flat.spec = "Flat";
    flat.metric = index::Metric::Cosine;
    auto textIndex = index::VectorIndex::build(*vectors, dim, train.itemIds(), flat);
    if (!textIndex) return fail(textIndex.message());
    const double embedSeconds = since(t0);

    const index::QueryFn meanQuery = [&](int32_t, std::span<const int32_t> h) {
        return index::meanOfRows(*vectors, dim, h);
    };
    const index::QueryFn concatQuery = [&](int32_t, std::span<const int32_t> h) {
        std::string text;
        for (int32_t i : h) text += (text.empty() ? "" : "; ") + texts[size_t(i)];
        auto v = (*embedder)->embed(std::vector<std::string>{text});
        return v ? *v : std::vector<float>(size_t(dim), 0.0f);
    };
    for (bool allTrain : {false, true}) {
        index::RetrievalProtocol protocol;
        protocol.excludeAllTrain = allTrain;
        const std::string ex = allTrain ? " (all train removed)" : " (10 history removed)";
        for (const auto& [label, fn] : {std::pair{"tfidf mean", &meanQuery}, std::pair{"tfidf concat", &concatQuery}}) {
            const auto t = Clock::now();
            auto r = index::evaluateRetrieval(split, *textIndex, *fn, protocol);
            if (!r) return fail(r.message());
            printRow(std::string(label) + ex, *r, since(t));
        }
    }

    t0 = Clock::now();
    auto als = models::createRecommender("als");
    if (!als) return fail(als.message());
    if (auto s = (*als)->fit(train, {}); !s) return fail(s.message());
    auto table = index::modelItemVectors(**als, train);
    if (!table) return fail(table.message());
    index::IndexOptions ip;
    ip.spec = "Flat";
    ip.metric = index::Metric::InnerProduct;
    auto alsIndex = index::VectorIndex::build(table->vectors, table->dim, table->ids, ip);
    if (!alsIndex) return fail(alsIndex.message());
    const double alsFit = since(t0);
    const index::QueryFn alsQuery = [&](int32_t, std::span<const int32_t> h) {
        return index::meanOfRows(table->vectors, table->dim, h);
    };
    for (bool allTrain : {false, true}) {
        index::RetrievalProtocol protocol;
        protocol.excludeAllTrain = allTrain;
        const auto t = Clock::now();
        auto r = index::evaluateRetrieval(split, *alsIndex, alsQuery, protocol);
        if (!r) return fail(r.message());
        printRow(std::string("ALS mean of history vectors") + (allTrain ? " (all train removed)" : " (10 removed)"), *r,
                 since(t));
    }
    std::printf("\nembed + index %.2f s (%s, %zu-dim); ALS fit + index %.2f s; peak RSS %.0f MiB\n", embedSeconds,
                (*embedder)->name().c_str(), size_t(dim), alsFit, bench::peakRssMb());
    return 0;
}
