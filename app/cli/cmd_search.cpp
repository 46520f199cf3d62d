// recscope-cli search: free-text semantic search over a catalog with the built-in offline embedder
// (or another embedder spec) and a FAISS index. Results go to stdout, progress and errors to stderr.
#include <cstdio>
#include <string>

#include "args.h"
#include "commands.h"
#include "evalcli.h"  // ProgressPrinter
#include "index/catalogsearch.h"
#include "project_or_data.h"

namespace rs::cli {

namespace {

const std::vector<OptionSpec> kSpecs = {
    {"data", true, "catalog folder or file, or a project file (required)", ""},
    {"format", true, "importer name", "detect"},
    {"mapping", true, "column mapping JSON for csv/tsv/jsonl files (docs/import-mapping.md)", ""},
    {"dataset", true, "with a project file as --data: which stored dataset", "the first"},
    {"skip-bad-lines", false, "count and skip malformed lines instead of failing", ""},
    {"query", true, "the text to search for (required)", ""},
    {"k", true, "number of results", "10"},
    {"index", true, "FAISS index spec: Flat, HNSW32, IVF256,Flat, IVF1024,PQ16, …", "Flat"},
    {"metric", true, "cosine or ip", "cosine"},
    {"embedder", true, "embedder spec, e.g. tfidf:dim=1024", "tfidf"},
    {"help", false, "show this help", ""},
};

int usageError(const std::string& message) {
    std::fprintf(stderr, "recscope-cli search: %s\n(see recscope-cli search --help)\n", message.c_str());
    return 2;
}
int failure(const std::string& message) {
    std::fprintf(stderr, "recscope-cli search: %s\n", message.c_str());
    return 1;
}

}  // namespace

int runSearch(int argc, char** argv) {
    Args args(kSpecs, argc, argv, 2);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("search", "--data PATH --query TEXT [--k 10] [--index HNSW32] [options]",
                  "Ranks catalog items by similarity of their text (title, year, genres/tags) to the query.\n"
                  "The built-in tfidf embedder needs no network and no model download.",
                  kSpecs);
        return 0;
    }
    if (!args.positional().empty()) return usageError("unexpected argument '" + args.positional().front() + "'");
    if (!args.has("data")) return usageError("missing required option --data");
    if (!args.has("query")) return usageError("missing required option --query");
    int k = 10;
    try {
        k = std::stoi(args.get("k", "10"));
    } catch (const std::exception&) {
        k = 0;
    }
    if (k < 1) return usageError("--k must be a positive integer, got '" + args.get("k") + "'");
    auto metric = index::metricFromName(args.get("metric", "cosine"));
    if (!metric) return usageError(metric.message());

    index::CatalogSearchOptions options;
    options.embedder = args.get("embedder", "tfidf");
    options.index.spec = args.get("index", "Flat");
    options.index.metric = *metric;

    ProgressPrinter progress;
    const util::Task task = progress.task();
    auto imported = openData(args.get("data"), args.get("format"), args.get("mapping"), args.has("skip-bad-lines"),
                             task, args.get("dataset"));
    if (!imported) {
        progress.finish();
        return failure(imported.message());
    }
    if (!imported->catalog || imported->catalog->size() == 0) {
        progress.finish();
        return failure(args.get("data") + ": no item catalog to search (import item metadata, e.g. with --mapping)");
    }
    auto search = index::CatalogSearch::build(*imported->catalog, options, task);
    progress.finish();
    if (!search) return failure(search.message());
    auto hits = search->search(args.get("query"), k);
    if (!hits) return failure(hits.message());
    std::printf("%zu results for \"%s\" (%s, %s, %s; %zu items)\n", hits->size(), args.get("query").c_str(),
                search->embedder().name().c_str(), options.index.spec.c_str(),
                std::string(index::metricName(options.index.metric)).c_str(), imported->catalog->size());
    std::printf("%4s  %7s  %-10s  %s\n", "rank", "score", "id", "title");
    for (size_t i = 0; i < hits->size(); ++i) {
        const auto& h = (*hits)[i];
        std::printf("%4zu  %7.4f  %-10s  %s\n", i + 1, double(h.score), h.id.c_str(), h.title.c_str());
    }
    return 0;
}

}  // namespace rs::cli
