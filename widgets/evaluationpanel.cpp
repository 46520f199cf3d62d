#include "evaluationpanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "eval/metrics.h"
#include "evalcharts.h"
#include "evalmodels.h"
#include "evaluationservice.h"
#include "job.h"
#include "progressstrip.h"
#include "projectsession.h"

namespace rs::widgets {

namespace {
QLabel* protocolLabel(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setMaximumWidth(240);
    l->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}
}  // namespace

EvaluationPanel::EvaluationPanel(ProjectSession* session, EvaluationService* service, QWidget* parent)
    : QWidget(parent), session_(session), service_(service) {
    auto* layout = new QVBoxLayout(this);
    auto* config = new QGroupBox(tr("Run an evaluation"), this);
    auto* form = new QGridLayout(config);
    datasetBox_ = new QComboBox(config);
    models_ = new QLineEdit(QStringLiteral("pop,itemknn,ease"), config);
    models_->setObjectName(QStringLiteral("modelsEdit"));
    models_->setToolTip(tr("Models with parameters, e.g. pop,ease:lambda=300,als:factors=64"));
    ks_ = new QLineEdit(QStringLiteral("5,10,20"), config);
    split_ = new QComboBox(config);
    split_->setEditable(true);
    split_->addItems({QStringLiteral("loo"), QStringLiteral("loo-val"), QStringLiteral("ratio:0.8")});
    tieRule_ = new QComboBox(config);
    tieRule_->addItems({QStringLiteral("pessimistic"), QStringLiteral("optimistic"), QStringLiteral("random")});
    run_ = new QPushButton(tr("Run"), config);
    run_->setObjectName(QStringLiteral("runButton"));
    form->addWidget(new QLabel(tr("Dataset:"), config), 0, 0);
    form->addWidget(datasetBox_, 0, 1);
    form->addWidget(new QLabel(tr("Models:"), config), 0, 2);
    form->addWidget(models_, 0, 3);
    form->addWidget(new QLabel(tr("k:"), config), 1, 0);
    form->addWidget(ks_, 1, 1);
    form->addWidget(new QLabel(tr("Split:"), config), 1, 2);
    auto* splitRow = new QHBoxLayout;
    splitRow->addWidget(split_);
    splitRow->addWidget(new QLabel(tr("Ties:"), config));
    splitRow->addWidget(tieRule_);
    splitRow->addWidget(run_);
    form->addLayout(splitRow, 1, 3);
    progress_ = new ProgressStrip(config);
    status_ = new QLabel(config);
    status_->setWordWrap(true);
    form->addWidget(progress_, 2, 0, 1, 4);
    form->addWidget(status_, 3, 0, 1, 4);
    layout->addWidget(config);

    auto* runRow = new QHBoxLayout;
    runBox_ = new QComboBox(this);
    runBox_->setObjectName(QStringLiteral("runBox"));
    runRow->addWidget(new QLabel(tr("Run:"), this));
    runRow->addWidget(runBox_, 1);
    layout->addLayout(runRow);

    auto* split = new QSplitter(Qt::Vertical, this);
    results_ = new EvalResultsModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(results_);
    proxy->setSortRole(EvalResultsModel::RawValueRole);
    auto* table = new QTableView(split);
    table->setObjectName(QStringLiteral("resultsView"));
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->verticalHeader()->hide();
    auto* charts = new QWidget(split);
    auto* chartsLayout = new QGridLayout(charts);
    metric_ = new QComboBox(charts);
    metric_->setObjectName(QStringLiteral("metricBox"));
    family_ = new QComboBox(charts);
    family_->setObjectName(QStringLiteral("familyBox"));
    for (const auto& f : eval::metricFamilies()) family_->addItem(QString::fromStdString(f));
    bars_ = new MetricBarChart(charts);
    bars_->setObjectName(QStringLiteral("barChart"));
    lines_ = new MetricLineChart(charts);
    lines_->setObjectName(QStringLiteral("lineChart"));
    barProtocol_ = protocolLabel(charts);
    lineProtocol_ = protocolLabel(charts);
    chartsLayout->addWidget(metric_, 0, 0);
    chartsLayout->addWidget(family_, 0, 2);
    chartsLayout->addWidget(bars_, 1, 0);
    chartsLayout->addWidget(barProtocol_, 1, 1);
    chartsLayout->addWidget(lines_, 1, 2);
    chartsLayout->addWidget(lineProtocol_, 1, 3);
    split->addWidget(table);
    split->addWidget(charts);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(run_, &QPushButton::clicked, this, &EvaluationPanel::startEvaluation);
    connect(runBox_, &QComboBox::activated, this, [this](int i) { showRun(runBox_->itemData(i).toLongLong()); });
    connect(metric_, &QComboBox::currentIndexChanged, this, &EvaluationPanel::redrawCharts);
    connect(family_, &QComboBox::currentIndexChanged, this, &EvaluationPanel::redrawCharts);
    connect(session_, &ProjectSession::contentsChanged, this, &EvaluationPanel::refresh);
    connect(session_, &ProjectSession::projectOpened, this, &EvaluationPanel::refresh);
    connect(session_, &ProjectSession::projectClosed, this, &EvaluationPanel::refresh);
    refresh();
}

void EvaluationPanel::refresh() {
    const QVariant dataset = datasetBox_->currentData();
    datasetBox_->clear();
    for (const auto& d : session_->datasets())
        if (d.hasInteractions) datasetBox_->addItem(QString::fromStdString(d.name), qlonglong(d.id));
    if (const int at = datasetBox_->findData(dataset); at >= 0) datasetBox_->setCurrentIndex(at);
    const QVariant run = runBox_->currentData();
    const QSignalBlocker block(runBox_);
    runBox_->clear();
    for (const auto& r : session_->evalRuns())
        runBox_->addItem(tr("Run %1 — %2, %3 models (%4)")
                             .arg(r.id)
                             .arg(QString::fromStdString(r.protocol.value("dataset", std::string())))
                             .arg(r.results.size())
                             .arg(QString::fromStdString(r.created)),
                         qlonglong(r.id));
    if (const int at = runBox_->findData(run); at >= 0) runBox_->setCurrentIndex(at);
    run_->setEnabled(datasetBox_->count() > 0 && !progress_->job());
    if (runBox_->count() > 0 && report_.results.empty()) showRun(runBox_->itemData(runBox_->count() - 1).toLongLong());
    if (!session_->isOpen()) showReport({});
}

void EvaluationPanel::startEvaluation() {
    if (datasetBox_->currentIndex() < 0) {
        status_->setText(tr("Import a dataset with interactions first."));
        return;
    }
    eval::ExperimentConfig config;
    auto specs = models::parseModelList(models_->text().toStdString());
    if (!specs || specs->empty()) {
        status_->setText(specs ? tr("Name at least one model.") : QString::fromStdString(specs.message()));
        return;
    }
    config.models = *specs;
    config.eval.ks.clear();
    for (const QString& k : ks_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = k.trimmed().toInt(&ok);
        if (!ok || v < 1) {
            status_->setText(tr("k: expected whole numbers ≥ 1 separated by commas, got '%1'").arg(k.trimmed()));
            return;
        }
        config.eval.ks.push_back(v);
    }
    if (config.eval.ks.empty()) config.eval.ks = {10};
    auto split = eval::parseSplitSpec(split_->currentText().toStdString());
    if (!split) {
        status_->setText(QString::fromStdString(split.message()));
        return;
    }
    config.split = *split;
    config.eval.tieRule = *eval::tieRuleFromName(tieRule_->currentText().toStdString());
    // Bootstrap intervals are not shown here; skipping them keeps the run short.
    config.eval.bootstrapSamples = 0;
    for (const auto& spec : config.models)
        if (auto m = eval::createConfiguredModel(spec, config.eval); !m) {
            status_->setText(QString::fromStdString(m.message()));
            return;
        }
    Job* job = nullptr;
    auto future = service_->evaluate(datasetBox_->currentData().toLongLong(), config, &job);
    progress_->attach(job);
    run_->setEnabled(false);
    status_->setText(tr("Evaluating…"));
    future.then(this, [this](util::Result<EvalOutcome> r) {
        run_->setEnabled(datasetBox_->count() > 0);
        if (!r) {
            const QString msg = QString::fromStdString(r.message());
            status_->setText(msg.endsWith(QLatin1String("cancelled")) ? tr("Evaluation cancelled.")
                                                                      : tr("Evaluation failed: %1").arg(msg));
            emit evaluationFinished(false, msg);
            return;
        }
        const QString msg = tr("Run %1 saved: %2 users evaluated.").arg(r->runId).arg(r->report.protocol.users);
        status_->setText(msg);
        if (const int at = runBox_->findData(qlonglong(r->runId)); at >= 0) runBox_->setCurrentIndex(at);
        showReport(r->report);
        emit evaluationFinished(true, msg);
    });
}

void EvaluationPanel::showRun(qint64 runId) {
    for (const auto& r : session_->evalRuns()) {
        if (r.id != runId) continue;
        auto report = eval::EvalReport::fromJson({{"protocol", r.protocol}, {"results", r.results}});
        if (!report) {
            status_->setText(tr("Run %1 cannot be read: %2").arg(runId).arg(QString::fromStdString(report.message())));
            return;
        }
        if (const int at = runBox_->findData(runId); at >= 0) runBox_->setCurrentIndex(at);
        showReport(*report);
        return;
    }
}

void EvaluationPanel::showReport(const eval::EvalReport& report) {
    report_ = report;
    results_->setReport(report);
    const QString metric = metric_->currentText();
    {
        const QSignalBlocker block(metric_);
        metric_->clear();
        metric_->addItems(results_->metrics());
        const int at = metric_->findText(metric);
        metric_->setCurrentIndex(at >= 0 ? at : std::min<int>(1, metric_->count() - 1));
    }
    const QString protocol = report.results.empty() ? QString() : protocolSummary(report.protocol);
    barProtocol_->setText(protocol);
    lineProtocol_->setText(protocol);
    redrawCharts();
}

void EvaluationPanel::redrawCharts() {
    bars_->plot(report_, metric_->currentText());
    lines_->plot(report_, family_->currentText());
}

}  // namespace rs::widgets
