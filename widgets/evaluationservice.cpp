#include "evaluationservice.h"

#include <unordered_map>

#include "job.h"
#include "projectsession.h"

namespace rs::widgets {

EvaluationService::EvaluationService(ProjectSession* session, QObject* parent) : QObject(parent), session_(session) {}

QFuture<util::Result<EvalOutcome>> EvaluationService::evaluate(int64_t datasetId, eval::ExperimentConfig config,
                                                               Job** job) {
    const QString project = session_->path();
    const DataPtr cached = session_->cachedDataset(datasetId);
    auto future = session_->jobs()->run<util::Result<EvalOutcome>>(
        tr("Evaluating %1 models").arg(config.models.size()),
        [project, datasetId, cached, config](const util::Task& task) mutable -> util::Result<EvalOutcome> {
            auto store = ProjectSession::openStore(project);
            if (!store) return store.status();
            DataPtr data = cached;
            if (!data) {
                auto loaded = store->loadDataset(datasetId);
                if (!loaded) return loaded.status();
                data = std::make_shared<const data::ImportedData>(std::move(loaded).value());
            }
            if (!data->dataset) return util::Error{"dataset '" + data->name + "' has no interactions"};
            config.datasetName = data->name;
            auto report = eval::runExperiment(*data->dataset, config, task);
            if (!report) return report.status();
            std::vector<store::UserRank> ranks;
            for (const auto& r : report->results)
                for (const auto& u : r.perUser)
                    for (int64_t rank : u.ranks) ranks.push_back({r.model, u.user, rank});
            const auto j = report->toJson(false);
            auto id = store->saveEvalRun(j["protocol"], j["results"], ranks);
            if (!id) return id.status();
            EvalOutcome out;
            out.runId = *id;
            out.report = std::move(report).value();
            for (auto& r : out.report.results) r.perUser.clear();
            return out;
        },
        job);
    return future.then(this, [this](util::Result<EvalOutcome> r) {
        if (r) session_->notifyContentsChanged();
        return r;
    });
}

WinTieLoss EvaluationService::compareRanks(const std::vector<store::UserRank>& model,
                                           const std::vector<store::UserRank>& baseline) {
    std::unordered_map<int32_t, int64_t> base;
    for (const auto& r : baseline) base[r.userIdx] += r.rank;
    std::unordered_map<int32_t, int64_t> mine;
    for (const auto& r : model) mine[r.userIdx] += r.rank;
    WinTieLoss w;
    for (const auto& [user, rank] : mine) {
        const auto it = base.find(user);
        if (it == base.end()) continue;
        if (rank < it->second)
            ++w.wins;
        else if (rank == it->second)
            ++w.ties;
        else
            ++w.losses;
    }
    return w;
}

}  // namespace rs::widgets
