// recscope-cli eval: filter, split, fit every model on train and rank its held-out items against
// the whole catalogue (core/eval/experiment.h). The table goes to stdout, progress to stderr.
#include <cstdio>
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
constexpr const char* kDefaultModels = "pop,itemknn,ease,als,bpr";

std::vector<OptionSpec> evalSpecs() {
    auto specs = dataOptionSpecs("loo");
    specs.push_back(
        {"models", true, "models with parameters, e.g. pop,ease:lambda=300,als:factors=64", kDefaultModels});
    specs.push_back({"k", true, "cut-offs for the metrics", "10,20"});
    specs.push_back({"tie-rule", true, "pessimistic | optimistic | random: where tied items rank", "pessimistic"});
    specs.push_back({"bootstrap", true, "bootstrap resamples for the 95% intervals in the JSON, 0 = off", "1000"});
    specs.push_back({"json", true, "write the protocol and results as JSON to this file", ""});
    specs.push_back({"ranks", false, "include every user's held-out ranks in the JSON", ""});
    specs.push_back(
        {"project", true, "also store the run (protocol, results, per-user ranks) in this project file", ""});
    specs.push_back({"help", false, "show this help", ""});
    return specs;
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "recscope-cli eval: %s\n(see recscope-cli eval --help)\n", message.c_str());
    return 2;
}
int failure(const std::string& message) {
    std::fprintf(stderr, "recscope-cli eval: %s\n", message.c_str());
    return 1;
}
}  // namespace

int runEval(int argc, char** argv) {
    const auto specs = evalSpecs();
    Args args(specs, argc, argv, 2);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("eval", "--data PATH [options]",
                  "Evaluates models with full ranking: every item except the user's training items is a candidate.\n"
                  "Prints Recall, NDCG, HitRate and MRR at each k per model; --json writes the full protocol.",
                  specs);
        return 0;
    }
    if (!args.positional().empty()) return usageError("unexpected argument '" + args.positional().front() + "'");

    auto config = configFromArgs(args);
    if (!config) return usageError(config.message());
    if (config->split.text == "none") return usageError("eval needs a split (loo, loo-val or ratio:T)");
    auto ks = parseIntList(args.get("k", "10,20"), "k", 1);
    if (!ks) return usageError(ks.message());
    config->eval.ks = *ks;
    const auto tie = eval::tieRuleFromName(args.get("tie-rule", "pessimistic"));
    if (!tie) return usageError("unknown tie rule '" + args.get("tie-rule") + "' (pessimistic, optimistic, random)");
    config->eval.tieRule = *tie;
    auto boot = parseIntList(args.get("bootstrap", "1000"), "bootstrap", 0);
    if (!boot || boot->size() != 1) return usageError("option '--bootstrap': expected one integer >= 0");
    config->eval.bootstrapSamples = boot->front();
    auto models = models::parseModelList(args.get("models", kDefaultModels));
    if (!models) return usageError(models.message());
    if (models->empty()) return usageError("option '--models': no model given");
    // Create each model once before loading data so a typo in a name or parameter fails fast.
    for (const auto& spec : *models)
        if (auto m = eval::createConfiguredModel(spec, config->eval); !m) return usageError(m.message());
    config->models = std::move(models).value();

    ProgressPrinter progress;
    const util::Task task = progress.task();
    auto imported = loadInteractions(args, task);
    if (!imported) {
        progress.finish();
        return failure(imported.message());
    }
    for (const auto& w : imported->report.warnings) {
        progress.finish();
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    }
    if (imported->report.linesSkipped > 0) {
        progress.finish();
        std::fprintf(stderr, "skipped %lld malformed lines\n", static_cast<long long>(imported->report.linesSkipped));
    }
    config->datasetName = imported->name;

    auto report = eval::runExperiment(*imported->dataset, *config, task);
    progress.finish();
    if (!report) return failure(report.message());

    const auto& p = report->protocol;
    std::printf("dataset %s: %lld users evaluated, %lld items, split %s, tie rule %s\n", p.dataset.c_str(),
                static_cast<long long>(p.users), static_cast<long long>(p.items), p.split.value("spec", "").c_str(),
                std::string(eval::tieRuleName(p.tieRule)).c_str());
    std::fputs(report->toTable().c_str(), stdout);
    std::fflush(stdout);

    if (args.has("json")) {
        const std::string path = args.get("json");
        std::ofstream out(path);
        out << report->toJson(args.has("ranks")).dump(2) << "\n";
        out.close();
        if (!out) return failure("cannot write " + path);
    }
    if (args.has("project")) {
        auto store = store::ProjectStore::openOrCreate(args.get("project"));
        if (!store) return failure(store.message());
        std::vector<store::UserRank> ranks;
        for (const auto& r : report->results)
            for (const auto& u : r.perUser)
                for (int64_t rank : u.ranks) ranks.push_back({r.model, u.user, rank});
        const auto j = report->toJson(false);
        auto id = store->saveEvalRun(j["protocol"], j["results"], ranks);
        if (!id) return failure(id.message());
        std::fprintf(stderr, "stored evaluation run %lld in %s\n", static_cast<long long>(*id),
                     args.get("project").c_str());
    }
    return 0;
}

}  // namespace rs::cli
