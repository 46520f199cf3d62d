#include "selftest.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <cstdio>

#include "agentmodels.h"
#include "catalogtablemodel.h"
#include "chatpanel.h"
#include "chatservice.h"
#include "comparepanel.h"
#include "datasetbrowser.h"
#include "evalmodels.h"
#include "evaluationpanel.h"
#include "evaluationservice.h"
#include "importservice.h"
#include "importwizard.h"
#include "mainwindow.h"
#include "projectsession.h"
#include "tracepanel.h"
#include "trainingservice.h"

namespace rs::widgets {

SelfTest::SelfTest(MainWindow* window, QString fixtureDir, QObject* parent)
    : QObject(parent), window_(window), fixtureDir_(std::move(fixtureDir)) {}

void SelfTest::fail(const QString& step, const QString& why) {
    if (done_) return;
    done_ = true;
    std::fprintf(stderr, "self-test FAILED at %s: %s\n", qPrintable(step), qPrintable(why));
    emit finished(1);
}

void SelfTest::pass(const QString& step) {
    std::fprintf(stderr, "self-test: %s ok\n", qPrintable(step));
}

void SelfTest::start() {
    QTimer::singleShot(120000, this,
                       [this] { fail(QStringLiteral("watchdog"), QStringLiteral("no result in 120 s")); });
    if (!dir_.isValid()) return fail(QStringLiteral("setup"), QStringLiteral("no temporary folder"));
    window_->setConfirmClose(false);
    QString error;
    if (!window_->createProjectFile(dir_.filePath(QStringLiteral("selftest.rsproj")), &error, true))
        return fail(QStringLiteral("create project"), error);
    pass(QStringLiteral("create project"));
    importFixture();
}

void SelfTest::importFixture() {
    data::ImportOptions options;
    options.path = fixtureDir_.toStdString();
    window_->importService()
        ->import(options, QStringLiteral("ml100k-mini"), false)
        .then(this, [this](util::Result<ImportOutcome> r) {
            if (!r) return fail(QStringLiteral("import"), QString::fromStdString(r.message()));
            if (r->interactions <= 0) return fail(QStringLiteral("import"), QStringLiteral("no interactions"));
            pass(QStringLiteral("import"));
            const qint64 id = r->datasetId;
            connect(
                window_->browser(), &DatasetBrowser::datasetShown, this,
                [this, id] {
                    if (window_->browser()->itemsModel()->rowCount() == 0)
                        return fail(QStringLiteral("browser"), QStringLiteral("no items shown"));
                    pass(QStringLiteral("browser"));
                    trainPop(id);
                },
                Qt::SingleShotConnection);
            window_->browser()->showDataset(id);
        });
}

void SelfTest::trainPop(qint64 datasetId) {
    window_->tabs()->setCurrentIndex(MainWindow::ModelsTab);
    window_->trainingService()
        ->train(datasetId, QStringLiteral("pop"), {})
        .then(this, [this, datasetId](util::Result<TrainOutcome> r) {
            if (!r) return fail(QStringLiteral("train"), QString::fromStdString(r.message()));
            pass(QStringLiteral("train"));
            evaluate(datasetId);
        });
}

void SelfTest::evaluate(qint64 datasetId) {
    window_->tabs()->setCurrentIndex(MainWindow::EvaluationTab);
    eval::ExperimentConfig config;
    config.models = {{"pop", {}}, {"itemknn", {}}};
    config.eval.ks = {5, 10};
    config.eval.bootstrapSamples = 0;
    window_->evaluationService()->evaluate(datasetId, config).then(this, [this](util::Result<EvalOutcome> r) {
        if (!r) return fail(QStringLiteral("evaluate"), QString::fromStdString(r.message()));
        if (r->report.results.size() != 2)
            return fail(QStringLiteral("evaluate"), QStringLiteral("expected 2 results"));
        window_->evaluationPanel()->showRun(r->runId);
        if (window_->evaluationPanel()->results()->rowCount() != 2)
            return fail(QStringLiteral("evaluation panel"), QStringLiteral("results table not filled"));
        pass(QStringLiteral("evaluate"));
        compareAndVisit();
    });
}

void SelfTest::compareAndVisit() {
    window_->tabs()->setCurrentIndex(MainWindow::CompareTab);
    window_->comparePanel()->selectModels(0, {QStringLiteral("pop"), QStringLiteral("itemknn")});
    if (window_->comparePanel()->winTieLoss()->rowCount() != 1 ||
        window_->comparePanel()->winTieLoss()->row(0).users() == 0)
        return fail(QStringLiteral("compare"), QStringLiteral("no per-user comparison"));
    pass(QStringLiteral("compare"));
    auto* wizard = window_->startImport(fixtureDir_);
    if (!wizard || wizard->sourcePage()->format() != QLatin1String("movielens-100k"))
        return fail(QStringLiteral("import wizard"), QStringLiteral("fixture format not detected"));
    wizard->close();
    pass(QStringLiteral("import wizard"));
    chatAndTrace();
}

void SelfTest::chatAndTrace() {
    window_->tabs()->setCurrentIndex(MainWindow::ChatTab);
    auto* chat = window_->chatPanel();
    if (!chat->selectPlanner(ChatService::builtinPlanner()))
        return fail(QStringLiteral("chat"), QStringLiteral("no built-in planner to choose"));
    connect(
        chat, &ChatPanel::turnFinished, this,
        [this, chat](bool ok, const QString& message) {
            if (!ok) return fail(QStringLiteral("chat"), message);
            if (chat->lastTraceId() <= 0) return fail(QStringLiteral("chat"), QStringLiteral("trace not saved"));
            pass(QStringLiteral("chat"));
            auto* traces = window_->tracePanel();
            chat->showTraceButton()->click();
            if (window_->tabs()->currentIndex() != MainWindow::TraceTab ||
                traces->currentTraceId() != chat->lastTraceId())
                return fail(QStringLiteral("trace"), QStringLiteral("the turn's trace is not shown"));
            if (traces->steps()->rowCount() < 2)
                return fail(QStringLiteral("trace"), QStringLiteral("no plan and answer steps"));
            traces->stepForward();
            if (traces->currentStep() != 1) return fail(QStringLiteral("trace"), QStringLiteral("cannot step"));
            pass(QStringLiteral("trace"));
            connect(
                traces, &TracePanel::replayFinished, this,
                [this](bool ok, bool identical, const QString& message) {
                    if (!ok || !identical) return fail(QStringLiteral("replay"), message);
                    pass(QStringLiteral("replay"));
                    visitAll();
                },
                Qt::SingleShotConnection);
            traces->replayCurrent();
        },
        Qt::SingleShotConnection);
    chat->messageEdit()->setText(QStringLiteral("comedies like Paper Lanterns"));
    chat->sendMessage();
}

void SelfTest::visitAll() {
    for (int t = 0; t < window_->tabs()->count(); ++t) window_->tabs()->setCurrentIndex(t);
    pass(QStringLiteral("panels"));
    if (!done_) {
        done_ = true;
        emit finished(0);
    }
}

ScreenshotTour::ScreenshotTour(MainWindow* window, QString outDir, QString prefix, QString datasetPath, QObject* parent)
    : QObject(parent),
      window_(window),
      outDir_(std::move(outDir)),
      prefix_(std::move(prefix)),
      datasetPath_(std::move(datasetPath)) {}

void ScreenshotTour::save(const QString& name, QWidget* widget) {
    const QString file = QDir(outDir_).filePath(prefix_ + name + QStringLiteral(".png"));
    if (!widget->grab().save(file)) {
        ++failures_;
        std::fprintf(stderr, "screenshots: cannot write %s\n", qPrintable(file));
    } else {
        std::fprintf(stderr, "screenshots: wrote %s\n", qPrintable(file));
    }
}

void ScreenshotTour::start() {
    QDir().mkpath(outDir_);
    auto* tabs = window_->tabs();
    auto* browser = window_->browser();
    auto tab = [this, tabs](int index, QString name) {
        return [this, tabs, index, name] {
            tabs->setCurrentIndex(index);
            QTimer::singleShot(300, this, [this, name] {
                save(name, window_);
                next();
            });
        };
    };
    steps_.push_back([this, browser] {
        window_->tabs()->setCurrentIndex(MainWindow::DatasetTab);
        browser->tabs()->setCurrentIndex(0);
        browser->itemsView()->selectRow(0);
        QTimer::singleShot(300, this, [this] {
            save(QStringLiteral("dataset-items"), window_);
            next();
        });
    });
    steps_.push_back([this, browser] {
        browser->tabs()->setCurrentIndex(2);
        // The most telling column: genres or tags when there are any.
        for (const char* want : {"genres", "tags", "release_date", "price"}) {
            const int at = browser->statsColumnBox()->findText(QLatin1String(want));
            if (at >= 0) {
                browser->statsColumnBox()->setCurrentIndex(at);
                break;
            }
        }
        QTimer::singleShot(300, this, [this] {
            save(QStringLiteral("dataset-statistics"), window_);
            next();
        });
    });
    steps_.push_back([this, browser] {
        browser->tabs()->setCurrentIndex(1);
        browser->usersView()->selectRow(0);
        QTimer::singleShot(300, this, [this] {
            save(QStringLiteral("dataset-users"), window_);
            next();
        });
    });
    steps_.push_back(tab(MainWindow::ModelsTab, QStringLiteral("models")));
    steps_.push_back(tab(MainWindow::EvaluationTab, QStringLiteral("evaluation")));
    steps_.push_back([this, tab] {
        QStringList models;
        const auto& results = window_->evaluationPanel()->report().results;
        for (size_t i = 0; i < results.size() && models.size() < 3; ++i)
            models << QString::fromStdString(results[results.size() - 1 - i].model);
        window_->comparePanel()->selectModels(0, models);
        tab(MainWindow::CompareTab, QStringLiteral("compare"))();
    });
    if (!chatMessages_.isEmpty()) {
        steps_.push_back([this] {
            window_->tabs()->setCurrentIndex(MainWindow::ChatTab);
            window_->chatPanel()->selectPlanner(ChatService::builtinPlanner());
            chatNext(0);
        });
        steps_.push_back([this] {
            auto* traces = window_->tracePanel();
            window_->chatPanel()->showTraceButton()->click();
            // The tool step that changed the bus most is the most telling one.
            int best = traces->steps()->rowCount() > 1 ? 1 : 0;
            size_t bestChanges = 0;
            for (int r = 0; r < traces->steps()->rowCount(); ++r) {
                traces->selectStep(r);
                const auto& d = traces->bus()->diff();
                const size_t changes = d.added + d.removed + d.moved;
                if (traces->steps()->entry(r).kind == TraceStepsModel::Kind::Tool && changes > bestChanges &&
                    d.kept + d.moved > 0) {
                    best = r;
                    bestChanges = changes;
                }
            }
            traces->selectStep(best);
            QTimer::singleShot(500, this, [this] {
                save(QStringLiteral("trace"), window_);
                next();
            });
        });
    }
    steps_.push_back(tab(MainWindow::SettingsTab, QStringLiteral("settings")));
    if (!datasetPath_.isEmpty())
        steps_.push_back([this] {
            auto* wizard = window_->startImport(datasetPath_);
            wizard->next();
            QTimer::singleShot(300, this, [this, wizard] {
                save(QStringLiteral("import-preview"), wizard);
                wizard->close();
                next();
            });
        });
    next();
}

void ScreenshotTour::chatNext(int index) {
    auto* chat = window_->chatPanel();
    if (index >= chatMessages_.size()) {
        QTimer::singleShot(300, this, [this] {
            save(QStringLiteral("chat"), window_);
            next();
        });
        return;
    }
    connect(
        chat, &ChatPanel::turnFinished, this,
        [this, index](bool ok, const QString& message) {
            if (!ok) {
                ++failures_;
                std::fprintf(stderr, "screenshots: chat turn failed: %s\n", qPrintable(message));
            }
            chatNext(index + 1);
        },
        Qt::SingleShotConnection);
    chat->messageEdit()->setText(chatMessages_[index]);
    chat->sendMessage();
}

void ScreenshotTour::next() {
    if (step_ >= steps_.size()) {
        emit finished(failures_ == 0 ? 0 : 1);
        return;
    }
    steps_[step_++]();
}

}  // namespace rs::widgets
