#pragma once
// Charts of an evaluation report (Qt Charts), each drawn beside the protocol it was measured under:
//   MetricBarChart  one metric (e.g. "ndcg@10") across models, one bar per model
//   MetricLineChart one metric family (e.g. "recall") over the run's cut-offs k, a line per model
// The protocol text (protocolSummary) says dataset, split, candidates, tie rule, users and items.
#include <QChartView>
#include <QString>

#include "eval/report.h"

namespace rs::widgets {

QString protocolSummary(const eval::Protocol& p);

class MetricBarChart final : public QChartView {
    Q_OBJECT
public:
    explicit MetricBarChart(QWidget* parent = nullptr);
    void plot(const eval::EvalReport& report, const QString& metric);
};

class MetricLineChart final : public QChartView {
    Q_OBJECT
public:
    explicit MetricLineChart(QWidget* parent = nullptr);
    void plot(const eval::EvalReport& report, const QString& family);
};

}  // namespace rs::widgets
