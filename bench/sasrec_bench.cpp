// Times SASRec training against the same network in Python PyTorch, in the same run.
//
//   sasrec_bench <ml-100k|synthetic> [sasrec params, e.g. epochs=3,loss=bce] [reference epochs (2)]
//
// ml-100k is split leave-one-out by time; "synthetic" is a generated ML-1M-shaped sequence set
// (6,040 users × 3,416 items, ~165 interactions per user, each next item the previous one's
// successor half of the time, otherwise Zipf-popular). The exact sequences SASRec trains on
// (each user's train items minus the validation item) are written to a temporary file, and
// bench/reference/sasrec_reference.py trains the same architecture, loss, optimiser and batch on
// them under /usr/bin/python3 first (so the two never overlap), timing each training epoch. Then
// RecScope fits with early stopping and is evaluated on the test items (full ranking, train items
// excluded). Prints one markdown row:
// | dataset | params | users | items | train interactions | epochs run (best) | fit s | our train s/epoch |
//   our validation s/epoch | PyTorch train s/epoch | our peak MiB | PyTorch peak MiB | Recall@10 | NDCG@10 |
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "benchdata.h"
#include "data/split.h"
#include "eval/evaluator.h"
#include "models/params.h"
#include "sasrec/sasrec.h"

namespace {

// ML-1M's shape with a sequential signal, so the transformer has something to learn.
rs::data::Dataset syntheticSequences(int32_t users, int32_t items, int32_t avgLength, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<double> weights(static_cast<size_t>(items));
    for (int32_t i = 0; i < items; ++i) weights[i] = 1.0 / std::pow(i + 1.0, 0.8);
    std::discrete_distribution<int32_t> popular(weights.begin(), weights.end());
    std::poisson_distribution<int32_t> length(avgLength);
    std::uniform_int_distribution<int32_t> step(1, 3);
    std::bernoulli_distribution follow(0.5);
    rs::data::DatasetBuilder b;
    b.setHasTimestamps(true);
    for (int32_t i = 0; i < items; ++i) b.addItem("i" + std::to_string(i));
    for (int32_t u = 0; u < users; ++u) {
        const int32_t n = std::max(20, length(rng));
        int32_t item = popular(rng);
        for (int32_t t = 0; t < n; ++t) {
            b.add("u" + std::to_string(u), "i" + std::to_string(item), 1.0f, t);
            item = follow(rng) ? (item + step(rng)) % items : popular(rng);
        }
    }
    return std::move(b).build();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: sasrec_bench <ml-100k|synthetic> [k=v,...] [reference epochs]\n");
        return 2;
    }
    const std::string dataset = argv[1];
    rs::models::Params params;
    if (argc > 2 && std::string(argv[2]).size() > 0) {
        auto parsed = rs::models::parseModelSpec(std::string("sasrec:") + argv[2]);
        if (!parsed) {
            std::fprintf(stderr, "sasrec_bench: %s\n", parsed.message().c_str());
            return 2;
        }
        params = parsed->second;
    }
    const int refEpochs = argc > 3 ? std::atoi(argv[3]) : 2;

    rs::data::Dataset full;
    if (dataset == "synthetic") {
        full = syntheticSequences(6040, 3416, 165, 2023);
    } else {
        auto loaded = rs::bench::loadBenchDataset(dataset);
        if (!loaded) {
            std::fprintf(stderr, "sasrec_bench: %s\n", loaded.message().c_str());
            return 1;
        }
        full = std::move(*loaded);
    }
    const rs::data::Split split = rs::data::splitLeaveOneOut(full);
    const rs::data::Dataset& train = split.train;

    auto created = rs::models::createRecommender("sasrec", params);
    if (!created) {
        std::fprintf(stderr, "sasrec_bench: %s\n", created.message().c_str());
        return 2;
    }
    auto& model = static_cast<rs::models::SasRec&>(**created);
    const nlohmann::json effective = model.params();

    // The sequences fit() trains on: train minus each user's validation item, users with >= 2.
    const auto seqPath =
        std::filesystem::temp_directory_path() / ("recscope-sasrec-bench-" + std::to_string(::getpid()));
    {
        const rs::data::Split inner = rs::data::splitLeaveOneOut(train);
        std::ofstream out(seqPath);
        out << train.numItems() << '\n';
        for (int32_t u = 0; u < inner.train.numUsers(); ++u) {
            if (inner.train.userCount(u) < 2) continue;
            for (int32_t i : inner.train.userItems(u)) out << i << ' ';
            out << '\n';
        }
    }
    const int threads = rs::models::resolveThreads(params.count("threads") ? std::stoi(params.at("threads")) : 0);
    std::string refArgs = " epochs=" + std::to_string(refEpochs) + " threads=" + std::to_string(threads);
    for (auto& [k, v] : effective.items())
        if (k != "epochs" && k != "patience")
            refArgs += " " + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
    const std::string script = std::filesystem::path(RECSCOPE_SOURCE_DIR) / "bench/reference/sasrec_reference.py";
    const std::string refOut = rs::bench::runCapture("/usr/bin/python3 " + script + " " + seqPath.string() + refArgs);
    std::filesystem::remove(seqPath);
    const nlohmann::json ref = nlohmann::json::parse(refOut, nullptr, false);
    if (ref.is_discarded() || !ref.contains("mean_epoch_seconds")) {
        std::fprintf(stderr, "sasrec_bench: PyTorch reference failed: %s\n", refOut.c_str());
        return 1;
    }

    rs::util::Task task;
    task.progress = [](double, std::string_view stage) {
        std::fprintf(stderr, "%.*s\n", int(stage.size()), stage.data());
    };
    const auto start = std::chrono::steady_clock::now();
    const auto st = model.fit(train, task);
    const double fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!st) {
        std::fprintf(stderr, "sasrec_bench: fit failed: %s\n", st.message().c_str());
        return 1;
    }
    rs::eval::EvalOptions options;
    options.ks = {10};
    options.bootstrapSamples = 0;
    auto result = rs::eval::evaluateModel(model, train, split.test, options, {});
    if (!result) {
        std::fprintf(stderr, "sasrec_bench: evaluation failed: %s\n", result.message().c_str());
        return 1;
    }
    const auto& s = model.fitSummary();
    std::printf("| %s | %s | %d | %d | %lld | %d (%d) | %.1f | %.2f | %.2f | %.2f | %.0f | %.0f | %.4f | %.4f |\n",
                dataset.c_str(), effective.dump().c_str(), train.numUsers(), train.numItems(),
                static_cast<long long>(train.numInteractions()), s.epochsRun, s.bestEpoch, fitSeconds,
                s.trainSeconds / s.epochsRun, s.validationSeconds / s.epochsRun,
                ref["mean_epoch_seconds"].get<double>(), rs::bench::peakRssMb(), ref["peak_rss_mb"].get<double>(),
                result->metrics.at("recall@10"), result->metrics.at("ndcg@10"));
    return 0;
}
