#pragma once
// ComparePanel: two or more trained-and-evaluated models side by side, from one run or several
// runs of the same dataset and split. The first checked entry is the baseline: the metrics table
// shows every model's values and each one's difference to the baseline; the win/tie/loss table
// counts users whose held-out item a model ranked better, equally or worse than the baseline
// (from the per-user ranks saved with each run); a stacked bar chart draws those counts.
#include <QWidget>

class QChartView;
class QLabel;
class QListWidget;

namespace rs::widgets {

class CompareMetricsModel;
class ProjectSession;
class WinTieLossModel;

class ComparePanel final : public QWidget {
    Q_OBJECT
public:
    explicit ComparePanel(ProjectSession* session, QWidget* parent = nullptr);

    QListWidget* entries() const { return entries_; }
    CompareMetricsModel* metrics() const { return metrics_; }
    WinTieLossModel* winTieLoss() const { return wtl_; }
    QChartView* chart() const { return chart_; }
    QLabel* note() const { return note_; }
    // Checks the entries of model names in run runId (0 = the latest run), baseline first.
    void selectModels(qint64 runId, const QStringList& models);

public slots:
    void refresh();
    void compare();

private:
    ProjectSession* session_;
    QListWidget* entries_;
    QList<int> checkOrder_;  // entry rows in the order they were checked: first = baseline
    CompareMetricsModel* metrics_;
    WinTieLossModel* wtl_;
    QChartView* chart_;
    QLabel* note_;
};

}  // namespace rs::widgets
