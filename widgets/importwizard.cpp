#include "importwizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "job.h"
#include "previewmodel.h"
#include "progressstrip.h"

namespace rs::widgets {

namespace {
// QWizardPage::wizard() is protected; the wizard is the page's window (a dialog).
ImportWizard* owner(const QWizardPage* page) {
    return qobject_cast<ImportWizard*>(page->window());
}

const data::ColumnType kTypes[] = {data::ColumnType::Text, data::ColumnType::Integer, data::ColumnType::Real,
                                   data::ColumnType::Date, data::ColumnType::TagList};

// A first guess from the column's name and its preview values; the user corrects it.
ImportPreviewPage::Role guessRole(const QString& column) {
    const QString c = column.toLower();
    if (c.contains(QLatin1String("user"))) return ImportPreviewPage::User;
    if (c == QLatin1String("item") || c == QLatin1String("item_id") || c == QLatin1String("itemid") ||
        c.startsWith(QLatin1String("movie")) || c.startsWith(QLatin1String("product")))
        return ImportPreviewPage::Item;
    if (c.contains(QLatin1String("rating")) || c == QLatin1String("score") || c == QLatin1String("recommend"))
        return ImportPreviewPage::Rating;
    if (c == QLatin1String("time") || c == QLatin1String("timestamp") || c == QLatin1String("date"))
        return ImportPreviewPage::Time;
    if (c == QLatin1String("title") || c == QLatin1String("name") || c == QLatin1String("app_name"))
        return ImportPreviewPage::Title;
    if (c == QLatin1String("id")) return ImportPreviewPage::ItemId;
    return ImportPreviewPage::Attribute;
}

data::ColumnType guessType(const PreviewTable& t, int column) {
    static const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}(-\\d{2})?$"));
    bool allInt = true, allNum = true, allDate = true, anyValue = false, tags = false;
    for (const auto& row : t.rows) {
        if (column >= row.size() || row[column].isEmpty()) continue;
        const QString& v = row[column];
        anyValue = true;
        bool ok = false;
        v.toDouble(&ok);
        allNum &= ok;
        allInt &= integer.match(v).hasMatch();
        allDate &= date.match(v).hasMatch();
        tags |= v.startsWith(QLatin1Char('[')) || v.contains(QLatin1Char('|'));
    }
    if (!anyValue) return data::ColumnType::Text;
    if (tags) return data::ColumnType::TagList;
    if (allInt) return data::ColumnType::Integer;
    if (allNum) return data::ColumnType::Real;
    if (allDate) return data::ColumnType::Date;
    return data::ColumnType::Text;
}
}  // namespace

// ---- Source ----

ImportSourcePage::ImportSourcePage(QWidget* parent) : QWizardPage(parent) {
    setTitle(tr("Choose the data"));
    setSubTitle(tr("A dataset folder (MovieLens, RecBole) or a file (item sequences, CSV, TSV, JSONL)."));
    auto* form = new QFormLayout(this);
    auto* row = new QHBoxLayout;
    path_ = new QLineEdit(this);
    path_->setObjectName(QStringLiteral("pathEdit"));
    auto* folder = new QPushButton(tr("Folder…"), this);
    auto* file = new QPushButton(tr("File…"), this);
    row->addWidget(path_, 1);
    row->addWidget(folder);
    row->addWidget(file);
    form->addRow(tr("Path:"), row);
    detected_ = new QLabel(this);
    form->addRow(tr("Detected:"), detected_);
    format_ = new QComboBox(this);
    format_->addItem(tr("Detect automatically"), QString());
    for (const QString& f : ImportService::formats()) format_->addItem(f, f);
    form->addRow(tr("Format:"), format_);
    name_ = new QLineEdit(this);
    name_->setObjectName(QStringLiteral("nameEdit"));
    form->addRow(tr("Dataset name:"), name_);
    replace_ = new QCheckBox(tr("Replace a dataset of the same name"), this);
    skipBad_ = new QCheckBox(tr("Skip malformed lines (they are counted and listed)"), this);
    form->addRow(replace_);
    form->addRow(skipBad_);
    connect(path_, &QLineEdit::textChanged, this, &ImportSourcePage::onPathChanged);
    connect(format_, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
    connect(name_, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset folder"), path_->text());
        if (!dir.isEmpty()) setPath(dir);
    });
    connect(file, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Dataset file"), path_->text(),
                                         tr("Data files (*.csv *.tsv *.jsonl *.json *.txt *.inter);;All files (*)"));
        if (!f.isEmpty()) setPath(f);
    });
}

void ImportSourcePage::setPath(const QString& path) {
    path_->setText(path);
}
QString ImportSourcePage::path() const {
    return path_->text().trimmed();
}
QString ImportSourcePage::datasetName() const {
    return name_->text().trimmed();
}
bool ImportSourcePage::replaceExisting() const {
    return replace_->isChecked();
}
bool ImportSourcePage::skipBadLines() const {
    return skipBad_->isChecked();
}

QString ImportSourcePage::format() const {
    const QString chosen = format_->currentData().toString();
    return chosen.isEmpty() ? detectedFormat_ : chosen;
}

void ImportSourcePage::onPathChanged() {
    detectedFormat_ = ImportService::detectFormat(path());
    if (!QFileInfo::exists(path()))
        detected_->setText(path().isEmpty() ? QString() : tr("No such file or folder."));
    else if (detectedFormat_.isEmpty())
        detected_->setText(tr("Unknown format: choose one below."));
    else
        detected_->setText(detectedFormat_);
    if (QFileInfo::exists(path())) name_->setText(ImportService::defaultName(path()));
    emit completeChanged();
}

bool ImportSourcePage::isComplete() const {
    return QFileInfo::exists(path()) && !format().isEmpty() && !datasetName().isEmpty();
}

// ---- Preview and mapping ----

ImportPreviewPage::ImportPreviewPage(QWidget* parent) : QWizardPage(parent) {
    setTitle(tr("Preview"));
    auto* layout = new QVBoxLayout(this);
    file_ = new QLabel(this);
    layout->addWidget(file_);
    preview_ = new PreviewModel(this);
    auto* view = new QTableView(this);
    view->setObjectName(QStringLiteral("previewView"));
    view->setModel(preview_);
    layout->addWidget(view, 2);
    mapping_ = new QTableWidget(0, 3, this);
    mapping_->setObjectName(QStringLiteral("mappingTable"));
    mapping_->setHorizontalHeaderLabels({tr("Column"), tr("Meaning"), tr("Type")});
    mapping_->horizontalHeader()->setStretchLastSection(true);
    mapping_->verticalHeader()->hide();
    layout->addWidget(mapping_, 2);
    auto* sepRow = new QFormLayout;
    tagSeparator_ = new QLineEdit(QStringLiteral("|"), this);
    tagSeparator_->setMaximumWidth(60);
    sepRow->addRow(tr("Tag separator:"), tagSeparator_);
    layout->addLayout(sepRow);
    problem_ = new QLabel(this);
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #a00;"));
    layout->addWidget(problem_);
}

void ImportPreviewPage::initializePage() {
    const auto* source = owner(this)->sourcePage();
    const QString format = source->format();
    generic_ = ImportService::isGenericFormat(format);
    PreviewTable table = ImportService::preview(source->path(), format);
    file_->setText(tr("%1 (format %2), first %3 rows").arg(table.file, format).arg(table.rows.size()));
    mapping_->setVisible(generic_);
    tagSeparator_->setVisible(generic_);
    mapping_->setRowCount(0);
    if (generic_) {
        for (int c = 0; c < table.columns.size(); ++c) {
            mapping_->insertRow(c);
            auto* name = new QTableWidgetItem(table.columns[c]);
            name->setFlags(Qt::ItemIsEnabled);
            mapping_->setItem(c, 0, name);
            auto* role = new QComboBox(mapping_);
            role->addItems({tr("ignore"), tr("item id"), tr("title"), tr("user"), tr("item (interaction)"),
                            tr("rating"), tr("time"), tr("attribute")});
            role->setCurrentIndex(guessRole(table.columns[c]));
            auto* type = new QComboBox(mapping_);
            for (auto t : kTypes) type->addItem(QString::fromLatin1(data::columnTypeName(t)));
            type->setCurrentIndex(static_cast<int>(guessType(table, c)));
            mapping_->setCellWidget(c, 1, role);
            mapping_->setCellWidget(c, 2, type);
            connect(role, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
        }
    }
    preview_->setTable(std::move(table));
    emit completeChanged();
}

bool ImportPreviewPage::setColumnRole(const QString& column, Role role, data::ColumnType type) {
    for (int r = 0; r < mapping_->rowCount(); ++r)
        if (mapping_->item(r, 0)->text() == column) {
            static_cast<QComboBox*>(mapping_->cellWidget(r, 1))->setCurrentIndex(role);
            static_cast<QComboBox*>(mapping_->cellWidget(r, 2))->setCurrentIndex(static_cast<int>(type));
            return true;
        }
    return false;
}

std::optional<data::ColumnMapping> ImportPreviewPage::mapping() const {
    if (!generic_) return std::nullopt;
    const auto* source = owner(this)->sourcePage();
    data::ColumnMapping m;
    m.tagSeparator = tagSeparator_->text().isEmpty() ? std::string("|") : tagSeparator_->text().toStdString();
    const data::FileMapping file{source->path().toStdString(), source->format().toStdString(), "utf-8"};
    for (int r = 0; r < mapping_->rowCount(); ++r) {
        const std::string name = mapping_->item(r, 0)->text().toStdString();
        const int role = static_cast<QComboBox*>(mapping_->cellWidget(r, 1))->currentIndex();
        const int type = static_cast<QComboBox*>(mapping_->cellWidget(r, 2))->currentIndex();
        switch (role) {
            case ItemId:
                m.itemId = name;
                break;
            case Title:
                m.title = name;
                break;
            case User:
                m.user = name;
                break;
            case Item:
                m.item = name;
                break;
            case Rating:
                m.rating = name;
                break;
            case Time:
                m.time = name;
                break;
            case Attribute:
                m.attributes.emplace_back(name, kTypes[type]);
                break;
            default:
                break;
        }
    }
    if (!m.itemId.empty()) m.items = file;
    if (!m.user.empty() && !m.item.empty()) m.interactions = file;
    return m;
}

QString ImportPreviewPage::mappingProblem() const {
    const auto m = mapping();
    if (!m) return {};
    if (m->user.empty() != m->item.empty()) return tr("Interactions need both a user and an item column.");
    if (!m->items && !m->interactions)
        return tr("Mark an item id column (for a catalog) or a user and an item column (for interactions).");
    return {};
}

bool ImportPreviewPage::isComplete() const {
    const QString problem = mappingProblem();
    problem_->setText(!preview_->table().error.isEmpty() ? preview_->table().error : problem);
    return problem.isEmpty();
}

// ---- Run ----

ImportRunPage::ImportRunPage(ImportService* service, QWidget* parent) : QWizardPage(parent), service_(service) {
    setTitle(tr("Import"));
    auto* layout = new QVBoxLayout(this);
    progress_ = new ProgressStrip(this);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    log_ = new QPlainTextEdit(this);
    log_->setObjectName(QStringLiteral("importLog"));
    log_->setReadOnly(true);
    layout->addWidget(progress_);
    layout->addWidget(summary_);
    layout->addWidget(log_, 1);
}

bool ImportRunPage::isRunning() const {
    return progress_->job() != nullptr;
}

void ImportRunPage::cancel() {
    if (auto* job = progress_->job()) job->cancel();
}

void ImportRunPage::cleanupPage() {
    // Back while importing: cancel; the project keeps nothing of a cancelled import.
    cancel();
    ++attempt_;
    done_ = false;
}

void ImportRunPage::initializePage() {
    done_ = false;
    outcome_.reset();
    log_->clear();
    const auto* w = owner(this);
    data::ImportOptions options;
    options.path = w->sourcePage()->path().toStdString();
    options.format = w->sourcePage()->format().toStdString();
    options.mapping = w->previewPage()->mapping();
    options.skipBadLines = w->sourcePage()->skipBadLines();
    const QString name = w->sourcePage()->datasetName();
    summary_->setText(tr("Importing %1 as '%2'…").arg(w->sourcePage()->path(), name));
    Job* job = nullptr;
    auto future = service_->import(options, name, w->sourcePage()->replaceExisting(), &job);
    progress_->attach(job);
    const int attempt = ++attempt_;
    future.then(this, [this, attempt](util::Result<ImportOutcome> r) {
        if (attempt != attempt_) return;
        if (!r) {
            const QString msg = QString::fromStdString(r.message());
            summary_->setText(msg == QLatin1String("cancelled") ? tr("Import cancelled; the project is unchanged.")
                                                                : tr("Import failed."));
            log_->appendPlainText(msg);
            emit importFinished(false, msg);
            return;
        }
        outcome_ = *r;
        summary_->setText(tr("Imported '%1': %2 users, %3 items, %4 interactions, %5 catalog rows.")
                              .arg(r->name)
                              .arg(r->users)
                              .arg(r->items)
                              .arg(r->interactions)
                              .arg(r->catalogRows));
        const auto& rep = r->report;
        if (rep.linesSkipped > 0) {
            log_->appendPlainText(tr("%1 malformed lines skipped, for example:").arg(rep.linesSkipped));
            for (const auto& m : rep.skippedMessages)
                log_->appendPlainText(QStringLiteral("  ") + QString::fromStdString(m));
        }
        for (const auto& warning : rep.warnings)
            log_->appendPlainText(tr("warning: %1").arg(QString::fromStdString(warning)));
        done_ = true;
        emit completeChanged();
        emit importFinished(true, summary_->text());
    });
}

// ---- Wizard ----

ImportWizard::ImportWizard(ImportService* service, QWidget* parent) : QWizard(parent) {
    setWindowTitle(tr("Import a dataset"));
    setObjectName(QStringLiteral("importWizard"));
    source_ = new ImportSourcePage(this);
    preview_ = new ImportPreviewPage(this);
    run_ = new ImportRunPage(service, this);
    addPage(source_);
    addPage(preview_);
    addPage(run_);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    resize(820, 600);
}

void ImportWizard::reject() {
    if (run_->isRunning()) {
        if (confirmCancel && QMessageBox::question(this, tr("Cancel import"),
                                                   tr("The import is still running. Cancel it?")) != QMessageBox::Yes)
            return;
        run_->cancel();
    }
    QWizard::reject();
}

}  // namespace rs::widgets
