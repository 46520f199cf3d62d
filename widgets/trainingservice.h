#pragma once
// TrainingService: the Models panel's facade. Lists the registered models with their default
// hyper-parameters (a model created with no parameters reports its effective ones), and fits a
// model on a stored dataset in the background, saving it into the project (blob, parameters and
// fit time) like `recscope-cli train --project`. Fitting uses all interactions of the dataset.
// Threading: GUI thread; train() runs on the JobQueue.
#include <QFuture>
#include <QObject>
#include <QString>
#include <nlohmann/json.hpp>
#include <vector>

#include "models/recommender.h"
#include "util/status.h"

namespace rs::widgets {

class Job;
class ProjectSession;

struct ModelKind {
    QString name, description;
    nlohmann::json defaults;  // key -> value as the model reports it
};

struct TrainOutcome {
    int64_t modelId = 0;
    QString model;
    double fitSeconds = 0;
    int64_t blobBytes = 0;
    nlohmann::json params;
};

class TrainingService final : public QObject {
    Q_OBJECT
public:
    explicit TrainingService(ProjectSession* session, QObject* parent = nullptr);

    static std::vector<ModelKind> modelKinds();

    // Parameters are strings as typed on the command line; a bad key or value fails the job with
    // core's message naming the model and key.
    QFuture<util::Result<TrainOutcome>> train(int64_t datasetId, const QString& model, const models::Params& params,
                                              Job** job = nullptr);

private:
    ProjectSession* session_;
};

}  // namespace rs::widgets
