#pragma once
// ProjectPanel (a dock): the open project's contents — datasets with their sizes, trained models,
// vector indexes and evaluation runs — and the recent project files. Double-clicking a recent
// file asks the main window to open it; double-clicking a dataset shows it in the browser.
#include <QWidget>

class QLabel;
class QListWidget;
class QTreeWidget;

namespace rs::widgets {

class AppSettings;
class ProjectSession;

class ProjectPanel final : public QWidget {
    Q_OBJECT
public:
    ProjectPanel(ProjectSession* session, AppSettings* settings, QWidget* parent = nullptr);
    QTreeWidget* contents() const { return tree_; }
    QListWidget* recent() const { return recent_; }

public slots:
    void refresh();

signals:
    void newProjectRequested();
    void openProjectRequested();
    void importRequested();
    void recentProjectActivated(const QString& path);
    void datasetActivated(qint64 datasetId);

private:
    ProjectSession* session_;
    AppSettings* settings_;
    QLabel* title_;
    QTreeWidget* tree_;
    QListWidget* recent_;
};

}  // namespace rs::widgets
