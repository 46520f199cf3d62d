#pragma once
// The workbench's main window. It owns the facades (JobQueue, ProjectSession and the services)
// and hands them to the panels by constructor. Central area: the empty-state page when no project
// is open, else the panels as tabs (Dataset, Models, Evaluation, Compare, Chat, Traces,
// Settings). Docks: the project's contents (left) and running jobs with Cancel (bottom).
// Geometry, dock layout and recent projects are restored through AppSettings. Closing with work
// running asks, then cancels every job and waits for the workers before the window goes.
#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace rs::widgets {

class AppSettings;
class ChatPanel;
class ChatService;
class ComparePanel;
class DatasetBrowser;
class EmptyStatePage;
class EvaluationPanel;
class EvaluationService;
class ImportService;
class ImportWizard;
class JobQueue;
class ModelsPanel;
class ProjectPanel;
class ProjectSession;
class SettingsPanel;
class TracePanel;
class TrainingService;

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { DatasetTab = 0, ModelsTab, EvaluationTab, CompareTab, ChatTab, TraceTab, SettingsTab };

    explicit MainWindow(AppSettings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    JobQueue* jobs() const { return jobs_; }
    ProjectSession* session() const { return session_; }
    ImportService* importService() const { return import_; }
    TrainingService* trainingService() const { return training_; }
    EvaluationService* evaluationService() const { return evaluation_; }
    ChatService* chatService() const { return chat_; }
    ProjectPanel* projectPanel() const { return projectPanel_; }
    DatasetBrowser* browser() const { return browser_; }
    ModelsPanel* modelsPanel() const { return models_; }
    EvaluationPanel* evaluationPanel() const { return evalPanel_; }
    ComparePanel* comparePanel() const { return compare_; }
    ChatPanel* chatPanel() const { return chatPanel_; }
    TracePanel* tracePanel() const { return tracePanel_; }
    SettingsPanel* settingsPanel() const { return settingsPanel_; }
    EmptyStatePage* emptyState() const { return empty_; }
    QTabWidget* tabs() const { return tabs_; }
    ImportWizard* importWizard() const;

    // Open or create a project file; errors are shown (unless quiet) and returned in error.
    bool openProjectFile(const QString& path, QString* error = nullptr, bool quiet = false);
    bool createProjectFile(const QString& path, QString* error = nullptr, bool quiet = false);
    // Opens the import wizard on path (a folder or file; may be empty). Without an open project a
    // new one is created first, in the folder for projects (see defaultProjectPath).
    ImportWizard* startImport(const QString& path = {});
    static QString defaultProjectPath(const QString& datasetPath);
    // Shows an item of a dataset in the browser (loading the dataset first when needed).
    void showItem(qint64 datasetId, const QString& itemId);

    // false: closing with work running cancels without asking (tests, --self-test).
    void setConfirmClose(bool confirm) { confirmClose_ = confirm; }

public slots:
    void openRecent(const QString& path);

signals:
    // The project is open and its first dataset (if any) is on screen in the browser.
    void ready();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void updateCentral();
    void rebuildRecentMenu();
    void askNewProject();
    void askOpenProject();
    void askOpenDatasetFolder();

    AppSettings* settings_;
    JobQueue* jobs_;
    ProjectSession* session_;
    ImportService* import_;
    TrainingService* training_;
    EvaluationService* evaluation_;
    ChatService* chat_;
    QStackedWidget* stack_;
    EmptyStatePage* empty_;
    QTabWidget* tabs_;
    ProjectPanel* projectPanel_;
    DatasetBrowser* browser_;
    ModelsPanel* models_;
    EvaluationPanel* evalPanel_;
    ComparePanel* compare_;
    ChatPanel* chatPanel_;
    TracePanel* tracePanel_;
    SettingsPanel* settingsPanel_;
    QDockWidget* projectDock_;
    QDockWidget* jobsDock_;
    QMenu* recentMenu_ = nullptr;
    QPointer<ImportWizard> wizard_;
    bool confirmClose_ = true;
};

}  // namespace rs::widgets
