// The import wizard, offscreen: ml-100k detected and imported into a project; a generic CSV mapped
// column by column; a malformed file reported with file, line and field; Cancel leaves the
// project unchanged.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <algorithm>

#include "appsettings.h"
#include "emptystatepage.h"
#include "guitestutil.h"
#include "importwizard.h"
#include "mainwindow.h"
#include "previewmodel.h"
#include "progressstrip.h"
#include "projectsession.h"

using namespace rs::widgets;
using rs::guitest::dataPath;
using rs::guitest::fixturePath;

class ImportWizardTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<MainWindow> window_;

    // Source page -> preview page -> run page; returns the run page's result.
    bool runWizard(ImportWizard* w, bool expectOk, QString* message) {
        QSignalSpy finished(w->runPage(), &ImportRunPage::importFinished);
        w->next();
        if (w->currentPage() != w->previewPage()) {
            qWarning("still on page %d", w->currentId());
            return false;
        }
        w->next();
        if (w->currentPage() != w->runPage()) {
            qWarning("preview page incomplete: %s", qPrintable(w->previewPage()->mappingProblem()));
            return false;
        }
        // A tiny import may finish before next() returns: its result is then delivered at once.
        if (finished.isEmpty() && !finished.wait(60000)) {
            qWarning("import did not finish (%d signals, running %d)", int(finished.count()),
                     int(w->runPage()->isRunning()));
            return false;
        }
        *message = finished.first().at(1).toString();
        return finished.first().at(0).toBool() == expectOk;
    }

private slots:
    void init() {
        QVERIFY(dir_.isValid());
        settings_ = std::make_unique<AppSettings>(dir_.filePath(QStringLiteral("settings.ini")));
        window_ = std::make_unique<MainWindow>(settings_.get());
        window_->setConfirmClose(false);
        window_->show();
    }
    void cleanup() { window_.reset(); }

    void importsMovieLens100kThroughTheWizard() {
        const QString ml = dataPath(QStringLiteral("ml-100k"));
        QVERIFY(!ml.isEmpty());
        QVERIFY(window_->createProjectFile(dir_.filePath(QStringLiteral("ml.rsproj")), nullptr, true));
        ImportWizard* w = window_->startImport(ml);
        QVERIFY(w);
        w->confirmCancel = false;
        QCOMPARE(w->sourcePage()->format(), QStringLiteral("movielens-100k"));
        QCOMPARE(w->sourcePage()->datasetName(), QStringLiteral("ml-100k"));
        QVERIFY(w->sourcePage()->isComplete());
        w->next();
        QAbstractItemModelTester tester(w->previewPage()->preview(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // u.data: user, item, rating, timestamp — tab-separated, no header.
        QCOMPARE(w->previewPage()->preview()->columnCount(), 4);
        QCOMPARE(w->previewPage()->preview()->rowCount(), 50);
        QVERIFY(!w->previewPage()->needsMapping());
        w->back();
        QString message;
        QVERIFY(runWizard(w, true, &message));
        QVERIFY2(message.contains(QStringLiteral("943 users")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("1682 items")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("100000 interactions")), qPrintable(message));
        const auto datasets = window_->session()->datasets();
        QCOMPARE(datasets.size(), size_t(1));
        QCOMPARE(datasets.front().numInteractions, int64_t(100000));
        QCOMPARE(datasets.front().catalogRows, int64_t(1682));
        QVERIFY(w->runPage()->outcome().has_value());
    }

    void mapsGenericCsvColumns() {
        const QString csv = fixturePath(QStringLiteral("store-csv/items.csv"));
        QVERIFY(window_->createProjectFile(dir_.filePath(QStringLiteral("csv.rsproj")), nullptr, true));
        ImportWizard* w = window_->startImport(csv);
        w->confirmCancel = false;
        QCOMPARE(w->sourcePage()->format(), QStringLiteral("csv"));
        w->next();
        auto* page = w->previewPage();
        QVERIFY(page->needsMapping());
        QCOMPARE(page->preview()->table().columns, QStringList({"id", "name", "price", "released", "tags"}));
        // Guesses: id -> item id, name -> title; fix the types the user would fix.
        QVERIFY(page->setColumnRole(QStringLiteral("id"), ImportPreviewPage::ItemId));
        QVERIFY(page->setColumnRole(QStringLiteral("name"), ImportPreviewPage::Title));
        QVERIFY(page->setColumnRole(QStringLiteral("price"), ImportPreviewPage::Attribute, rs::data::ColumnType::Real));
        QVERIFY(
            page->setColumnRole(QStringLiteral("released"), ImportPreviewPage::Attribute, rs::data::ColumnType::Date));
        QVERIFY(
            page->setColumnRole(QStringLiteral("tags"), ImportPreviewPage::Attribute, rs::data::ColumnType::TagList));
        QVERIFY(!page->setColumnRole(QStringLiteral("nope"), ImportPreviewPage::Title));
        const auto mapping = page->mapping();
        QVERIFY(mapping && mapping->items && !mapping->interactions);
        QCOMPARE(mapping->itemId, std::string("id"));
        QCOMPARE(mapping->title, std::string("name"));
        QCOMPARE(mapping->attributes.size(), size_t(3));
        // A user column without an item column is not a usable mapping.
        QVERIFY(page->setColumnRole(QStringLiteral("price"), ImportPreviewPage::User));
        QVERIFY(!page->isComplete());
        QVERIFY(page->setColumnRole(QStringLiteral("price"), ImportPreviewPage::Attribute, rs::data::ColumnType::Real));
        QVERIFY(page->isComplete());
        // The store-csv fixture has a bad price ("Free to Play" is not a real): skip bad lines.
        w->back();
        w->sourcePage()->findChildren<QCheckBox*>().last()->setChecked(true);
        QVERIFY(w->sourcePage()->skipBadLines());
        QString message;
        QVERIFY2(runWizard(w, true, &message), qPrintable(message));
        const auto datasets = window_->session()->datasets();
        QCOMPARE(datasets.size(), size_t(1));
        QVERIFY(datasets.front().catalogRows >= 2);
        QVERIFY(!datasets.front().hasInteractions);
    }

    void reportsFileLineAndField() {
        const QString bad = fixturePath(QStringLiteral("store-bad"));
        QVERIFY(window_->createProjectFile(dir_.filePath(QStringLiteral("bad.rsproj")), nullptr, true));
        ImportWizard* w = window_->startImport(bad);
        w->confirmCancel = false;
        QCOMPARE(w->sourcePage()->format(), QStringLiteral("movielens-100k"));
        QString message;
        QVERIFY(runWizard(w, false, &message));
        // u.data line 3 has "abc" as its timestamp.
        QVERIFY2(message.contains(QStringLiteral("u.data:3")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("timestamp")), qPrintable(message));
        QVERIFY(w->runPage()->log()->toPlainText().contains(QStringLiteral("u.data:3")));
        QVERIFY(!w->runPage()->isComplete());
        QVERIFY(window_->session()->datasets().empty());
    }

    void cancelLeavesTheProjectUnchanged() {
        const QString ml = dataPath(QStringLiteral("ml-100k"));
        QVERIFY(!ml.isEmpty());
        QVERIFY(window_->createProjectFile(dir_.filePath(QStringLiteral("cancel.rsproj")), nullptr, true));
        ImportWizard* w = window_->startImport(ml);
        w->confirmCancel = false;
        QSignalSpy finished(w->runPage(), &ImportRunPage::importFinished);
        w->next();
        w->next();
        QVERIFY(w->runPage()->isRunning());
        w->runPage()->progress()->cancelButton()->click();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("cancelled"));
        QVERIFY(window_->session()->datasets().empty());
    }

    void mainWindowIsTranslatedToGerman() {
        // The .qm built from translations/recscope_de.ts is embedded under :/i18n.
        QTranslator german;
        QVERIFY(german.load(QLocale(QLocale::German), QStringLiteral("recscope"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&german));
        MainWindow w(settings_.get());
        QCoreApplication::removeTranslator(&german);
        QCOMPARE(w.tabs()->tabText(MainWindow::DatasetTab), QStringLiteral("Datensatz"));
        QCOMPARE(w.tabs()->tabText(MainWindow::SettingsTab), QStringLiteral("Einstellungen"));
        const auto buttons = w.emptyState()->findChildren<QPushButton*>();
        QVERIFY(std::any_of(buttons.begin(), buttons.end(),
                            [](auto* b) { return b->text() == QStringLiteral("Datensatzordner öffnen…"); }));
    }
};

QTEST_MAIN(ImportWizardTest)
#include "test_importwizard.moc"
