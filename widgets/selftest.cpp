#include "selftest.h"

#include <QComboBox>
#include <QDir>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <cstdio>

#include "catalogtablemodel.h"
#include "comparepanel.h"
#include "datasetbrowser.h"
#include "evalmodels.h"
#include "evaluationpanel.h"
#include "evaluationservice.h"
#include "importservice.h"
#include "importwizard.h"
#include "mainwindow.h"
#include "projectsession.h"
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

void ScreenshotTour::next() {
    if (step_ >= steps_.size()) {
        emit finished(failures_ == 0 ? 0 : 1);
        return;
    }
    steps_[step_++]();
}

}  // namespace rs::widgets
