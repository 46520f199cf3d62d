// recscope: the desktop workbench.
#include <QApplication>
#include <QTimer>

#include "mainwindow.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RecScope"));
    QApplication::setOrganizationName(QStringLiteral("RecScope"));
    rs::widgets::MainWindow window;
    window.show();
    // --self-test opens the window, lets the event loop run once and exits 0.
    if (QApplication::arguments().contains(QStringLiteral("--self-test"))) {
        QTimer::singleShot(0, &app, [&] { app.exit(window.isVisible() ? 0 : 1); });
    }
    return app.exec();
}
