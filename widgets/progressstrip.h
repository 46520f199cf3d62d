#pragma once
// ProgressStrip: the inline progress of one Job — a label with the stage, a bar and a Cancel
// button. Hidden when no job is attached; hides itself when the job finishes.
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rs::widgets {

class Job;

class ProgressStrip final : public QWidget {
    Q_OBJECT
public:
    explicit ProgressStrip(QWidget* parent = nullptr);
    void attach(Job* job);  // nullptr detaches
    Job* job() const;
    QPushButton* cancelButton() const { return cancel_; }
    QProgressBar* bar() const { return bar_; }

private:
    QPointer<Job> job_;
    QLabel* label_;
    QProgressBar* bar_;
    QPushButton* cancel_;
};

}  // namespace rs::widgets
