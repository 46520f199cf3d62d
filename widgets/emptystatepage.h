#pragma once
// EmptyStatePage: what the window shows with no project open — "Open dataset folder…" (imports
// it into a new project), "Open project…", "New project…" and the recent projects.
#include <QWidget>

class QListWidget;
class QPushButton;

namespace rs::widgets {

class AppSettings;

class EmptyStatePage final : public QWidget {
    Q_OBJECT
public:
    explicit EmptyStatePage(AppSettings* settings, QWidget* parent = nullptr);
    QListWidget* recent() const { return recent_; }

public slots:
    void refresh();

signals:
    void openDatasetFolderRequested();
    void openProjectRequested();
    void newProjectRequested();
    void recentProjectActivated(const QString& path);

private:
    AppSettings* settings_;
    QListWidget* recent_;
};

}  // namespace rs::widgets
