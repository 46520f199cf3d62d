// recscope-cli match: grounds free-text titles in a catalog with the TitleMatcher, printing the
// best candidates with their scores and whether the best one would be accepted. Queries are the
// positional arguments, or --query (several separated by ';'), or one per line from stdin (--stdin).
#include <cstdio>
#include <iostream>
#include <string>

#include "args.h"
#include "commands.h"
#include "evalcli.h"  // ProgressPrinter
#include "index/titlematcher.h"
#include "project_or_data.h"
#include "util/text.h"

namespace rs::cli {

namespace {

std::vector<OptionSpec> specs() {
    auto s = dataOptions("catalog folder or file, or a project file (required)");
    s.insert(s.end(), {
                          {"query", true, "title(s) to ground, several separated by ';'", ""},
                          {"stdin", false, "read one query per line from standard input", ""},
                          {"k", true, "candidates shown per query", "3"},
                          {"min-score", true, "accept the best candidate at or above this score", "0.6"},
                          {"help", false, "show this help", ""},
                      });
    return s;
}

// Popularity from interactions (when the data has them) breaks exact ties toward the item people
// mean: ml-100k holds re-issued titles under several ids.
std::vector<double> popularityPerRow(const data::ImportedData& d) {
    if (!d.dataset || !d.catalog) return {};
    std::vector<double> pop(d.catalog->size(), 0.0);
    const auto counts = d.dataset->itemCounts();
    for (int32_t i = 0; i < static_cast<int32_t>(counts.size()); ++i)
        if (auto row = d.catalog->rowOf(d.dataset->itemId(i))) pop[*row] = static_cast<double>(counts[size_t(i)]);
    return pop;
}

}  // namespace

int runMatch(int argc, char** argv) {
    const auto kSpecs = specs();
    Args args(kSpecs, argc, argv, 2);
    if (!args.error().empty()) return usageError("match", args.error());
    if (args.has("help")) {
        printHelp("match", "--data PATH (TITLE… | --query 'TITLE[;TITLE…]' | --stdin) [--k 3] [--min-score 0.6]",
                  "Grounds free-text titles (\"the matrix 1999\", \"shawshank redemtion\") in catalog items.\n"
                  "Each query prints its candidates best first; the first is accepted when its score\n"
                  "reaches --min-score. Exit code 0 when every query was accepted, 3 when some were not.",
                  kSpecs);
        return 0;
    }
    if (!args.has("data")) return usageError("match", "missing required option --data");
    const int sources = int(!args.positional().empty()) + int(args.has("query")) + int(args.has("stdin"));
    if (sources != 1)
        return usageError("match", "give the titles as arguments, or with exactly one of --query and --stdin");
    int k = 0;
    double minScore = -1;
    try {
        k = std::stoi(args.get("k", "3"));
        minScore = std::stod(args.get("min-score", "0.6"));
    } catch (const std::exception&) {
    }
    if (k < 1) return usageError("match", "--k must be a positive integer, got '" + args.get("k", "3") + "'");
    if (minScore < 0 || minScore > 1) return usageError("match", "--min-score must be in [0, 1]");

    std::vector<std::string> queries;
    for (const auto& p : args.positional())
        if (!util::trim(p).empty()) queries.emplace_back(util::trim(p));
    if (args.has("query")) {
        const std::string all = args.get("query");
        for (auto q : util::split(all, ';'))
            if (!util::trim(q).empty()) queries.emplace_back(util::trim(q));
    } else if (args.has("stdin")) {
        for (std::string line; std::getline(std::cin, line);)
            if (!util::trim(line).empty()) queries.emplace_back(util::trim(line));
    }
    if (queries.empty()) return usageError("match", "no query given");

    ProgressPrinter progress;
    const util::Task task = progress.task();
    auto imported = openDataFromArgs(args, task);
    if (!imported) {
        progress.finish();
        return failure("match", imported.message());
    }
    if (!imported->catalog || imported->catalog->size() == 0) {
        progress.finish();
        return failure("match", args.get("data") + ": no item catalog to match against");
    }
    index::TitleMatcherOptions options;
    options.popularity = popularityPerRow(*imported);
    auto matcher = index::TitleMatcher::build(*imported->catalog, options, task);
    progress.finish();
    if (!matcher) return failure("match", matcher.message());

    size_t accepted = 0;
    for (const auto& q : queries) {
        auto hits = matcher->match(q, static_cast<size_t>(k));
        if (!hits) {
            std::printf("\"%s\": %s\n", q.c_str(), hits.message().c_str());
            continue;
        }
        const bool ok = !hits->empty() && hits->front().score >= minScore;
        accepted += ok ? 1 : 0;
        std::printf("\"%s\": %s\n", q.c_str(), ok ? "accepted" : "no match at or above --min-score");
        for (size_t i = 0; i < hits->size(); ++i) {
            const auto& h = (*hits)[i];
            std::printf("  %zu  %.3f  %-10s  %s\n", i + 1, h.score, h.itemId.c_str(), h.title.c_str());
        }
    }
    return accepted == queries.size() ? 0 : 3;
}

}  // namespace rs::cli
