// The panels on a real ml-100k project, offscreen: browse and filter items, train EASE with
// progress (and cancel a long ALS fit), run an evaluation and read the charts' series, compare
// two models, test an LLM connection against the scripted server, close with work running.
#include <QAbstractItemModelTester>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "appsettings.h"
#include "catalogtablemodel.h"
#include "columnchart.h"
#include "comparepanel.h"
#include "datasetbrowser.h"
#include "evalcharts.h"
#include "evalmodels.h"
#include "evaluationpanel.h"
#include "guitestutil.h"
#include "interactionsmodel.h"
#include "job.h"
#include "mainwindow.h"
#include "modelspanel.h"
#include "modeltablemodels.h"
#include "progressstrip.h"
#include "projectsession.h"
#include "settingspanel.h"
#include "support/scriptedllmserver.h"

using namespace rs::widgets;
using rs::guitest::dataPath;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;
}  // namespace

class PanelsTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<MainWindow> window_;
    qint64 datasetId_ = 0;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString ml = dataPath(QStringLiteral("ml-100k"));
        QVERIFY(!ml.isEmpty());
        settings_ = std::make_unique<AppSettings>(dir_.filePath(QStringLiteral("settings.ini")));
        window_ = std::make_unique<MainWindow>(settings_.get());
        window_->setConfirmClose(false);
        window_->show();
        datasetId_ = rs::guitest::makeProject(*window_, dir_, ml, QStringLiteral("ml-100k"));
        QVERIFY(datasetId_ > 0);
        QCOMPARE(settings_->recentProjects().size(), 1);
    }

    void browsesAndFiltersItems() {
        auto* b = window_->browser();
        QSignalSpy shown(b, &DatasetBrowser::datasetShown);
        b->showDataset(datasetId_);
        QVERIFY(shown.count() > 0 || shown.wait(30000));
        Tester t1(b->itemsModel(), kQtTest), t2(b->itemsProxy(), kQtTest), t3(b->usersModel(), kQtTest);
        Tester t4(b->itemInteractions(), kQtTest), t5(b->userHistory(), kQtTest);
        QCOMPARE(b->itemsModel()->rowCount(), 1682);
        QCOMPARE(b->usersModel()->rowCount(), 943);

        // Search by title.
        QTest::keyClicks(b->searchEdit(), QStringLiteral("star wars"));
        QVERIFY(b->itemsProxy()->rowCount() >= 1);
        for (int r = 0; r < b->itemsProxy()->rowCount(); ++r) {
            const int src = b->itemsProxy()->mapToSource(b->itemsProxy()->index(r, 0)).row();
            QVERIFY(b->itemsModel()->title(src).contains(QStringLiteral("Star Wars"), Qt::CaseInsensitive));
        }
        b->searchEdit()->clear();
        QCOMPARE(b->itemsProxy()->rowCount(), 1682);

        // Filter a tag column and compare with the catalog itself.
        const auto& catalog = *b->itemsModel()->dataset()->catalog;
        const auto* genres = catalog.column("genres");
        QVERIFY(genres);
        int noir = 0;
        for (size_t r = 0; r < catalog.size(); ++r)
            for (const auto& g : genres->tags(r)) noir += g == "Film-Noir";
        QVERIFY(noir > 0);
        const int column = b->filterColumnBox()->findText(QStringLiteral("genres"));
        QVERIFY(column >= 0);
        b->filterColumnBox()->setCurrentIndex(column);
        b->filterTextEdit()->setText(QStringLiteral("Film-Noir"));
        QCOMPARE(b->itemsProxy()->rowCount(), noir);
        b->filterTextEdit()->clear();

        // At least 300 interactions, sorted by interactions descending.
        b->minInteractionsBox()->setValue(300);
        const int popular = b->itemsProxy()->rowCount();
        QVERIFY(popular > 0 && popular < 1682);
        b->itemsView()->sortByColumn(CatalogTableModel::Interactions, Qt::DescendingOrder);
        const auto countAt = [&](int r) {
            return b->itemsProxy()
                ->index(r, CatalogTableModel::Interactions)
                .data(CatalogTableModel::RawValueRole)
                .toLongLong();
        };
        for (int r = 1; r < popular; ++r) QVERIFY(countAt(r - 1) >= countAt(r));
        QVERIFY(countAt(popular - 1) >= 300);
        // ml-100k's most rated movie is Star Wars (583 ratings).
        QCOMPARE(countAt(0), 583LL);
        b->minInteractionsBox()->setValue(0);

        // An item's details list its interactions.
        QVERIFY(b->selectItem(QStringLiteral("50")));
        QCOMPARE(b->itemInteractions()->rowCount(), 583);

        // A user's history, in time order.
        b->tabs()->setCurrentIndex(1);
        b->usersView()->selectRow(0);
        const int historyRows = b->userHistory()->rowCount();
        QVERIFY(historyRows >= 20);  // ml-100k users rated at least 20 movies
        for (int r = 1; r < historyRows; ++r)
            QVERIFY(
                b->userHistory()
                    ->index(r - 1, InteractionsModel::Time)
                    .data(InteractionsModel::RawValueRole)
                    .toLongLong() <=
                b->userHistory()->index(r, InteractionsModel::Time).data(InteractionsModel::RawValueRole).toLongLong());

        // The genres bar chart counts what the catalog holds.
        b->tabs()->setCurrentIndex(2);
        const int g = b->statsColumnBox()->findText(QStringLiteral("genres"));
        QVERIFY(g >= 0);
        b->statsColumnBox()->setCurrentIndex(g);
        const auto& h = b->chart()->histogram();
        const int noirBar = h.labels.indexOf(QStringLiteral("Film-Noir"));
        QVERIFY(noirBar >= 0);
        QCOMPARE(h.counts[static_cast<size_t>(noirBar)], double(noir));
        auto* bars = qobject_cast<QBarSeries*>(b->chart()->chart()->series().value(0));
        QVERIFY(bars);
        QCOMPARE(bars->barSets().first()->at(noirBar), double(noir));
    }

    void trainsEaseWithProgress() {
        auto* p = window_->modelsPanel();
        Tester t1(p->params(), kQtTest), t2(p->trained(), kQtTest);
        window_->tabs()->setCurrentIndex(MainWindow::ModelsTab);
        p->modelBox()->setCurrentText(QStringLiteral("ease"));
        QVERIFY(p->params()->setValue(QStringLiteral("lambda"), QStringLiteral("300")));
        QSignalSpy started(window_->jobs(), &JobQueue::jobStarted);
        QSignalSpy finished(p, &ModelsPanel::trainingFinished);
        QTest::mouseClick(p->trainButton(), Qt::LeftButton);
        QCOMPARE(started.count(), 1);
        auto* job = started.first().at(0).value<Job*>();
        QVERIFY(job);
        QSignalSpy progress(job, &Job::progressChanged);
        QVERIFY(p->progress()->isVisible());
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(progress.count() >= 1);
        QVERIFY(!p->progress()->isVisible());
        QCOMPARE(p->trained()->rowCount(), 1);
        const auto& rec = p->trained()->record(0);
        QCOMPARE(rec.name, std::string("ease"));
        QCOMPARE(rec.params.value("lambda", 0.0), 300.0);
        QVERIFY(rec.fitSeconds > 0);
        QVERIFY(rec.blobBytes > 1682LL * 1682 * 4 / 2);  // an item-item matrix of floats
        QCOMPARE(rec.datasetId, datasetId_);
    }

    void cancelsALongFit() {
        auto* p = window_->modelsPanel();
        p->modelBox()->setCurrentText(QStringLiteral("als"));
        QVERIFY(p->params()->setValue(QStringLiteral("iterations"), QStringLiteral("200")));
        QSignalSpy finished(p, &ModelsPanel::trainingFinished);
        p->trainButton()->click();
        QVERIFY(p->progress()->job());
        QSignalSpy progress(p->progress()->job(), &Job::progressChanged);
        QVERIFY(progress.wait(30000));
        p->progress()->cancelButton()->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(finished.first().at(1).toString().endsWith(QStringLiteral("cancelled")));
        QCOMPARE(p->trained()->rowCount(), 1);  // nothing saved
    }

    void runsAnEvaluationAndChartsIt() {
        auto* e = window_->evaluationPanel();
        Tester t1(e->results(), kQtTest);
        window_->tabs()->setCurrentIndex(MainWindow::EvaluationTab);
        e->modelsEdit()->setText(QStringLiteral("pop,ease:lambda=300"));
        e->ksEdit()->setText(QStringLiteral("5,10,20"));
        QSignalSpy finished(e, &EvaluationPanel::evaluationFinished);
        e->runButton()->click();
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        const auto& report = e->report();
        QCOMPARE(report.results.size(), size_t(2));
        QCOMPARE(report.protocol.users, int64_t(943));
        QCOMPARE(e->results()->rowCount(), 2);
        // ease beats pop on ml-100k by a wide margin (docs/evaluation.md).
        QVERIFY(report.results[1].metrics.at("recall@10") > report.results[0].metrics.at("recall@10") + 0.03);

        e->metricBox()->setCurrentText(QStringLiteral("ndcg@10"));
        auto* bars = qobject_cast<QBarSeries*>(e->barChart()->chart()->series().value(0));
        QVERIFY(bars);
        QCOMPARE(bars->barSets().size(), 1);
        QCOMPARE(bars->barSets().first()->count(), 2);
        for (int m = 0; m < 2; ++m)
            QCOMPARE(bars->barSets().first()->at(m), report.results[static_cast<size_t>(m)].metrics.at("ndcg@10"));
        // The table shows the same numbers.
        const int col = EvalResultsModel::FirstMetric + e->results()->metrics().indexOf(QStringLiteral("ndcg@10"));
        QCOMPARE(e->results()->index(1, col).data(EvalResultsModel::RawValueRole).toDouble(),
                 report.results[1].metrics.at("ndcg@10"));

        e->familyBox()->setCurrentText(QStringLiteral("recall"));
        const auto series = e->lineChart()->chart()->series();
        QCOMPARE(series.size(), 2);
        for (int m = 0; m < 2; ++m) {
            auto* line = qobject_cast<QLineSeries*>(series[m]);
            QVERIFY(line);
            QCOMPARE(line->name(), QString::fromStdString(report.results[static_cast<size_t>(m)].model));
            QCOMPARE(line->count(), 3);
            for (int i = 0; i < 3; ++i) {
                const int k = std::array{5, 10, 20}[static_cast<size_t>(i)];
                QCOMPARE(line->at(i).x(), double(k));
                QCOMPARE(line->at(i).y(),
                         report.results[static_cast<size_t>(m)].metrics.at("recall@" + std::to_string(k)));
            }
            // Recall can only grow with k.
            QVERIFY(line->at(0).y() <= line->at(1).y() && line->at(1).y() <= line->at(2).y());
        }
        // The protocol is shown beside the figures.
        bool protocolShown = false;
        for (auto* l : e->findChildren<QLabel*>())
            protocolShown |= l->text().contains(QStringLiteral("943 users evaluated")) &&
                             l->text().contains(QStringLiteral("all items, train items excluded"));
        QVERIFY(protocolShown);
    }

    void comparesTwoModels() {
        auto* c = window_->comparePanel();
        Tester t1(c->metrics(), kQtTest), t2(c->winTieLoss(), kQtTest);
        window_->tabs()->setCurrentIndex(MainWindow::CompareTab);
        c->selectModels(0, {QStringLiteral("pop"), QStringLiteral("ease")});
        const auto& report = window_->evaluationPanel()->report();
        // Rows are metrics; columns: metric, pop, ease, ease - pop.
        QCOMPARE(c->metrics()->columnCount(), 4);
        QCOMPARE(c->metrics()->rowCount(), 12);
        for (int r = 0; r < c->metrics()->rowCount(); ++r) {
            const std::string metric = c->metrics()->index(r, 0).data().toString().toStdString();
            const double pop = report.results[0].metrics.at(metric), ease = report.results[1].metrics.at(metric);
            QCOMPARE(c->metrics()->index(r, 1).data(CompareMetricsModel::RawValueRole).toDouble(), pop);
            QCOMPARE(c->metrics()->index(r, 3).data(CompareMetricsModel::RawValueRole).toDouble(), ease - pop);
        }
        QCOMPARE(c->winTieLoss()->rowCount(), 1);
        const auto& w = c->winTieLoss()->row(0);
        QCOMPARE(w.users(), int64_t(943));
        QVERIFY(w.wins > w.losses);  // ease ranks most users' held-out movie higher than pop
        // Counted directly from the saved ranks.
        const auto runs = window_->session()->evalRuns();
        const auto pop = window_->session()->userRanks(runs.back().id, "pop");
        const auto ease = window_->session()->userRanks(runs.back().id, "ease");
        QVERIFY(pop && ease);
        int64_t wins = 0;
        for (const auto& e : *ease)
            for (const auto& p : *pop)
                if (p.userIdx == e.userIdx && e.rank < p.rank) ++wins;
        QCOMPARE(w.wins, wins);
        auto* series = qobject_cast<QAbstractBarSeries*>(c->chart()->chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->barSets().first()->at(0), double(wins));
    }

    void testsAnLlmConnectionWithoutStoringTheKey() {
        rs::test::ScriptedLlmServer server;
        QVERIFY(server.start());
        server.setModels({"scripted-model", "other"});
        auto* s = window_->settingsPanel();
        s->presetBox()->setCurrentText(QStringLiteral("llamacpp"));
        s->addPreset();
        s->baseUrlEdit()->setText(QString::fromStdString(server.baseUrl()));
        s->modelEdit()->setText(QStringLiteral("scripted-model"));
        qputenv("RECSCOPE_GUI_TEST_KEY", "sk-secret-value-123");
        s->keyEnvEdit()->setText(QStringLiteral("RECSCOPE_GUI_TEST_KEY"));
        QSignalSpy tested(s, &SettingsPanel::connectionTested);
        s->testButton()->click();
        QVERIFY(tested.wait(30000));
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        QVERIFY(tested.first().at(1).toString().contains(QStringLiteral("2 models")));
        QCOMPARE(server.requestCount("/v1/models"), size_t(1));
        QCOMPARE(server.requests().front().header("authorization"), std::string("Bearer sk-secret-value-123"));
        s->roleBox(rs::llm::Role::Writer)->setCurrentIndex(1);
        s->save();
        settings_->raw().sync();
        QFile ini(settings_->raw().fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray text = ini.readAll();
        QVERIFY(text.contains("RECSCOPE_GUI_TEST_KEY"));
        QVERIFY(!text.contains("sk-secret-value-123"));
        const auto saved = settings_->profiles();
        QCOMPARE(saved.profiles.size(), size_t(1));
        QCOMPARE(saved.roles.at("writer"), saved.profiles.front().name);
    }

    void closingWithWorkRunningCancelsIt() {
        auto* p = window_->modelsPanel();
        // The layout is saved on close: hide the jobs dock so the restored state must differ
        // from a fresh window's.
        auto* jobsDock = window_->findChild<QDockWidget*>(QStringLiteral("jobsDock"));
        QVERIFY(jobsDock);
        jobsDock->hide();
        p->modelBox()->setCurrentText(QStringLiteral("als"));
        QVERIFY(p->params()->setValue(QStringLiteral("iterations"), QStringLiteral("500")));
        p->trainButton()->click();
        QVERIFY(window_->jobs()->isBusy());
        QSignalSpy progress(p->progress()->job(), &Job::progressChanged);
        QVERIFY(progress.wait(30000));
        QElapsedTimer t;
        t.start();
        QVERIFY(window_->close());
        // The worker returned (cancelled) before close() did; its finished signal is queued.
        QVERIFY(window_->jobs()->running().isEmpty() || window_->jobs()->running().first()->isCancelled());
        QVERIFY(t.elapsed() < 10000);  // 500 ALS iterations take about a minute
        // A new window restores the layout and lists the project as recent.
        MainWindow again(settings_.get());
        QVERIFY(again.findChild<QDockWidget*>(QStringLiteral("jobsDock"))->isHidden());
        QVERIFY(!again.findChild<QDockWidget*>(QStringLiteral("projectDock"))->isHidden());
        QVERIFY(settings_->recentProjects().first().endsWith(QStringLiteral("ml-100k.rsproj")));
    }
};

QTEST_MAIN(PanelsTest)
#include "test_panels.moc"
