#include "evalcli.h"

#include <chrono>
#include <csignal>

#include <unistd.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "project_or_data.h"
#include "store/projectstore.h"

namespace rs::cli {

namespace {
template <class T>
util::Result<T> parseNumber(const std::string& text, const std::string& option) {
    T v{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return util::Error{"option '--" + option + "': expected a number, got '" + text + "'"};
    return v;
}
}  // namespace

std::vector<OptionSpec> dataOptionSpecs(const std::string& defaultSplit) {
    return {
        {"data", true, "dataset folder or file, or a RecScope project file (required)", ""},
        {"format", true, "importer name (movielens-100k, recbole, csv, ...); detected when omitted", ""},
        {"mapping", true, "JSON column mapping for csv/tsv/jsonl files", ""},
        {"dataset", true, "dataset name or id inside a project file", ""},
        {"skip-bad-lines", false, "count and skip malformed lines instead of failing", ""},
        {"dedupe", false, "keep only the first interaction of each (user, item) pair", ""},
        {"min-rating", true, "keep interactions with rating >= R (unrated ones are kept)", ""},
        {"kcore", true, "iterated k-core: users and items need >= K interactions", ""},
        {"min-user-interactions", true, "drop users with fewer than N interactions", ""},
        {"split", true, "loo | loo-val | ratio:T[:V]" + std::string(defaultSplit == "none" ? " | none" : ""),
         defaultSplit},
        {"seed", true, "seed for models, random tie breaks and bootstrap", "42"},
        {"threads", true, "worker threads, 0 = all cores", "0"},
    };
}

util::Result<std::vector<int>> parseIntList(const std::string& text, const std::string& option, int min) {
    std::vector<int> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        auto v = parseNumber<int>(text.substr(start, comma - start), option);
        if (!v) return v.status();
        if (*v < min) return util::Error{"option '--" + option + "': values must be >= " + std::to_string(min)};
        if (std::find(out.begin(), out.end(), *v) == out.end()) out.push_back(*v);
        start = comma + 1;
    }
    return out;
}

util::Result<eval::ExperimentConfig> configFromArgs(const Args& args) {
    eval::ExperimentConfig c;
    if (!args.has("data")) return util::Error{"missing required option --data"};
    c.dedupe = args.has("dedupe");
    if (args.has("min-rating")) {
        auto r = parseNumber<float>(args.get("min-rating"), "min-rating");
        if (!r) return r.status();
        if (!std::isfinite(*r)) return util::Error{"option '--min-rating': must be finite"};
        c.minRating = *r;
    }
    if (args.has("kcore")) {
        auto r = parseNumber<int64_t>(args.get("kcore"), "kcore");
        if (!r || *r < 1)
            return util::Error{"option '--kcore': expected an integer >= 1, got '" + args.get("kcore") + "'"};
        c.kcore = *r;
    }
    if (args.has("min-user-interactions")) {
        auto r = parseNumber<int64_t>(args.get("min-user-interactions"), "min-user-interactions");
        if (!r || *r < 1)
            return util::Error{"option '--min-user-interactions': expected an integer >= 1, got '" +
                               args.get("min-user-interactions") + "'"};
        c.minUserInteractions = *r;
    }
    if (args.has("seed")) {
        auto r = parseNumber<uint64_t>(args.get("seed"), "seed");
        if (!r) return r.status();
        c.eval.seed = *r;
    }
    if (args.has("threads")) {
        auto r = parseNumber<int>(args.get("threads"), "threads");
        if (!r || *r < 0 || *r > 1024)
            return util::Error{"option '--threads': expected an integer in 0..1024, got '" + args.get("threads") + "'"};
        c.eval.threads = *r;
    }
    const std::string split = args.get("split", "loo");
    if (split != "none") {
        auto s = eval::parseSplitSpec(split);
        if (!s) return s.status();
        c.split = std::move(s).value();
    } else {
        c.split.text = "none";
    }
    return c;
}

namespace {
util::Result<data::ImportedData> loadFromProject(const Args& args, const std::filesystem::path& path,
                                                 const util::Task& task, int64_t* datasetId) {
    auto store = store::ProjectStore::open(path, true);
    if (!store) return store.status();
    std::string name = args.get("dataset");
    if (name.empty()) {
        auto list = store->listDatasets();
        if (!list) return list.status();
        std::vector<std::string> withInteractions;
        for (const auto& d : *list)
            if (d.hasInteractions) withInteractions.push_back(d.name);
        if (withInteractions.size() != 1) {
            std::string names;
            for (const auto& n : withInteractions) names += (names.empty() ? "" : ", ") + n;
            return util::Error{path.string() + ": " +
                               (withInteractions.empty()
                                    ? std::string("holds no dataset with interactions")
                                    : "holds several datasets (" + names + "); choose one with --dataset")};
        }
        name = withInteractions.front();
    }
    auto info = store->findDataset(name);
    if (!info) return info.status();
    auto data = store->loadDataset(info->id, task);
    if (!data) return data;
    if (datasetId) *datasetId = info->id;
    if (!data->dataset || data->dataset->numInteractions() == 0)
        return util::Error{path.string() + ": dataset '" + info->name + "' has no interactions"};
    return data;
}
}  // namespace

util::Result<data::ImportedData> loadInteractions(const Args& args, const util::Task& task, int64_t* projectDatasetId) {
    const std::filesystem::path path = args.get("data");
    if (!std::filesystem::exists(path)) return util::Error{"data not found: " + path.string()};
    util::Task importTask;
    importTask.cancel = task.cancel;
    if (task.progress)
        importTask.progress = [&task](double f, std::string_view stage) {
            task.report(f, "import: " + std::string(stage));
        };
    // Projects are opened here rather than through openData so the stored dataset's id is known
    // (train --project ties the model to it) and an ambiguous project is an error, not a guess.
    if (isProjectFile(path)) return loadFromProject(args, path, importTask, projectDatasetId);
    auto imported = openData(path.string(), args.get("format"), args.get("mapping"), args.has("skip-bad-lines"),
                             importTask, args.get("dataset"));
    if (!imported) return imported;
    if (!imported->dataset || imported->dataset->numInteractions() == 0)
        return util::Error{path.string() + ": no interactions found (is this an item catalog only?)"};
    return imported;
}

namespace {
// A signal handler may only set a sig_atomic_t flag; the watcher thread does the rest.
volatile std::sig_atomic_t gInterrupted = 0;
extern "C" void onInterrupt(int) {
    gInterrupted = 1;
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C terminates at once
}
}  // namespace

ProgressPrinter::ProgressPrinter() : tty_(::isatty(STDERR_FILENO) != 0) {
    gInterrupted = 0;
    std::signal(SIGINT, onInterrupt);
    watcher_ = std::thread([this] {
        while (!stopWatcher_.load()) {
            if (gInterrupted) {
                cancel_.cancel();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
}

ProgressPrinter::~ProgressPrinter() {
    stopWatcher_ = true;
    watcher_.join();
    std::signal(SIGINT, SIG_DFL);
    finish();
}

void ProgressPrinter::operator()(double fraction, std::string_view stage) {
    const int percent = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0));
    std::lock_guard lock(mutex_);
    const bool newStage = stage != stage_;
    if (tty_) {
        if (!newStage && percent == percent_) return;
        std::string line = std::string(stage) + " " + std::to_string(percent) + "%";
        const size_t width = line.size();
        if (width < lastWidth_) line.append(lastWidth_ - width, ' ');  // wipe the longer previous line
        std::fprintf(stderr, "\r%s", line.c_str());
        std::fflush(stderr);
        lastWidth_ = width;
        open_ = true;
    } else {
        if (!newStage && percent / 10 == percent_ / 10) return;
        std::fprintf(stderr, "%.*s %d%%\n", static_cast<int>(stage.size()), stage.data(), percent);
    }
    stage_ = std::string(stage);
    percent_ = percent;
}

void ProgressPrinter::finish() {
    std::lock_guard lock(mutex_);
    if (open_) {
        std::fprintf(stderr, "\r%s\r", std::string(lastWidth_, ' ').c_str());
        std::fflush(stderr);
    }
    open_ = false;
    lastWidth_ = 0;
}

util::Task ProgressPrinter::task() {
    util::Task t;
    t.cancel = cancel_;
    t.progress = [this](double f, std::string_view s) { (*this)(f, s); };
    return t;
}

}  // namespace rs::cli
