#pragma once
// Background work for the workbench. A Job is one slow core call (import, fit, evaluation, test
// connection) running on QThreadPool::globalInstance(): it owns the util::Task handed to core,
// turns the worker's progress callbacks into queued progressChanged signals on the GUI thread
// (throttled, so a tight loop cannot flood the event queue) and cancels through the shared token.
// JobQueue knows every running job, so the main window can ask before closing and then cancel
// them all and wait for their workers to return.
//
// Threading: Job and JobQueue live on the GUI thread; only the work function runs on a worker.
// The work function must not touch widgets or QObjects of the GUI thread.
#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "util/task.h"

namespace rs::widgets {

class Job final : public QObject {
    Q_OBJECT
public:
    explicit Job(QString label, QObject* parent = nullptr);
    ~Job() override;

    const QString& label() const { return label_; }
    // Passed by const reference to the core call on the worker thread.
    const util::Task& task() const { return task_; }
    bool isRunning() const { return running_; }
    bool isCancelled() const { return task_.cancelled(); }
    double fraction() const { return lastFraction_; }
    const QString& stage() const { return lastStage_; }

    void cancel();
    // Blocks until the worker returned (used only when the application quits).
    void waitForWorker();

    // Internal: set by JobQueue::run.
    void attach(QFuture<void> done);

signals:
    void progressChanged(double fraction, const QString& stage);
    void finished();

private:
    void onWorkerProgress(double fraction, std::string_view stage);

    QString label_;
    util::Task task_;
    QFutureWatcher<void> watcher_;
    bool running_ = true;
    double lastFraction_ = 0;
    QString lastStage_;
    // Throttling state, written from worker threads.
    std::mutex mutex_;
    double sentFraction_ = -1;
    std::string sentStage_;
    std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
};

class JobQueue final : public QObject {
    Q_OBJECT
public:
    explicit JobQueue(QObject* parent = nullptr) : QObject(parent) {}
    ~JobQueue() override;

    // Runs work(task) on the thread pool and returns its result as a future; the job is owned by
    // the queue and deleted after finished(). The future's continuation should be attached with
    // .then(context, …) so it runs on the GUI thread.
    template <class T>
    QFuture<T> run(const QString& label, std::function<T(const util::Task&)> work, Job** jobOut = nullptr) {
        auto* job = startJob(label);
        if (jobOut) *jobOut = job;
        const util::Task* task = &job->task();
        QFuture<T> future = QtConcurrent::run([work = std::move(work), task] { return work(*task); });
        job->attach(QFuture<void>(future));
        return future;
    }

    QList<Job*> running() const;
    bool isBusy() const { return !running().isEmpty(); }
    void cancelAll();
    // Cancels every job and blocks until their workers returned (quit path only).
    void cancelAndWait();

signals:
    void jobStarted(rs::widgets::Job* job);
    void busyChanged(bool busy);

private:
    Job* startJob(const QString& label);
    QList<QPointer<Job>> jobs_;
};

}  // namespace rs::widgets
