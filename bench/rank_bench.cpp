// Scoring and full ranking of every user with a fitted EASE (target: under 1 s for all ml-100k
// and all Steam users). The fit happens once, outside the timed loop; each iteration scores
// every user against every item, masks the training items and ranks the held-out item.
#include <benchmark/benchmark.h>

#include "benchdata.h"
#include "data/split.h"
#include "eval/evaluator.h"
#include "models/recommender.h"

namespace {

void rankAllUsers(benchmark::State& state, const std::string& datasetName) {
    auto data = rs::bench::loadBenchDataset(datasetName);
    if (!data) {
        state.SkipWithError(data.message().c_str());
        return;
    }
    rs::data::Split split = rs::data::splitLeaveOneOut(*data);
    auto model = rs::models::createRecommender("ease");
    if (!model || !(*model)->fit(split.train, {})) {
        state.SkipWithError("ease fit failed");
        return;
    }
    rs::eval::EvalOptions opt;
    opt.ks = {10};
    opt.bootstrapSamples = 0;
    int64_t users = 0;
    for (auto _ : state) {
        auto ranks = rs::eval::rankHeldOut(**model, split.train, split.test, opt, {});
        if (!ranks) {
            state.SkipWithError(ranks.message().c_str());
            return;
        }
        users = static_cast<int64_t>(ranks->size());
        benchmark::DoNotOptimize(ranks->data());
    }
    state.counters["users"] = static_cast<double>(users);
    state.counters["items"] = static_cast<double>(split.train.numItems());
    state.counters["peak_rss_mb"] = rs::bench::peakRssMb();
}

void BM_RankAllUsersEaseMl100k(benchmark::State& state) {
    rankAllUsers(state, "ml-100k");
}
void BM_RankAllUsersEaseSteam(benchmark::State& state) {
    rankAllUsers(state, "steam");
}
BENCHMARK(BM_RankAllUsersEaseMl100k)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);
BENCHMARK(BM_RankAllUsersEaseSteam)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);

}  // namespace

BENCHMARK_MAIN();
