// Times a model fit against a plain numpy reference on the same training matrix, in the same run.
//
//   fit_bench <dataset> <model>[:k=v,...]     dataset: ml-100k | steam | synthetic:<users>x<items>
//
// The training set is the leave-one-out-by-time train part. The matrix is written to a temporary
// file, bench/reference/fit_reference.py fits it with numpy under /usr/bin/python3 (first, so the
// two processes never overlap), then RecScope fits it here. Prints one markdown table row:
// | dataset | model | users | items | positives | ours s | numpy s | speed-up | ours MiB | numpy MiB |
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "benchdata.h"
#include "data/split.h"
#include "models/recommender.h"

namespace {

// numpy reference arguments for the same hyper-parameters as our model.
std::string referenceArgs(const rs::models::Recommender& m) {
    std::string args;
    const nlohmann::json params = m.params();  // items() must not iterate a temporary
    for (auto& [k, v] : params.items()) {
        if (k == "threads") continue;
        args += " " + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
    }
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: fit_bench <ml-100k|steam|synthetic:UxI> <model[:k=v,...]>\n");
        return 2;
    }
    const std::string dataset = argv[1], spec = argv[2];
    auto loaded = rs::bench::loadBenchDataset(dataset);
    if (!loaded) {
        std::fprintf(stderr, "fit_bench: %s\n", loaded.message().c_str());
        return 1;
    }
    rs::data::Split split = rs::data::splitLeaveOneOut(*loaded);
    const rs::data::Dataset& train = split.train;

    auto parsed = rs::models::parseModelSpec(spec);
    if (!parsed) {
        std::fprintf(stderr, "fit_bench: %s\n", parsed.message().c_str());
        return 2;
    }
    auto model = rs::models::createRecommender(parsed->first, parsed->second);
    if (!model) {
        std::fprintf(stderr, "fit_bench: %s\n", model.message().c_str());
        return 2;
    }

    const auto matrix = std::filesystem::temp_directory_path() / ("recscope-fit-bench-" + std::to_string(::getpid()));
    int64_t positives = 0;
    {
        std::ofstream out(matrix);
        out << train.numUsers() << ' ' << train.numItems() << '\n';
        for (int32_t u = 0; u < train.numUsers(); ++u)
            for (int32_t i : train.userItems(u)) {
                out << u << '\t' << i << '\n';
                ++positives;
            }
    }
    const std::string script = std::filesystem::path(RECSCOPE_SOURCE_DIR) / "bench/reference/fit_reference.py";
    const std::string refOut = rs::bench::runCapture("/usr/bin/python3 " + script + " " + parsed->first + " " +
                                                     matrix.string() + referenceArgs(**model));
    std::filesystem::remove(matrix);
    nlohmann::json ref = nlohmann::json::parse(refOut, nullptr, false);
    if (ref.is_discarded()) {
        std::fprintf(stderr, "fit_bench: numpy reference failed: %s\n", refOut.c_str());
        return 1;
    }

    const auto start = std::chrono::steady_clock::now();
    auto status = (*model)->fit(train, {});
    const double ours = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!status) {
        std::fprintf(stderr, "fit_bench: fit failed: %s\n", status.message().c_str());
        return 1;
    }
    const double numpy = ref["fit_seconds"].get<double>();
    std::printf("| %s | %s | %d | %d | %lld | %.3f | %.3f | %.1f× | %.0f | %.0f |\n", dataset.c_str(),
                (*model)->params().dump().c_str(), train.numUsers(), train.numItems(),
                static_cast<long long>(positives), ours, numpy, numpy / ours, rs::bench::peakRssMb(),
                ref["peak_rss_mb"].get<double>());
    return 0;
}
