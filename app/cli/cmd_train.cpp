// recscope-cli train: fit one model on a dataset (optionally filtered and split, then fitted on
// the train part only) and save it to a file (Recommender::save) or into a project file.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "args.h"
#include "commands.h"
#include "eval/experiment.h"
#include "evalcli.h"
#include "models/recommender.h"
#include "store/projectstore.h"

namespace rs::cli {

namespace {
std::vector<OptionSpec> trainSpecs() {
    auto specs = dataOptionSpecs("none");
    specs.push_back({"model", true, "model with parameters, e.g. ease:lambda=300 (required)", ""});
    specs.push_back({"out", true, "write the fitted model to this file", ""});
    specs.push_back({"project", true, "store the fitted model in this project file (created if missing)", ""});
    specs.push_back({"help", false, "show this help", ""});
    return specs;
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "recscope-cli train: %s\n(see recscope-cli train --help)\n", message.c_str());
    return 2;
}
int failure(const std::string& message) {
    std::fprintf(stderr, "recscope-cli train: %s\n", message.c_str());
    return 1;
}
}  // namespace

int runTrain(int argc, char** argv) {
    const auto specs = trainSpecs();
    Args args(specs, argc, argv, 2);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("train", "--data PATH --model SPEC [--out FILE | --project FILE] [options]",
                  "Fits one model and saves it. With --split the model sees only the train part, as in eval;\n"
                  "without it (the default, none) it is fitted on all interactions left after the filters.",
                  specs);
        return 0;
    }
    if (!args.positional().empty()) return usageError("unexpected argument '" + args.positional().front() + "'");
    auto config = configFromArgs(args);
    if (!config) return usageError(config.message());
    if (!args.has("model")) return usageError("missing required option --model");
    auto spec = models::parseModelSpec(args.get("model"));
    if (!spec) return usageError(spec.message());
    auto model = eval::createConfiguredModel(*spec, config->eval);
    if (!model) return usageError(model.message());

    ProgressPrinter progress;
    const util::Task task = progress.task();
    int64_t projectDatasetId = 0;
    auto imported = loadInteractions(args, task, &projectDatasetId);
    if (!imported) {
        progress.finish();
        return failure(imported.message());
    }
    config->datasetName = imported->name;

    data::Dataset train;
    if (config->split.text == "none") {
        train = eval::applyFilters(*imported->dataset, *config);
    } else {
        auto prepared = eval::prepareData(*imported->dataset, *config, task);
        if (!prepared) {
            progress.finish();
            return failure(prepared.message());
        }
        train = std::move(prepared->split.train);
    }
    if (train.numInteractions() == 0) {
        progress.finish();
        return failure("no interactions left to train on after filtering");
    }

    models::Recommender& m = *model.value();
    const auto start = std::chrono::steady_clock::now();
    const util::Status fitted = m.fit(train, task);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.finish();
    if (!fitted.isOk()) return failure("fitting " + m.name() + ": " + fitted.message());
    std::printf("fitted %s on %s (%d users, %d items, %lld interactions) in %.3f s\nparams %s\n", m.name().c_str(),
                imported->name.c_str(), train.numUsers(), train.numItems(),
                static_cast<long long>(train.numInteractions()), seconds, m.params().dump().c_str());

    if (args.has("out")) {
        const std::string path = args.get("out");
        std::ofstream out(path, std::ios::binary);
        if (!out) return failure("cannot write " + path);
        if (auto s = m.save(out); !s.isOk()) return failure("saving to " + path + ": " + s.message());
        out.close();
        if (!out) return failure("cannot write " + path);
        std::printf("saved %s\n", path.c_str());
    }
    if (args.has("project")) {
        auto store = store::ProjectStore::openOrCreate(args.get("project"));
        if (!store) return failure(store.message());
        // The model is tied to a stored dataset only when the data came from that same project;
        // otherwise datasetId 0 records it as trained on external files.
        const bool sameProject =
            projectDatasetId > 0 && std::filesystem::equivalent(args.get("data"), args.get("project"));
        auto id = store->saveModel(sameProject ? projectDatasetId : 0, m, seconds);
        if (!id) return failure(id.message());
        std::printf("saved model %lld in %s\n", static_cast<long long>(*id), args.get("project").c_str());
    }
    std::fflush(stdout);
    return 0;
}

}  // namespace rs::cli
