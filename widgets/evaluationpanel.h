#pragma once
// EvaluationPanel (the dashboard): configure and run an experiment — dataset, models with
// parameters, cut-offs k, split, tie rule — in the background with progress and Cancel; pick any
// saved run; see its results table, a bar chart of one metric across models and a line chart of
// one metric family over k, each with the protocol written beside it.
#include <QWidget>

#include "eval/report.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace rs::widgets {

class EvalResultsModel;
class EvaluationService;
class MetricBarChart;
class MetricLineChart;
class ProgressStrip;
class ProjectSession;

class EvaluationPanel final : public QWidget {
    Q_OBJECT
public:
    EvaluationPanel(ProjectSession* session, EvaluationService* service, QWidget* parent = nullptr);

    QComboBox* datasetBox() const { return datasetBox_; }
    QLineEdit* modelsEdit() const { return models_; }
    QLineEdit* ksEdit() const { return ks_; }
    QComboBox* splitBox() const { return split_; }
    QPushButton* runButton() const { return run_; }
    ProgressStrip* progress() const { return progress_; }
    QComboBox* runBox() const { return runBox_; }
    QComboBox* metricBox() const { return metric_; }
    QComboBox* familyBox() const { return family_; }
    EvalResultsModel* results() const { return results_; }
    MetricBarChart* barChart() const { return bars_; }
    MetricLineChart* lineChart() const { return lines_; }
    QLabel* status() const { return status_; }
    const eval::EvalReport& report() const { return report_; }

public slots:
    void startEvaluation();
    void refresh();
    void showRun(qint64 runId);

signals:
    void evaluationFinished(bool ok, const QString& message);

private:
    void showReport(const eval::EvalReport& report);
    void redrawCharts();

    ProjectSession* session_;
    EvaluationService* service_;
    QComboBox* datasetBox_;
    QLineEdit* models_;
    QLineEdit* ks_;
    QComboBox* split_;
    QComboBox* tieRule_;
    QPushButton* run_;
    ProgressStrip* progress_;
    QLabel* status_;
    QComboBox* runBox_;
    EvalResultsModel* results_;
    QComboBox* metric_;
    QComboBox* family_;
    MetricBarChart* bars_;
    MetricLineChart* lines_;
    QLabel* barProtocol_;
    QLabel* lineProtocol_;
    eval::EvalReport report_;
};

}  // namespace rs::widgets
