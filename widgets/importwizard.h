#pragma once
// ImportWizard: bring a dataset into the open project.
//   1 Source   a folder or file; the format is detected (or chosen); the dataset's name
//   2 Preview  the first rows of the file the importer reads; for csv/tsv/jsonl a column mapping
//              (item id, title, user, item, rating, time, typed attributes) -> data::ColumnMapping
//   3 Import   runs in the background with progress and Cancel; errors keep file, line and field;
//              skipped lines and warnings are listed
// Closing the wizard while the import runs cancels it (the project is left as it was).
#include <QWizard>
#include <optional>

#include "data/importer.h"
#include "importservice.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace rs::widgets {

class PreviewModel;
class ProgressStrip;

class ImportSourcePage final : public QWizardPage {
    Q_OBJECT
public:
    explicit ImportSourcePage(QWidget* parent = nullptr);
    bool isComplete() const override;

    QString path() const;
    QString format() const;  // chosen, else detected
    QString datasetName() const;
    bool replaceExisting() const;
    bool skipBadLines() const;
    void setPath(const QString& path);
    QLabel* detectedLabel() const { return detected_; }

private:
    void onPathChanged();
    QLineEdit* path_;
    QLabel* detected_;
    QComboBox* format_;
    QLineEdit* name_;
    QCheckBox* replace_;
    QCheckBox* skipBad_;
    QString detectedFormat_;
};

class ImportPreviewPage final : public QWizardPage {
    Q_OBJECT
public:
    enum Role { Ignore = 0, ItemId, Title, User, Item, Rating, Time, Attribute };
    explicit ImportPreviewPage(QWidget* parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;

    PreviewModel* preview() const { return preview_; }
    QTableWidget* mappingTable() const { return mapping_; }
    bool needsMapping() const { return generic_; }
    // Role (and attribute type) of a named column; false when the column is unknown.
    bool setColumnRole(const QString& column, Role role, data::ColumnType type = data::ColumnType::Text);
    std::optional<data::ColumnMapping> mapping() const;
    QString mappingProblem() const;  // why the mapping is not usable yet, or empty

private:
    PreviewModel* preview_;
    QLabel* file_;
    QLabel* problem_;
    QTableWidget* mapping_;
    QLineEdit* tagSeparator_;
    bool generic_ = false;
};

class ImportRunPage final : public QWizardPage {
    Q_OBJECT
public:
    ImportRunPage(ImportService* service, QWidget* parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override { return done_; }

    bool isRunning() const;
    void cancel();
    ProgressStrip* progress() const { return progress_; }
    QPlainTextEdit* log() const { return log_; }
    const std::optional<ImportOutcome>& outcome() const { return outcome_; }

signals:
    void importFinished(bool ok, const QString& message);

private:
    ImportService* service_;
    ProgressStrip* progress_;
    QLabel* summary_;
    QPlainTextEdit* log_;
    bool done_ = false;
    int attempt_ = 0;  // results of an attempt abandoned with Back are ignored
    std::optional<ImportOutcome> outcome_;
};

class ImportWizard final : public QWizard {
    Q_OBJECT
public:
    ImportWizard(ImportService* service, QWidget* parent = nullptr);

    ImportSourcePage* sourcePage() const { return source_; }
    ImportPreviewPage* previewPage() const { return preview_; }
    ImportRunPage* runPage() const { return run_; }

    // Cancel while importing asks first (unless confirm is false) and cancels the import.
    void reject() override;
    bool confirmCancel = true;

private:
    ImportSourcePage* source_;
    ImportPreviewPage* preview_;
    ImportRunPage* run_;
};

}  // namespace rs::widgets
