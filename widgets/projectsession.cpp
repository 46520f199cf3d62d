#include "projectsession.h"

#include <QFileInfo>

#include "job.h"

namespace rs::widgets {

ProjectSession::ProjectSession(JobQueue* jobs, QObject* parent) : QObject(parent), jobs_(jobs) {}

util::Result<store::ProjectStore> ProjectSession::openStore(const QString& path) {
    return store::ProjectStore::open(path.toStdString());
}

util::Status ProjectSession::createProject(const QString& path) {
    auto store = store::ProjectStore::create(path.toStdString());
    if (!store) return store.status();
    closeProject();
    path_ = QFileInfo(path).absoluteFilePath();
    emit projectOpened(path_);
    return util::Status::ok();
}

util::Status ProjectSession::openProject(const QString& path) {
    auto store = openStore(path);
    if (!store) return store.status();
    closeProject();
    path_ = QFileInfo(path).absoluteFilePath();
    emit projectOpened(path_);
    return util::Status::ok();
}

void ProjectSession::closeProject() {
    if (path_.isEmpty()) return;
    path_.clear();
    cache_.clear();
    ++generation_;
    emit projectClosed();
}

std::vector<store::DatasetInfo> ProjectSession::datasets() const {
    if (!isOpen()) return {};
    auto store = openStore(path_);
    if (!store) return {};
    auto list = store->listDatasets();
    return list ? std::move(list).value() : std::vector<store::DatasetInfo>{};
}

std::vector<store::ModelRecord> ProjectSession::models() const {
    if (!isOpen()) return {};
    auto store = openStore(path_);
    if (!store) return {};
    auto list = store->listModels();
    return list ? std::move(list).value() : std::vector<store::ModelRecord>{};
}

std::vector<store::EvalRunRecord> ProjectSession::evalRuns() const {
    if (!isOpen()) return {};
    auto store = openStore(path_);
    if (!store) return {};
    auto list = store->listEvalRuns();
    return list ? std::move(list).value() : std::vector<store::EvalRunRecord>{};
}

std::vector<store::VectorIndexRecord> ProjectSession::indexes() const {
    if (!isOpen()) return {};
    auto store = openStore(path_);
    if (!store) return {};
    auto list = store->listVectorIndexes();
    return list ? std::move(list).value() : std::vector<store::VectorIndexRecord>{};
}

util::Result<std::vector<store::UserRank>> ProjectSession::userRanks(int64_t runId, const std::string& model) const {
    if (!isOpen()) return util::Error{"no project is open"};
    auto store = openStore(path_);
    if (!store) return store.status();
    return store->loadEvalUserRanks(runId, model);
}

QFuture<util::Result<DataPtr>> ProjectSession::loadDataset(int64_t id, Job** job) {
    if (DataPtr cached = cache_.value(id)) {
        if (job) *job = nullptr;
        return QtFuture::makeReadyFuture(util::Result<DataPtr>(cached));
    }
    const QString path = path_;
    const int generation = generation_;
    auto future = jobs_->run<util::Result<DataPtr>>(
        tr("Loading dataset %1").arg(id),
        [path, id](const util::Task& task) -> util::Result<DataPtr> {
            auto store = openStore(path);
            if (!store) return store.status();
            auto loaded = store->loadDataset(id, task);
            if (!loaded) return loaded.status();
            return DataPtr(std::make_shared<const data::ImportedData>(std::move(loaded).value()));
        },
        job);
    return future.then(this, [this, id, generation](util::Result<DataPtr> r) {
        if (r && generation == generation_) cache_.insert(id, *r);
        return r;
    });
}

void ProjectSession::notifyContentsChanged() {
    emit contentsChanged();
}

}  // namespace rs::widgets
