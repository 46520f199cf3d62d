#pragma once
// Shared plumbing of `recscope-cli train` and `recscope-cli eval`: the data, filter and split
// options both accept, turning them into an eval::ExperimentConfig, loading the data, and the
// progress line on stderr. Not used by other commands.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "args.h"
#include "data/importer.h"
#include "eval/experiment.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::cli {

// --data, --format, --mapping, --skip-bad-lines, --dataset, the filters, --split, --seed, --threads.
std::vector<OptionSpec> dataOptionSpecs(const std::string& defaultSplit);

// Usage errors (exit code 2) come back as errors whose message is meant for "usage" output.
// Fills everything of the config except models and the k list / tie rule.
util::Result<eval::ExperimentConfig> configFromArgs(const Args& args);

// Comma-separated integers, each >= min ("10,20").
util::Result<std::vector<int>> parseIntList(const std::string& text, const std::string& option, int min);

// Imports --data (a folder or file, or a RecScope project file, then --dataset picks the dataset
// when it holds several). The result has a dataset with interactions, or an error. For a project,
// *projectDatasetId (when given) receives the stored dataset's id.
util::Result<data::ImportedData> loadInteractions(const Args& args, const util::Task& task,
                                                  int64_t* projectDatasetId = nullptr);

// Progress on stderr: one line rewritten with '\r' on a terminal, otherwise a plain line per
// stage and per 10% step (so logs stay short). Thread-safe.
// While a printer exists, the first Ctrl-C (SIGINT) cancels the work of every task() it handed
// out, so the command ends cleanly with "cancelled" (files are left as they were); a second
// Ctrl-C kills the process as usual. Create at most one printer at a time.
class ProgressPrinter {
public:
    ProgressPrinter();
    ~ProgressPrinter();
    ProgressPrinter(const ProgressPrinter&) = delete;
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;
    void operator()(double fraction, std::string_view stage);
    void finish();      // ends the terminal line, if any
    util::Task task();  // a Task that reports here and is cancelled by Ctrl-C

private:
    util::CancelToken cancel_;
    std::atomic<bool> stopWatcher_{false};
    std::thread watcher_;  // turns the signal flag into cancel_.cancel() outside the handler
    std::mutex mutex_;
    bool tty_ = false;
    bool open_ = false;  // a '\r' line is on screen
    std::string stage_;
    int percent_ = -1;
    size_t lastWidth_ = 0;
};

}  // namespace rs::cli
