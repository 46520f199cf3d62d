#include "guitestutil.h"

#include <QDir>
#include <QFileInfo>

#include "importservice.h"
#include "mainwindow.h"

namespace rs::guitest {

QString dataPath(const QString& sub) {
    const QString root = qEnvironmentVariable("RECSCOPE_DATA_DIR", QStringLiteral(RECSCOPE_DEFAULT_DATA_DIR));
    const QString path = QDir(root).filePath(sub);
    if (!QFileInfo::exists(path)) {
        qWarning("missing test data %s (set RECSCOPE_DATA_DIR)", qPrintable(path));
        return {};
    }
    return path;
}

QString fixturePath(const QString& name) {
    return QDir(QStringLiteral(RECSCOPE_FIXTURES_DIR)).filePath(name);
}

qint64 makeProject(widgets::MainWindow& window, const QTemporaryDir& dir, const QString& path,
                   const QString& datasetName, const QString& format) {
    QString error;
    if (!window.createProjectFile(dir.filePath(datasetName + QStringLiteral(".rsproj")), &error, true)) {
        qWarning("%s", qPrintable(error));
        return 0;
    }
    data::ImportOptions options;
    options.path = path.toStdString();
    options.format = format.toStdString();
    auto future = window.importService()->import(options, datasetName, false);
    if (!waitFor(future)) return 0;
    const auto r = future.result();
    if (!r) {
        qWarning("import failed: %s", r.message().c_str());
        return 0;
    }
    return r->datasetId;
}

}  // namespace rs::guitest
