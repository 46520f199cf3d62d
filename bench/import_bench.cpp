// Import speed on the real files: ml-100k (target < 0.5 s) and the Steam games catalog
// (32k rows, target < 3 s), with the shipped mapping file. Run one benchmark per process
// (--benchmark_filter) to read a clean peak_rss_mb counter.
#include <benchmark/benchmark.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "benchdata.h"
#include "data/importer.h"

namespace {

void reportCounts(benchmark::State& state, const rs::data::ImportedData& d) {
    state.counters["rows"] = static_cast<double>(d.catalog ? d.catalog->size() : 0);
    state.counters["interactions"] = static_cast<double>(d.dataset ? d.dataset->numInteractions() : 0);
    state.counters["peak_rss_mb"] = rs::bench::peakRssMb();
}

void BM_ImportMl100k(benchmark::State& state) {
    rs::data::ImportOptions opt;
    opt.path = rs::bench::dataDir() / "ml-100k";
    opt.format = "movielens-100k";
    for (auto _ : state) {
        auto r = rs::data::importData(opt);
        if (!r) {
            state.SkipWithError(r.message().c_str());
            return;
        }
        reportCounts(state, *r);
    }
}
BENCHMARK(BM_ImportMl100k)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

void BM_ImportSteamGames(benchmark::State& state) {
    const auto mappingFile = std::filesystem::path(RECSCOPE_SOURCE_DIR) / "resources/mappings/steam-games.json";
    std::ifstream in(mappingFile);
    auto json = nlohmann::json::parse(in, nullptr, false);
    auto mapping = rs::data::ColumnMapping::fromJson(json, rs::bench::dataDir() / "steam");
    if (!mapping) {
        state.SkipWithError(mapping.message().c_str());
        return;
    }
    rs::data::ImportOptions opt;
    opt.path = rs::bench::dataDir() / "steam" / "steam_games.jsonl";
    opt.format = "jsonl";
    opt.mapping = *mapping;
    opt.skipBadLines = true;  // the two rows without an id are counted, as a user would run it
    for (auto _ : state) {
        auto r = rs::data::importData(opt);
        if (!r) {
            state.SkipWithError(r.message().c_str());
            return;
        }
        reportCounts(state, *r);
    }
}
BENCHMARK(BM_ImportSteamGames)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
