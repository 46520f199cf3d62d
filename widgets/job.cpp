#include "job.h"

#include <QMetaObject>
#include <cmath>

namespace rs::widgets {

Job::Job(QString label, QObject* parent) : QObject(parent), label_(std::move(label)) {
    // The callback may run on several worker threads at once (multi-threaded fits and
    // evaluations), and may outlive this object by a few instructions: alive_ guards the post.
    task_.progress = [this, alive = alive_](double fraction, std::string_view stage) {
        if (alive->load()) onWorkerProgress(fraction, stage);
    };
    connect(&watcher_, &QFutureWatcher<void>::finished, this, [this] {
        running_ = false;
        emit finished();
    });
}

Job::~Job() {
    alive_->store(false);
    task_.cancel.cancel();
}

void Job::attach(QFuture<void> done) {
    watcher_.setFuture(done);
}

void Job::cancel() {
    task_.cancel.cancel();
}

void Job::waitForWorker() {
    watcher_.waitForFinished();
}

void Job::onWorkerProgress(double fraction, std::string_view stage) {
    {
        // At most ~200 updates per job: a change of half a percent or a new stage.
        std::lock_guard lock(mutex_);
        if (std::abs(fraction - sentFraction_) < 0.005 && stage == sentStage_) return;
        sentFraction_ = fraction;
        sentStage_ = std::string(stage);
    }
    const QString text = QString::fromUtf8(stage.data(), static_cast<qsizetype>(stage.size()));
    QMetaObject::invokeMethod(
        this,
        [this, fraction, text] {
            lastFraction_ = fraction;
            lastStage_ = text;
            emit progressChanged(fraction, text);
        },
        Qt::QueuedConnection);
}

JobQueue::~JobQueue() {
    cancelAndWait();
}

Job* JobQueue::startJob(const QString& label) {
    auto* job = new Job(label, this);
    const bool wasBusy = isBusy();
    jobs_.append(job);
    connect(job, &Job::finished, this, [this, job] {
        jobs_.removeAll(job);
        job->deleteLater();
        if (!isBusy()) emit busyChanged(false);
    });
    emit jobStarted(job);
    if (!wasBusy) emit busyChanged(true);
    return job;
}

QList<Job*> JobQueue::running() const {
    QList<Job*> out;
    for (const auto& j : jobs_)
        if (j && j->isRunning()) out.append(j);
    return out;
}

void JobQueue::cancelAll() {
    for (Job* j : running()) j->cancel();
}

void JobQueue::cancelAndWait() {
    const auto jobs = running();
    for (Job* j : jobs) j->cancel();
    for (Job* j : jobs) j->waitForWorker();
}

}  // namespace rs::widgets
