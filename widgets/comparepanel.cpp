#include "comparepanel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include "evalmodels.h"
#include "projectsession.h"

namespace rs::widgets {

namespace {
constexpr int kRunRole = Qt::UserRole + 1;
constexpr int kModelRole = Qt::UserRole + 2;

QTableView* makeTable(QAbstractItemModel* m, QWidget* parent) {
    auto* v = new QTableView(parent);
    v->setModel(m);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setStretchLastSection(true);
    return v;
}
}  // namespace

ComparePanel::ComparePanel(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Check two or more models; the first checked is the baseline."), this));
    entries_ = new QListWidget(this);
    entries_->setObjectName(QStringLiteral("compareEntries"));
    left->addWidget(entries_, 1);
    layout->addLayout(left, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    metrics_ = new CompareMetricsModel(this);
    makeTable(metrics_, split)->setObjectName(QStringLiteral("compareMetricsView"));
    wtl_ = new WinTieLossModel(this);
    makeTable(wtl_, split);
    auto* bottom = new QWidget(split);
    auto* bottomLayout = new QVBoxLayout(bottom);
    note_ = new QLabel(bottom);
    note_->setWordWrap(true);
    chart_ = new QChartView(bottom);
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumHeight(200);
    bottomLayout->addWidget(note_);
    bottomLayout->addWidget(chart_, 1);
    layout->addWidget(split, 3);

    connect(entries_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const int row = entries_->row(item);
        checkOrder_.removeAll(row);
        if (item->checkState() == Qt::Checked) checkOrder_.append(row);
        compare();
    });
    connect(session_, &ProjectSession::contentsChanged, this, &ComparePanel::refresh);
    connect(session_, &ProjectSession::projectOpened, this, &ComparePanel::refresh);
    connect(session_, &ProjectSession::projectClosed, this, &ComparePanel::refresh);
    refresh();
}

void ComparePanel::refresh() {
    QSet<QString> checked;
    for (int row : checkOrder_)
        if (auto* it = entries_->item(row)) checked.insert(it->text());
    const QSignalBlocker block(entries_);
    entries_->clear();
    checkOrder_.clear();
    for (const auto& run : session_->evalRuns())
        for (const auto& r : run.results) {
            const QString model = QString::fromStdString(r.value("model", std::string()));
            auto* item =
                new QListWidgetItem(tr("%1 (run %2, %3)")
                                        .arg(model)
                                        .arg(run.id)
                                        .arg(QString::fromStdString(run.protocol.value("dataset", std::string()))),
                                    entries_);
            item->setData(kRunRole, qlonglong(run.id));
            item->setData(kModelRole, model);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(checked.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
            if (item->checkState() == Qt::Checked) checkOrder_.append(entries_->row(item));
        }
    compare();
}

void ComparePanel::selectModels(qint64 runId, const QStringList& models) {
    qint64 run = runId;
    if (run == 0)
        for (int i = 0; i < entries_->count(); ++i) run = std::max(run, entries_->item(i)->data(kRunRole).toLongLong());
    {
        const QSignalBlocker block(entries_);
        checkOrder_.clear();
        for (int i = 0; i < entries_->count(); ++i) entries_->item(i)->setCheckState(Qt::Unchecked);
        for (const QString& m : models)
            for (int i = 0; i < entries_->count(); ++i) {
                auto* item = entries_->item(i);
                if (item->data(kRunRole).toLongLong() == run && item->data(kModelRole).toString() == m) {
                    item->setCheckState(Qt::Checked);
                    checkOrder_.append(i);
                }
            }
    }
    compare();
}

void ComparePanel::compare() {
    std::vector<ComparedModel> chosen;
    QStringList metricList;
    QString dataset, split;
    bool sameData = true;
    const auto runs = session_->evalRuns();
    for (int row : checkOrder_) {
        const auto* item = entries_->item(row);
        const qint64 runId = item->data(kRunRole).toLongLong();
        for (const auto& run : runs) {
            if (run.id != runId) continue;
            auto report = eval::EvalReport::fromJson({{"protocol", run.protocol}, {"results", run.results}});
            if (!report) continue;
            const QString ds = QString::fromStdString(report->protocol.dataset);
            const QString sp = QString::fromStdString(report->protocol.split.value("spec", std::string()));
            if (chosen.empty()) {
                metricList = metricNames(report->protocol);
                dataset = ds;
                split = sp;
            } else if (ds != dataset || sp != split) {
                sameData = false;
            }
            for (const auto& r : report->results)
                if (QString::fromStdString(r.model) == item->data(kModelRole).toString())
                    chosen.push_back({item->text(), runId, r});
        }
    }
    metrics_->setModels(chosen, chosen.size() >= 2 ? metricList : QStringList());

    QStringList labels;
    std::vector<WinTieLoss> rows;
    if (chosen.size() >= 2 && sameData) {
        auto base = session_->userRanks(chosen.front().runId, chosen.front().result.model);
        for (size_t i = 1; base && i < chosen.size(); ++i) {
            auto mine = session_->userRanks(chosen[i].runId, chosen[i].result.model);
            if (!mine) continue;
            labels << chosen[i].label;
            rows.push_back(EvaluationService::compareRanks(*mine, *base));
        }
    }
    wtl_->setRows(labels, rows, chosen.empty() ? QString() : chosen.front().label);
    if (chosen.size() < 2)
        note_->setText(tr("Check at least two models to compare."));
    else if (!sameData)
        note_->setText(tr("The runs differ in dataset or split: per-user wins and losses are not comparable."));
    else
        note_->setText(
            tr("Per-user comparison on %1, split %2: lower rank of the held-out item wins.").arg(dataset, split));

    auto* chart = new QChart;
    chart->setTitle(tr("Users won / tied / lost against %1").arg(chosen.empty() ? QString() : chosen.front().label));
    if (!rows.empty()) {
        auto* wins = new QBarSet(tr("Wins"));
        auto* ties = new QBarSet(tr("Ties"));
        auto* losses = new QBarSet(tr("Losses"));
        for (const auto& r : rows) {
            *wins << static_cast<double>(r.wins);
            *ties << static_cast<double>(r.ties);
            *losses << static_cast<double>(r.losses);
        }
        auto* series = new QHorizontalStackedBarSeries;
        series->append({wins, ties, losses});
        chart->addSeries(series);
        auto* y = new QBarCategoryAxis;
        y->append(labels);
        auto* x = new QValueAxis;
        x->setLabelFormat(QStringLiteral("%d"));
        chart->addAxis(y, Qt::AlignLeft);
        chart->addAxis(x, Qt::AlignBottom);
        series->attachAxis(x);
        series->attachAxis(y);
    }
    QChart* old = chart_->chart();
    chart_->setChart(chart);
    delete old;
}

}  // namespace rs::widgets
