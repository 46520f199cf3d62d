#include "mainwindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>

#include "appsettings.h"
#include "chatpanel.h"
#include "chatservice.h"
#include "comparepanel.h"
#include "datasetbrowser.h"
#include "emptystatepage.h"
#include "evaluationpanel.h"
#include "evaluationservice.h"
#include "importservice.h"
#include "importwizard.h"
#include "job.h"
#include "jobsview.h"
#include "modelspanel.h"
#include "projectpanel.h"
#include "projectsession.h"
#include "settingspanel.h"
#include "tracepanel.h"
#include "trainingservice.h"

namespace rs::widgets {

namespace {
const QString kProjectFilter = QStringLiteral("RecScope projects (*.rsproj);;All files (*)");
}

MainWindow::MainWindow(AppSettings* settings, QWidget* parent) : QMainWindow(parent), settings_(settings) {
    setWindowTitle(tr("RecScope"));
    jobs_ = new JobQueue(this);
    session_ = new ProjectSession(jobs_, this);
    import_ = new ImportService(session_, this);
    training_ = new TrainingService(session_, this);
    evaluation_ = new EvaluationService(session_, this);
    chat_ = new ChatService(session_, settings_, this);

    stack_ = new QStackedWidget(this);
    empty_ = new EmptyStatePage(settings_, stack_);
    tabs_ = new QTabWidget(stack_);
    tabs_->setObjectName(QStringLiteral("panelTabs"));
    browser_ = new DatasetBrowser(session_, tabs_);
    models_ = new ModelsPanel(session_, training_, tabs_);
    evalPanel_ = new EvaluationPanel(session_, evaluation_, tabs_);
    compare_ = new ComparePanel(session_, tabs_);
    chatPanel_ = new ChatPanel(session_, chat_, settings_, tabs_);
    tracePanel_ = new TracePanel(session_, chat_, tabs_);
    settingsPanel_ = new SettingsPanel(settings_, jobs_, tabs_);
    tabs_->addTab(browser_, tr("Dataset"));
    tabs_->addTab(models_, tr("Models"));
    tabs_->addTab(evalPanel_, tr("Evaluation"));
    tabs_->addTab(compare_, tr("Compare"));
    tabs_->addTab(chatPanel_, tr("Chat"));
    tabs_->addTab(tracePanel_, tr("Traces"));
    tabs_->addTab(settingsPanel_, tr("Settings"));
    stack_->addWidget(empty_);
    stack_->addWidget(tabs_);
    setCentralWidget(stack_);

    projectPanel_ = new ProjectPanel(session_, settings_, this);
    projectDock_ = new QDockWidget(tr("Project"), this);
    projectDock_->setObjectName(QStringLiteral("projectDock"));
    projectDock_->setWidget(projectPanel_);
    addDockWidget(Qt::LeftDockWidgetArea, projectDock_);
    jobsDock_ = new QDockWidget(tr("Background work"), this);
    jobsDock_->setObjectName(QStringLiteral("jobsDock"));
    jobsDock_->setWidget(new JobsView(jobs_, jobsDock_));
    addDockWidget(Qt::BottomDockWidgetArea, jobsDock_);

    buildMenus();
    connect(empty_, &EmptyStatePage::openDatasetFolderRequested, this, &MainWindow::askOpenDatasetFolder);
    connect(empty_, &EmptyStatePage::openProjectRequested, this, &MainWindow::askOpenProject);
    connect(empty_, &EmptyStatePage::newProjectRequested, this, &MainWindow::askNewProject);
    connect(projectPanel_, &ProjectPanel::newProjectRequested, this, &MainWindow::askNewProject);
    connect(projectPanel_, &ProjectPanel::openProjectRequested, this, &MainWindow::askOpenProject);
    connect(projectPanel_, &ProjectPanel::importRequested, this, [this] { startImport(); });
    connect(empty_, &EmptyStatePage::recentProjectActivated, this, &MainWindow::openRecent);
    connect(projectPanel_, &ProjectPanel::recentProjectActivated, this, &MainWindow::openRecent);
    connect(projectPanel_, &ProjectPanel::datasetActivated, this, [this](qint64 id) {
        tabs_->setCurrentIndex(DatasetTab);
        browser_->showDataset(id);
    });
    connect(chatPanel_, &ChatPanel::itemActivated, this, &MainWindow::showItem);
    connect(chatPanel_, &ChatPanel::traceRequested, this, [this](qint64 traceId) {
        tabs_->setCurrentIndex(TraceTab);
        tracePanel_->showTrace(traceId);
    });
    connect(session_, &ProjectSession::projectOpened, this, [this] {
        updateCentral();
        const auto datasets = session_->datasets();
        if (datasets.empty()) {
            emit ready();
            return;
        }
        // One-shot: the first dataset on screen means the window is usable.
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(browser_, &DatasetBrowser::datasetShown, this, [this, conn] {
            disconnect(*conn);
            emit ready();
        });
        browser_->showDataset(datasets.front().id);
    });
    connect(session_, &ProjectSession::projectClosed, this, &MainWindow::updateCentral);

    resize(1280, 820);
    restoreGeometry(settings_->windowGeometry());
    restoreState(settings_->windowState());
    updateCentral();
}

MainWindow::~MainWindow() {
    jobs_->cancelAndWait();
}

ImportWizard* MainWindow::importWizard() const {
    return wizard_;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New project…"), QKeySequence::New, this, &MainWindow::askNewProject);
    file->addAction(tr("&Open project…"), QKeySequence::Open, this, &MainWindow::askOpenProject);
    file->addAction(tr("Open dataset &folder…"), this, &MainWindow::askOpenDatasetFolder);
    file->addAction(tr("&Import dataset…"), this, [this] { startImport(); });
    recentMenu_ = file->addMenu(tr("&Recent projects"));
    file->addSeparator();
    file->addAction(tr("&Close project"), this, [this] { session_->closeProject(); });
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(projectDock_->toggleViewAction());
    view->addAction(jobsDock_->toggleViewAction());
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    for (const QString& path : settings_->recentProjects())
        recentMenu_->addAction(path, this, [this, path] { openRecent(path); });
    recentMenu_->setEnabled(!recentMenu_->isEmpty());
    empty_->refresh();
    projectPanel_->refresh();
}

void MainWindow::updateCentral() {
    stack_->setCurrentWidget(session_->isOpen() ? static_cast<QWidget*>(tabs_) : empty_);
    setWindowTitle(session_->isOpen() ? tr("%1 — RecScope").arg(QFileInfo(session_->path()).fileName())
                                      : tr("RecScope"));
}

bool MainWindow::openProjectFile(const QString& path, QString* error, bool quiet) {
    const auto s = session_->openProject(path);
    if (!s) {
        const QString msg = QString::fromStdString(s.message());
        if (error) *error = msg;
        if (!quiet) QMessageBox::warning(this, tr("Cannot open project"), msg);
        return false;
    }
    settings_->addRecentProject(path);
    rebuildRecentMenu();
    return true;
}

bool MainWindow::createProjectFile(const QString& path, QString* error, bool quiet) {
    const auto s = session_->createProject(path);
    if (!s) {
        const QString msg = QString::fromStdString(s.message());
        if (error) *error = msg;
        if (!quiet) QMessageBox::warning(this, tr("Cannot create project"), msg);
        return false;
    }
    settings_->addRecentProject(path);
    rebuildRecentMenu();
    return true;
}

void MainWindow::openRecent(const QString& path) {
    if (path.isEmpty()) return;
    if (!QFileInfo::exists(path)) {
        QMessageBox::warning(this, tr("Project missing"), tr("%1 no longer exists.").arg(path));
        settings_->removeRecentProject(path);
        rebuildRecentMenu();
        return;
    }
    openProjectFile(path);
}

QString MainWindow::defaultProjectPath(const QString& datasetPath) {
    QDir dir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/projects"));
    dir.mkpath(QStringLiteral("."));
    const QString base = ImportService::defaultName(datasetPath).isEmpty() ? QStringLiteral("project")
                                                                           : ImportService::defaultName(datasetPath);
    QString path = dir.filePath(base + QStringLiteral(".rsproj"));
    for (int n = 2; QFileInfo::exists(path); ++n) path = dir.filePath(QStringLiteral("%1-%2.rsproj").arg(base).arg(n));
    return path;
}

void MainWindow::showItem(qint64 datasetId, const QString& itemId) {
    tabs_->setCurrentIndex(DatasetTab);
    if (browser_->currentDatasetId() == datasetId) {
        browser_->selectItem(itemId);
        return;
    }
    connect(
        browser_, &DatasetBrowser::datasetShown, this, [this, itemId](qint64) { browser_->selectItem(itemId); },
        Qt::SingleShotConnection);
    browser_->showDataset(datasetId);
}

ImportWizard* MainWindow::startImport(const QString& path) {
    if (!session_->isOpen() && !createProjectFile(defaultProjectPath(path))) return nullptr;
    if (wizard_) wizard_->close();
    wizard_ = new ImportWizard(import_, this);
    wizard_->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty()) wizard_->sourcePage()->setPath(path);
    connect(wizard_, &QWizard::accepted, this, [this] {
        if (const auto& out = wizard_->runPage()->outcome()) {
            tabs_->setCurrentIndex(DatasetTab);
            browser_->showDataset(out->datasetId);
        }
    });
    wizard_->show();
    return wizard_;
}

void MainWindow::askNewProject() {
    const QString path = QFileDialog::getSaveFileName(this, tr("New project"), QString(), kProjectFilter);
    if (path.isEmpty()) return;
    if (QFileInfo::exists(path)) QFile::remove(path);  // the dialog already asked to overwrite
    createProjectFile(path.endsWith(QLatin1String(".rsproj")) ? path : path + QStringLiteral(".rsproj"));
}

void MainWindow::askOpenProject() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(), kProjectFilter);
    if (!path.isEmpty()) openProjectFile(path);
}

void MainWindow::askOpenDatasetFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open dataset folder"));
    if (!dir.isEmpty()) startImport(dir);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (jobs_->isBusy()) {
        if (confirmClose_ &&
            QMessageBox::question(this, tr("Work is running"),
                                  tr("%n background job(s) are still running. Cancel them and quit?", nullptr,
                                     static_cast<int>(jobs_->running().size()))) != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        jobs_->cancelAndWait();
    }
    settings_->setWindowGeometry(saveGeometry());
    settings_->setWindowState(saveState());
    event->accept();
}

}  // namespace rs::widgets
