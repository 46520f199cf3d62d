#include "benchdata.h"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include "data/importer.h"
#include "data/split.h"

namespace rs::bench {

std::filesystem::path dataDir() {
    const char* env = std::getenv("RECSCOPE_DATA_DIR");
    return (env && *env) ? std::filesystem::path(env) : std::filesystem::path(RECSCOPE_DEFAULT_DATA_DIR);
}

double peakRssMb() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

std::string runCapture(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

data::Dataset syntheticDataset(int32_t users, int32_t items, int32_t avgPerUser, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<double> weights(static_cast<size_t>(items));
    for (int32_t i = 0; i < items; ++i) weights[i] = 1.0 / std::pow(i + 1.0, 0.8);
    std::discrete_distribution<int32_t> pick(weights.begin(), weights.end());
    std::poisson_distribution<int32_t> length(avgPerUser);
    data::DatasetBuilder b;
    b.setHasTimestamps(true);
    for (int32_t i = 0; i < items; ++i) b.addItem("i" + std::to_string(i));
    std::unordered_set<int32_t> seen;
    for (int32_t u = 0; u < users; ++u) {
        const int32_t n = std::max(3, length(rng));
        seen.clear();
        for (int32_t t = 0; static_cast<int32_t>(seen.size()) < n && t < 10 * n; ++t) {
            const int32_t i = pick(rng);
            if (seen.insert(i).second) b.add("u" + std::to_string(u), "i" + std::to_string(i), 1.0f, t);
        }
    }
    return std::move(b).build();
}

util::Result<data::Dataset> loadBenchDataset(const std::string& name) {
    if (name.rfind("synthetic:", 0) == 0) {
        const std::string shape = name.substr(10);
        const auto x = shape.find('x');
        if (x == std::string::npos) return util::Error{"synthetic dataset needs <users>x<items>: " + name};
        return syntheticDataset(std::stoi(shape.substr(0, x)), std::stoi(shape.substr(x + 1)), 60, 2023);
    }
    data::ImportOptions opt;
    if (name == "ml-100k") {
        opt.path = dataDir() / "ml-100k";
        opt.format = "movielens-100k";
    } else if (name == "steam") {
        opt.path = dataDir() / "steam" / "australian_user_reviews_derived.csv";
        opt.format = "csv";
        data::ColumnMapping m;
        m.interactions = data::FileMapping{opt.path, "csv"};
        m.user = "User_Id";
        m.item = "Item_Id";
        m.rating = "Recommend";
        m.time = "Date";
        opt.mapping = m;
    } else {
        return util::Error{"unknown benchmark dataset '" + name + "' (ml-100k, steam, synthetic:<u>x<i>)"};
    }
    auto imported = data::importData(opt);
    if (!imported) return util::Error{imported.message()};
    if (!imported->dataset) return util::Error{"no interactions in " + opt.path.string()};
    data::Dataset d = std::move(*imported->dataset);
    // Users with at least 5 reviews and the items they reviewed, as `eval --dedupe
    // --min-user-interactions 5` does.
    if (name == "steam") d = data::filterMinUserInteractions(data::dedupeInteractions(d), 5);
    return d;
}

util::Result<data::ImportedData> importSteamGames() {
    const auto dir = dataDir() / "steam";
    std::ifstream f(std::string(RECSCOPE_SOURCE_DIR) + "/resources/mappings/steam-games.json");
    nlohmann::json j = nlohmann::json::parse(f, nullptr, false);
    if (j.is_discarded()) return util::Error{"cannot read resources/mappings/steam-games.json"};
    auto mapping = data::ColumnMapping::fromJson(j, dir);
    if (!mapping) return util::Error{mapping.message()};
    data::ImportOptions io;
    io.path = dir / "steam_games.jsonl";
    io.format = "jsonl";
    io.mapping = *mapping;
    io.skipBadLines = true;
    return data::importData(io);
}

}  // namespace rs::bench
