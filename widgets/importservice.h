#pragma once
// ImportService: the import wizard's facade over core/data importers and the project store.
//   detectFormat  which importer claims a folder or file (cheap: names and a header line)
//   preview       the first rows of the file that will be read, split into columns, with the
//                 column names of a generic (csv/tsv/jsonl) file for the mapping page
//   import        importData + ProjectStore::saveDataset on a worker, with progress and Cancel
// Errors keep core's "<file>:<line>: field '<name>': <what>" form so the wizard can show them.
// Threading: GUI thread; import() runs its work on the JobQueue.
#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "data/importer.h"
#include "util/status.h"

namespace rs::widgets {

class Job;
class ProjectSession;

struct PreviewTable {
    QString file;                   // the file shown (inside a folder: the one the importer reads)
    bool hasHeader = false;         // generic formats: first row named the columns
    QStringList columns;            // header names, or "1", "2", … without a header
    std::vector<QStringList> rows;  // at most the requested number of rows
    QString error;                  // unreadable file, bad JSON line (names file and line)
};

struct ImportOutcome {
    int64_t datasetId = 0;
    QString name;
    data::ImportReport report;
    int32_t users = 0, items = 0, catalogRows = 0;
    int64_t interactions = 0;
};

class ImportService final : public QObject {
    Q_OBJECT
public:
    explicit ImportService(ProjectSession* session, QObject* parent = nullptr);

    // The importer name, or empty when nothing claims the path.
    static QString detectFormat(const QString& path);
    static bool isGenericFormat(const QString& format);  // csv, tsv, jsonl: needs a mapping
    static QStringList formats();                        // every registered importer
    static PreviewTable preview(const QString& path, const QString& format, int maxRows = 50);
    // The dataset name the CLI would use: the folder name or the file stem.
    static QString defaultName(const QString& path);

    // Imports into the open project under name (replace: overwrite a dataset of that name).
    QFuture<util::Result<ImportOutcome>> import(const data::ImportOptions& options, const QString& name, bool replace,
                                                Job** job = nullptr);

private:
    ProjectSession* session_;
};

}  // namespace rs::widgets
