#pragma once
// Datasets the benchmarks share: ml-100k, the Steam reviews (users with >= 5 reviews) and a
// seeded synthetic set. Real data comes from RECSCOPE_DATA_DIR (default ../shared/data).
#include <cstdint>
#include <filesystem>
#include <string>

#include "data/dataset.h"
#include "data/importer.h"
#include "util/status.h"

namespace rs::bench {

std::filesystem::path dataDir();
// Peak resident set size of this process so far, in MiB.
double peakRssMb();
// Runs a shell command (a Python reference) and returns its stdout; empty when it cannot start.
std::string runCapture(const std::string& command);

// "ml-100k", "steam" (reviews, >= 5 per user, deduplicated) or "synthetic:<users>x<items>".
// Returns the full dataset (before any split).
util::Result<data::Dataset> loadBenchDataset(const std::string& name);

// The Steam games catalog (steam_games.jsonl through resources/mappings/steam-games.json, bad
// lines skipped): ~32k items, no interactions.
util::Result<data::ImportedData> importSteamGames();

// Seeded synthetic implicit data: item popularity ~ Zipf(0.8), ~avgPerUser items per user.
data::Dataset syntheticDataset(int32_t users, int32_t items, int32_t avgPerUser, uint64_t seed);

}  // namespace rs::bench
