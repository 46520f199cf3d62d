#pragma once
// ProjectSession: the facade the panels share over one open project file (core ProjectStore).
// It knows the path, lists what the project holds, and keeps the datasets loaded so far in memory
// (shared, read-only) so the browser, training and evaluation do not reload them.
//
// Listing (datasets, models, runs, indexes) reads a few rows and runs on the GUI thread; loading
// a dataset runs on the JobQueue. Workers open their own ProjectStore on path(): a ProjectStore
// is used from one thread at a time, and SQLite serialises the writers.
// Threading: GUI thread only; the DataPtr objects it hands out are immutable and may be read
// from any thread.
#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "data/importer.h"
#include "store/projectstore.h"
#include "util/status.h"

namespace rs::widgets {

class Job;
class JobQueue;

using DataPtr = std::shared_ptr<const data::ImportedData>;

class ProjectSession final : public QObject {
    Q_OBJECT
public:
    explicit ProjectSession(JobQueue* jobs, QObject* parent = nullptr);

    JobQueue* jobs() const { return jobs_; }

    // Both close any open project first; errors name the file.
    util::Status createProject(const QString& path);
    util::Status openProject(const QString& path);
    void closeProject();
    bool isOpen() const { return !path_.isEmpty(); }
    const QString& path() const { return path_; }

    std::vector<store::DatasetInfo> datasets() const;
    std::vector<store::ModelRecord> models() const;
    std::vector<store::EvalRunRecord> evalRuns() const;
    std::vector<store::VectorIndexRecord> indexes() const;
    util::Result<std::vector<store::UserRank>> userRanks(int64_t runId, const std::string& model = {}) const;

    // A store for the calling thread (workers call it with a path captured on the GUI thread).
    static util::Result<store::ProjectStore> openStore(const QString& path);

    // The dataset with this id, from memory or loaded in the background (then remembered).
    QFuture<util::Result<DataPtr>> loadDataset(int64_t id, Job** job = nullptr);
    DataPtr cachedDataset(int64_t id) const { return cache_.value(id); }

    // Called by the services after they wrote to the project.
    void notifyContentsChanged();

signals:
    void projectOpened(const QString& path);
    void projectClosed();
    void contentsChanged();

private:
    JobQueue* jobs_;
    QString path_;
    QHash<qint64, DataPtr> cache_;
    int generation_ = 0;  // drops loads that finish after the project changed
};

}  // namespace rs::widgets
