#pragma once
// EvaluationService: runs one experiment (core/eval/experiment.h: filters, split, fit every model,
// full-ranking evaluation) on a stored dataset in the background and saves the run with its
// per-user ranks into the project, exactly as `recscope-cli eval --project` does. Also reads
// saved runs back (EvalReport::fromJson) and counts per-user wins, ties and losses between two
// models of runs over the same users.
// Threading: GUI thread; evaluate() runs on the JobQueue.
#include <QFuture>
#include <QObject>
#include <QString>
#include <map>
#include <vector>

#include "eval/experiment.h"
#include "eval/report.h"
#include "store/projectstore.h"
#include "util/status.h"

namespace rs::widgets {

class Job;
class ProjectSession;

struct EvalOutcome {
    int64_t runId = 0;
    eval::EvalReport report;  // without per-user ranks (they are in the project)
};

struct WinTieLoss {
    int64_t wins = 0, ties = 0, losses = 0;  // users where the model's rank is better/equal/worse
    int64_t users() const { return wins + ties + losses; }
};

class EvaluationService final : public QObject {
    Q_OBJECT
public:
    explicit EvaluationService(ProjectSession* session, QObject* parent = nullptr);

    // config.models, split and eval options as chosen; datasetName is filled in from the data.
    QFuture<util::Result<EvalOutcome>> evaluate(int64_t datasetId, eval::ExperimentConfig config, Job** job = nullptr);

    // Per user (ranks matched by internal user index; a user's ranks summed when several items
    // were held out): lower rank is better. Users missing from either side are not counted.
    static WinTieLoss compareRanks(const std::vector<store::UserRank>& model,
                                   const std::vector<store::UserRank>& baseline);

private:
    ProjectSession* session_;
};

}  // namespace rs::widgets
