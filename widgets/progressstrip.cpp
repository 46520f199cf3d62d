#include "progressstrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include "job.h"

namespace rs::widgets {

ProgressStrip::ProgressStrip(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    label_ = new QLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 1000);
    bar_->setTextVisible(false);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(label_, 2);
    layout->addWidget(bar_, 3);
    layout->addWidget(cancel_);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (job_) {
            job_->cancel();
            label_->setText(tr("Cancelling…"));
            cancel_->setEnabled(false);
        }
    });
    hide();
}

Job* ProgressStrip::job() const {
    return job_;
}

void ProgressStrip::attach(Job* job) {
    if (job_) disconnect(job_, nullptr, this, nullptr);
    job_ = job;
    if (!job) {
        hide();
        return;
    }
    label_->setText(job->label());
    bar_->setValue(0);
    cancel_->setEnabled(true);
    connect(job, &Job::progressChanged, this, [this](double f, const QString& stage) {
        bar_->setValue(static_cast<int>(f * 1000));
        if (!stage.isEmpty() && cancel_->isEnabled()) label_->setText(job_->label() + QStringLiteral(" — ") + stage);
    });
    connect(job, &Job::finished, this, [this] { attach(nullptr); });
    show();
}

}  // namespace rs::widgets
