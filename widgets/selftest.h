#pragma once
// SelfTest: `recscope --self-test`. On a temporary project it imports the small MovieLens fixture
// through the ImportService, shows it in the browser, trains pop, evaluates pop and itemknn,
// compares them, opens the import wizard, chats one turn with the built-in planner, steps through
// its trace and replays it, visits every tab, and reports finished(0), or
// finished(1) with the failing step on stderr. Entirely event-driven (continuations on the GUI
// thread); a 120 s watchdog fails a hung step.
//
// ScreenshotTour: `recscope --open P --screenshots DIR`. Once the window is ready it visits each
// panel (browser items, statistics and users, models, evaluation, compare, settings, the import
// wizard's preview of datasetPath when given) and saves DIR/<prefix><panel>.png. With chat
// messages (setChatMessages) it also chats them with the built-in planner and saves the chat and
// the trace stepper on the most telling step of the last turn.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <functional>

namespace rs::widgets {

class MainWindow;

class SelfTest final : public QObject {
    Q_OBJECT
public:
    SelfTest(MainWindow* window, QString fixtureDir, QObject* parent = nullptr);
    void start();

signals:
    void finished(int exitCode);

private:
    void fail(const QString& step, const QString& why);
    void pass(const QString& step);
    void importFixture();
    void trainPop(qint64 datasetId);
    void evaluate(qint64 datasetId);
    void compareAndVisit();
    void chatAndTrace();
    void visitAll();

    MainWindow* window_;
    QString fixtureDir_;
    QTemporaryDir dir_;
    bool done_ = false;
};

class ScreenshotTour final : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, QString outDir, QString prefix, QString datasetPath, QObject* parent = nullptr);
    void start();
    void setChatMessages(QStringList messages) { chatMessages_ = std::move(messages); }

signals:
    void finished(int exitCode);

private:
    void next();
    void chatNext(int index);
    void save(const QString& name, QWidget* widget);

    MainWindow* window_;
    QString outDir_, prefix_, datasetPath_;
    QStringList chatMessages_;
    std::vector<std::function<void()>> steps_;
    size_t step_ = 0;
    int failures_ = 0;
};

}  // namespace rs::widgets
