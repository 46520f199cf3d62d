#pragma once
// Helpers for the offscreen GUI tests (QtTest): where the data is, a fresh project with a dataset
// imported through the facade, and waiting for a future without blocking its continuations.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFuture>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace rs::widgets {
class MainWindow;
}

namespace rs::guitest {

// RECSCOPE_DATA_DIR (else the build's default) / sub; empty when it is missing, and the caller
// fails: a test whose data is missing fails, it never skips.
QString dataPath(const QString& sub);
QString fixturePath(const QString& name);

// Runs the event loop until the future is finished (its .then(context) continuations need the
// GUI thread's loop) or ms pass. Returns whether it finished.
template <class T>
bool waitFor(const QFuture<T>& future, int ms = 120000) {
    QElapsedTimer t;
    t.start();
    while (!future.isFinished() && t.elapsed() < ms) QTest::qWait(5);
    // Let the continuation that was queued when the future finished run too.
    QCoreApplication::processEvents();
    return future.isFinished();
}

// Creates dir/name.rsproj, opens it in the window and imports path into it under datasetName
// (through ImportService, not the wizard). Returns the dataset id, or 0 on failure (with a
// QtTest failure message recorded).
qint64 makeProject(widgets::MainWindow& window, const QTemporaryDir& dir, const QString& path,
                   const QString& datasetName, const QString& format = {});

}  // namespace rs::guitest
