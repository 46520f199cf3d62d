// recscope: the desktop workbench.
//   recscope [--open PROJECT] [--import DIR]      open a project / start the import wizard on DIR
//   recscope --self-test                          run every panel on a temporary project, exit 0/1
//   recscope --open P --quit-after-ready          print start-up time, quit (bench/gui_startup.sh)
//   recscope --open P --screenshots DIR [--screenshot-prefix X] [--screenshot-import PATH]
//            [--screenshot-chat MESSAGE]...     chat these with the built-in planner, shoot chat and trace
//   --settings FILE                               use this INI file instead of the user's settings
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <memory>

#include "appsettings.h"
#include "importwizard.h"
#include "mainwindow.h"
#include "selftest.h"

#ifndef RECSCOPE_FIXTURES_DIR
#define RECSCOPE_FIXTURES_DIR ""
#endif

namespace {
// The UI language: the setting when there is one, else the system's. English needs no file.
void installTranslator(QApplication& app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("recscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(translator);
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
}
}  // namespace

int main(int argc, char** argv) {
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RecScope"));
    QApplication::setOrganizationName(QStringLiteral("RecScope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RecScope workbench"));
    parser.addHelpOption();
    const QCommandLineOption open(QStringLiteral("open"), QStringLiteral("Open a project file."),
                                  QStringLiteral("PROJECT"));
    const QCommandLineOption import(QStringLiteral("import"),
                                    QStringLiteral("Start the import wizard on a folder or file."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QStringLiteral("Run every panel on a temporary project."));
    const QCommandLineOption quitReady(QStringLiteral("quit-after-ready"),
                                       QStringLiteral("Print the start-up time once the window is usable, then quit."));
    const QCommandLineOption shots(QStringLiteral("screenshots"), QStringLiteral("Save a PNG of each panel into DIR."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption shotPrefix(QStringLiteral("screenshot-prefix"), QStringLiteral("File name prefix."),
                                        QStringLiteral("PREFIX"));
    const QCommandLineOption shotImport(QStringLiteral("screenshot-import"),
                                        QStringLiteral("Dataset shown in the import wizard screenshot."),
                                        QStringLiteral("PATH"));
    const QCommandLineOption shotChat(QStringLiteral("screenshot-chat"),
                                      QStringLiteral("A chat message for the chat and trace screenshots (repeatable)."),
                                      QStringLiteral("MESSAGE"));
    const QCommandLineOption settingsFile(QStringLiteral("settings"), QStringLiteral("Settings INI file to use."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption fixtures(QStringLiteral("fixtures"), QStringLiteral("Fixture folder for --self-test."),
                                      QStringLiteral("DIR"));
    parser.addOptions(
        {open, import, selfTest, quitReady, shots, shotPrefix, shotImport, shotChat, settingsFile, fixtures});
    parser.process(app);

    // The self-test never reads or writes the user's settings.
    std::unique_ptr<rs::widgets::AppSettings> settings;
    if (parser.isSet(settingsFile))
        settings = std::make_unique<rs::widgets::AppSettings>(parser.value(settingsFile));
    else if (parser.isSet(selfTest))
        settings = std::make_unique<rs::widgets::AppSettings>(
            QDir::temp().filePath(QStringLiteral("recscope-selftest-%1.ini").arg(QCoreApplication::applicationPid())));
    else
        settings = std::make_unique<rs::widgets::AppSettings>();
    installTranslator(app, settings->language());

    rs::widgets::MainWindow window(settings.get());
    window.show();

    if (parser.isSet(selfTest)) {
        QString dir = qEnvironmentVariable("RECSCOPE_FIXTURES_DIR", QStringLiteral(RECSCOPE_FIXTURES_DIR));
        if (parser.isSet(fixtures)) dir = parser.value(fixtures);
        auto* test = new rs::widgets::SelfTest(&window, dir + QStringLiteral("/ml100k-mini"), &app);
        QObject::connect(test, &rs::widgets::SelfTest::finished, &app, [&app](int code) { app.exit(code); });
        QTimer::singleShot(0, test, &rs::widgets::SelfTest::start);
        const int code = app.exec();
        QFile::remove(settings->raw().fileName());
        return code;
    }

    if (parser.isSet(quitReady) || parser.isSet(shots)) {
        window.setConfirmClose(false);
        QObject::connect(&window, &rs::widgets::MainWindow::ready, &app, [&] {
            if (parser.isSet(quitReady)) {
                std::printf("ready_ms %.1f\n", static_cast<double>(clock.nsecsElapsed()) / 1e6);
                std::fflush(stdout);
                QTimer::singleShot(0, &app, [&app] { app.exit(0); });
                return;
            }
            auto* tour = new rs::widgets::ScreenshotTour(&window, parser.value(shots), parser.value(shotPrefix),
                                                         parser.value(shotImport), &app);
            tour->setChatMessages(parser.values(shotChat));
            QObject::connect(tour, &rs::widgets::ScreenshotTour::finished, &app, [&app](int code) { app.exit(code); });
            tour->start();
        });
    }
    if (parser.isSet(open)) {
        QString error;
        if (!window.openProjectFile(parser.value(open), &error, parser.isSet(quitReady) || parser.isSet(shots))) {
            std::fprintf(stderr, "recscope: %s\n", qPrintable(error));
            if (parser.isSet(quitReady) || parser.isSet(shots)) return 1;
        }
    }
    if (parser.isSet(import)) window.startImport(parser.value(import));
    return app.exec();
}
