#include "trainingservice.h"

#include <chrono>
#include <sstream>

#include "job.h"
#include "projectsession.h"

namespace rs::widgets {

TrainingService::TrainingService(ProjectSession* session, QObject* parent) : QObject(parent), session_(session) {}

std::vector<ModelKind> TrainingService::modelKinds() {
    std::vector<ModelKind> out;
    for (const auto& info : models::modelRegistry()) {
        ModelKind k{QString::fromStdString(info.name), QString::fromStdString(info.description), {}};
        if (auto m = info.create({}); m) k.defaults = (*m)->params();
        out.push_back(std::move(k));
    }
    return out;
}

QFuture<util::Result<TrainOutcome>> TrainingService::train(int64_t datasetId, const QString& model,
                                                           const models::Params& params, Job** job) {
    const QString project = session_->path();
    const std::string name = model.toStdString();
    // The dataset is usually in memory already (the browser loaded it); otherwise the worker
    // reads it from the project itself.
    const DataPtr cached = session_->cachedDataset(datasetId);
    auto future = session_->jobs()->run<util::Result<TrainOutcome>>(
        tr("Training %1").arg(model),
        [project, name, params, datasetId, cached](const util::Task& task) -> util::Result<TrainOutcome> {
            auto created = models::createRecommender(name, params);
            if (!created) return created.status();
            auto store = ProjectSession::openStore(project);
            if (!store) return store.status();
            DataPtr data = cached;
            if (!data) {
                auto loaded = store->loadDataset(datasetId);
                if (!loaded) return loaded.status();
                data = std::make_shared<const data::ImportedData>(std::move(loaded).value());
            }
            if (!data->dataset || data->dataset->numInteractions() == 0)
                return util::Error{"dataset '" + data->name + "' has no interactions to train on"};
            models::Recommender& m = **created;
            const auto start = std::chrono::steady_clock::now();
            if (auto s = m.fit(*data->dataset, task); !s) return util::Error{"fitting " + name + ": " + s.message()};
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            auto id = store->saveModel(datasetId, m, seconds);
            if (!id) return id.status();
            TrainOutcome out;
            out.modelId = *id;
            out.model = QString::fromStdString(name);
            out.fitSeconds = seconds;
            out.params = m.params();
            if (auto list = store->listModels(datasetId); list)
                for (const auto& r : *list)
                    if (r.id == *id) out.blobBytes = r.blobBytes;
            return out;
        },
        job);
    return future.then(this, [this](util::Result<TrainOutcome> r) {
        if (r) session_->notifyContentsChanged();
        return r;
    });
}

}  // namespace rs::widgets
