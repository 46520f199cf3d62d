#include "jobsview.h"

#include <QLabel>
#include <QVBoxLayout>

#include "job.h"
#include "progressstrip.h"

namespace rs::widgets {

JobsView::JobsView(JobQueue* jobs, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    idle_ = new QLabel(tr("No background work running."), this);
    layout->addWidget(idle_);
    list_ = new QVBoxLayout;
    layout->addLayout(list_);
    layout->addStretch(1);
    connect(jobs, &JobQueue::jobStarted, this, &JobsView::addJob);
    connect(jobs, &JobQueue::busyChanged, this, [this](bool busy) { idle_->setVisible(!busy); });
}

void JobsView::addJob(Job* job) {
    auto* strip = new ProgressStrip(this);
    strip->attach(job);
    list_->addWidget(strip);
    connect(job, &Job::finished, strip, &QObject::deleteLater);
}

}  // namespace rs::widgets
