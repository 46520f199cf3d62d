#include "evalcharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace rs::widgets {

namespace {
double metricOf(const eval::ModelResult& r, const std::string& key) {
    const auto it = r.metrics.find(key);
    return it == r.metrics.end() ? 0.0 : it->second;
}

void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}
}  // namespace

QString protocolSummary(const eval::Protocol& p) {
    QStringList filters;
    for (const auto& f : p.filters)
        filters << QStringLiteral("%1=%2").arg(QString::fromStdString(f.value("name", std::string())),
                                               QString::fromStdString(f.contains("value") ? f["value"].dump() : ""));
    return QObject::tr(
               "Dataset %1; split %2; candidates: %3; tie rule %4; %5 users evaluated, %6 items; "
               "filters: %7; seed %8")
        .arg(QString::fromStdString(p.dataset), QString::fromStdString(p.split.value("spec", std::string("?"))),
             QString::fromStdString(p.candidates), QString::fromLatin1(eval::tieRuleName(p.tieRule)))
        .arg(p.users)
        .arg(p.items)
        .arg(filters.isEmpty() ? QObject::tr("none") : filters.join(QStringLiteral(", ")))
        .arg(p.seed);
}

MetricBarChart::MetricBarChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 220);
}

void MetricBarChart::plot(const eval::EvalReport& report, const QString& metric) {
    auto* chart = new QChart;
    chart->setTitle(metric);
    chart->legend()->hide();
    auto* set = new QBarSet(metric);
    QStringList models;
    double top = 0;
    for (const auto& r : report.results) {
        const double v = metricOf(r, metric.toStdString());
        *set << v;
        models << QString::fromStdString(r.model);
        top = std::max(top, v);
    }
    auto* series = new QBarSeries;
    series->setObjectName(QStringLiteral("metricBars"));
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(4);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(models);
    auto* y = new QValueAxis;
    y->setRange(0, top > 0 ? top * 1.15 : 1.0);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    replaceChart(this, chart);
}

MetricLineChart::MetricLineChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 220);
}

void MetricLineChart::plot(const eval::EvalReport& report, const QString& family) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("%1 over k").arg(family));
    std::vector<int> ks = report.protocol.ks;
    std::sort(ks.begin(), ks.end());
    auto* x = new QValueAxis;
    x->setTitleText(QStringLiteral("k"));
    x->setLabelFormat(QStringLiteral("%d"));
    if (!ks.empty()) x->setRange(ks.front(), std::max(ks.back(), ks.front() + 1));
    x->setTickCount(std::clamp(static_cast<int>(ks.size()), 2, 10));
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double top = 0;
    for (const auto& r : report.results) {
        auto* line = new QLineSeries;
        line->setName(QString::fromStdString(r.model));
        line->setPointsVisible(true);
        for (int k : ks) {
            const double v = metricOf(r, family.toStdString() + "@" + std::to_string(k));
            line->append(k, v);
            top = std::max(top, v);
        }
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    y->setRange(0, top > 0 ? top * 1.1 : 1.0);
    replaceChart(this, chart);
}

}  // namespace rs::widgets
