#pragma once
// Item models of the evaluation dashboard and the compare panel:
//   EvalResultsModel   one row per model of a run: every metric ("recall@10" …), fit and eval time
//   CompareMetricsModel one row per metric, a column per compared model, then the difference of
//                      each further model to the first (the baseline), absolute and relative
//   WinTieLossModel    per compared model against the baseline: users won, tied, lost
// Threading: GUI thread.
#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "eval/report.h"
#include "evaluationservice.h"

namespace rs::widgets {

// The metric names of a protocol in report order: every family at every k ("recall@10", …).
QStringList metricNames(const eval::Protocol& protocol);

class EvalResultsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Model = 0, FirstMetric = 1 };  // then one per metric, then fit and eval seconds
    enum Role { RawValueRole = Qt::UserRole + 1 };
    explicit EvalResultsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setReport(const eval::EvalReport& report);
    const QStringList& metrics() const { return metrics_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<eval::ModelResult> results_;
    QStringList metrics_;
};

// One compared entry: a model's result in a saved run.
struct ComparedModel {
    QString label;  // "ease (run 3)"
    int64_t runId = 0;
    eval::ModelResult result;
};

class CompareMetricsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Metric = 0, FirstModel = 1 };  // n model columns, then n-1 difference columns
    enum Role { RawValueRole = Qt::UserRole + 1 };
    explicit CompareMetricsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setModels(std::vector<ComparedModel> models, QStringList metrics);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ComparedModel> models_;
    QStringList metrics_;
};

class WinTieLossModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Model = 0, Wins, Ties, Losses, Users, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };
    explicit WinTieLossModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    // rows[i] compares labels[i] against the baseline.
    void setRows(QStringList labels, std::vector<WinTieLoss> rows, QString baseline);
    const WinTieLoss& row(int r) const { return rows_[static_cast<size_t>(r)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList labels_;
    std::vector<WinTieLoss> rows_;
    QString baseline_;
};

}  // namespace rs::widgets
