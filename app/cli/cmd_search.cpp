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

std::vector<OptionSpec> specs() {
    auto s = dataOptions("catalog folder or file, or a project file (required)");
    s.insert(s.end(), {
                          {"query", true, "the text to search for (required)", ""},
                          {"k", true, "number of results", "10"},
                          {"index", true, "FAISS index spec: Flat, HNSW32, IVF256,Flat, IVF1024,PQ16, …", "Flat"},
                          {"metric", true, "cosine or ip", "cosine"},
                          {"embedder", true, "embedder spec, e.g. tfidf:dim=1024", "tfidf"},
                          {"help", false, "show this help", ""},
                      });
    return s;
}

}  // namespace

int runSearch(int argc, char** argv) {
    const auto kSpecs = specs();
    Args args(kSpecs, argc, argv, 2);
    if (!args.error().empty()) return usageError("search", args.error());
    if (args.has("help")) {
        printHelp("search", "--data PATH --query TEXT [--k 10] [--index HNSW32] [options]",
                  "Ranks catalog items by similarity of their text (title, year, genres/tags) to the query.\n"
                  "The built-in tfidf embedder needs no network and no model download.",
                  kSpecs);
        return 0;
    }
    if (!args.positional().empty())
        return usageError("search", "unexpected argument '" + args.positional().front() + "'");
    if (!args.has("data")) return usageError("search", "missing required option --data");
    if (!args.has("query")) return usageError("search", "missing required option --query");
    int k = 10;
    try {
        k = std::stoi(args.get("k", "10"));
    } catch (const std::exception&) {
        k = 0;
    }
    if (k < 1) return usageError("search", "--k must be a positive integer, got '" + args.get("k") + "'");
    auto metric = index::metricFromName(args.get("metric", "cosine"));
    if (!metric) return usageError("search", metric.message());

    index::CatalogSearchOptions options;
    options.embedder = args.get("embedder", "tfidf");
    options.index.spec = args.get("index", "Flat");
    options.index.metric = *metric;

    ProgressPrinter progress;
    const util::Task task = progress.task();
    auto imported = openDataFromArgs(args, task);
    if (!imported) {
        progress.finish();
        return failure("search", imported.message());
    }
    if (!imported->catalog || imported->catalog->size() == 0) {
        progress.finish();
        return failure("search",
                       args.get("data") + ": no item catalog to search (import item metadata, e.g. with --mapping)");
    }
    auto search = index::CatalogSearch::build(*imported->catalog, options, task);
    progress.finish();
    if (!search) return failure("search", search.message());
    auto hits = search->search(args.get("query"), k);
    if (!hits) return failure("search", hits.message());
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
