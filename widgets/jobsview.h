#pragma once
// JobsView (the bottom dock): one ProgressStrip with Cancel per running job of the JobQueue.
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace rs::widgets {

class Job;
class JobQueue;

class JobsView final : public QWidget {
    Q_OBJECT
public:
    explicit JobsView(JobQueue* jobs, QWidget* parent = nullptr);

private:
    void addJob(Job* job);
    QVBoxLayout* list_;
    QLabel* idle_;
};

}  // namespace rs::widgets
