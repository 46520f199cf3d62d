#include "importservice.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <nlohmann/json.hpp>

#include "job.h"
#include "projectsession.h"
#include "util/csv.h"

namespace rs::widgets {

namespace {
constexpr qint64 kPreviewBytes = 256 * 1024;

// Inside a folder, the file a person would look at first: the interactions file of the known
// layouts, else the largest file.
QString fileToPreview(const QString& path) {
    const QFileInfo info(path);
    if (!info.isDir()) return path;
    const QDir dir(path);
    for (const char* known : {"u.data", "ratings.dat", "ratings.csv"})
        if (dir.exists(QLatin1String(known))) return dir.filePath(QLatin1String(known));
    const auto inter = dir.entryInfoList({QStringLiteral("*.inter")}, QDir::Files);
    if (!inter.isEmpty()) return inter.first().absoluteFilePath();
    const auto files = dir.entryInfoList(QDir::Files, QDir::Size);
    return files.isEmpty() ? QString() : files.first().absoluteFilePath();
}

void previewJsonl(const QByteArray& bytes, int maxRows, PreviewTable& t) {
    std::vector<nlohmann::json> objects;
    int line = 0;
    for (const QByteArray& raw : bytes.split('\n')) {
        ++line;
        if (raw.trimmed().isEmpty()) continue;
        if (static_cast<int>(objects.size()) >= maxRows) break;
        auto j = nlohmann::json::parse(raw.constData(), raw.constData() + raw.size(), nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            // The last line of the preview window may be cut off; only earlier ones are errors.
            if (raw.size() + 1 >= bytes.size() - bytes.lastIndexOf('\n')) break;
            t.error = QObject::tr("%1:%2: not a JSON object").arg(QFileInfo(t.file).fileName()).arg(line);
            break;
        }
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!t.columns.contains(QString::fromStdString(it.key()))) t.columns << QString::fromStdString(it.key());
        objects.push_back(std::move(j));
    }
    t.hasHeader = true;
    for (const auto& o : objects) {
        QStringList row;
        for (const QString& c : t.columns) {
            const auto it = o.find(c.toStdString());
            if (it == o.end() || it->is_null())
                row << QString();
            else if (it->is_string())
                row << QString::fromStdString(it->get<std::string>());
            else
                row << QString::fromStdString(it->dump());
        }
        t.rows.push_back(row);
    }
}

// Separator of a delimited file: by format name, else by what the first line holds.
std::pair<std::string, bool> separatorFor(const QString& format, const QByteArray& firstLine) {
    if (format == QLatin1String("csv") || format == QLatin1String("movielens-csv")) return {",", true};
    if (format == QLatin1String("tsv") || format == QLatin1String("recbole")) return {"\t", false};
    if (firstLine.contains("::")) return {"::", false};
    if (firstLine.contains('\t')) return {"\t", false};
    if (firstLine.contains('|')) return {"|", false};
    return {",", true};
}
}  // namespace

ImportService::ImportService(ProjectSession* session, QObject* parent) : QObject(parent), session_(session) {}

QString ImportService::detectFormat(const QString& path) {
    const std::filesystem::path p = path.toStdString();
    std::error_code ec;
    if (path.isEmpty() || !std::filesystem::exists(p, ec)) return {};
    for (const auto& [name, factory] : data::importerRegistry())
        if (factory()->detect(p)) return QString::fromStdString(name);
    return {};
}

bool ImportService::isGenericFormat(const QString& format) {
    return format == QLatin1String("csv") || format == QLatin1String("tsv") || format == QLatin1String("jsonl");
}

QStringList ImportService::formats() {
    QStringList out;
    for (const auto& n : data::importerNames()) out << QString::fromStdString(n);
    return out;
}

QString ImportService::defaultName(const QString& path) {
    const QFileInfo info(path);
    return info.isDir() ? QDir(path).dirName() : info.completeBaseName();
}

PreviewTable ImportService::preview(const QString& path, const QString& format, int maxRows) {
    PreviewTable t;
    t.file = fileToPreview(path);
    QFile f(t.file);
    if (t.file.isEmpty() || !f.open(QIODevice::ReadOnly)) {
        t.error = tr("%1: cannot read the file").arg(t.file.isEmpty() ? path : t.file);
        return t;
    }
    const QByteArray bytes = f.read(kPreviewBytes);
    if (format == QLatin1String("jsonl") || t.file.endsWith(QLatin1String(".jsonl"))) {
        previewJsonl(bytes, maxRows, t);
        return t;
    }
    const auto [sep, quoting] = separatorFor(format, bytes.left(bytes.indexOf('\n')));
    t.hasHeader =
        isGenericFormat(format) || format == QLatin1String("movielens-csv") || format == QLatin1String("recbole");
    // Drop the last, possibly cut, line of the window unless the whole file fit.
    const QByteArray window = f.atEnd() ? bytes : bytes.left(bytes.lastIndexOf('\n') + 1);
    util::DelimitedReader reader(std::string_view(window.constData(), static_cast<size_t>(window.size())), sep,
                                 quoting);
    bool first = true;
    while (static_cast<int>(t.rows.size()) < maxRows && reader.next()) {
        QStringList row;
        for (const auto& field : reader.fields()) row << QString::fromUtf8(field.data(), qsizetype(field.size()));
        if (first && t.hasHeader) {
            t.columns = row;
        } else {
            t.rows.push_back(row);
        }
        first = false;
    }
    if (!reader.error().empty())
        t.error = QStringLiteral("%1:%2: %3")
                      .arg(QFileInfo(t.file).fileName())
                      .arg(reader.line())
                      .arg(QString::fromStdString(reader.error()));
    if (!t.hasHeader) {
        qsizetype width = 0;
        for (const auto& r : t.rows) width = std::max(width, r.size());
        for (qsizetype c = 0; c < width; ++c) t.columns << QString::number(c + 1);
    }
    return t;
}

QFuture<util::Result<ImportOutcome>> ImportService::import(const data::ImportOptions& options, const QString& name,
                                                           bool replace, Job** job) {
    const QString project = session_->path();
    const std::string datasetName = name.toStdString();
    auto future = session_->jobs()->run<util::Result<ImportOutcome>>(
        tr("Importing %1").arg(name),
        [options, project, datasetName, replace](const util::Task& task) -> util::Result<ImportOutcome> {
            if (project.isEmpty()) return util::Error{"no project is open"};
            // Reading the files is most of the time; writing the SQL tables the rest.
            util::Task readTask{task.cancel, [&task](double f, std::string_view s) { task.report(0.7 * f, s); }};
            auto imported = data::importData(options, readTask);
            if (!imported) return imported.status();
            auto store = ProjectSession::openStore(project);
            if (!store) return store.status();
            util::Task saveTask{task.cancel, [&task](double f, std::string_view s) { task.report(0.7 + 0.3 * f, s); }};
            store::SaveOptions so;
            so.replace = replace;
            auto id = store->saveDataset(datasetName, *imported, so, saveTask);
            if (!id) return id.status();
            ImportOutcome out;
            out.datasetId = *id;
            out.name = QString::fromStdString(datasetName);
            out.report = imported->report;
            if (imported->dataset) {
                out.users = imported->dataset->numUsers();
                out.items = imported->dataset->numItems();
                out.interactions = imported->dataset->numInteractions();
            }
            if (imported->catalog) out.catalogRows = static_cast<int32_t>(imported->catalog->size());
            return out;
        },
        job);
    return future.then(this, [this](util::Result<ImportOutcome> r) {
        if (r) session_->notifyContentsChanged();
        return r;
    });
}

}  // namespace rs::widgets
