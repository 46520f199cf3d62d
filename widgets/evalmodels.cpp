#include "evalmodels.h"

#include <QColor>

#include "eval/metrics.h"

namespace rs::widgets {

QStringList metricNames(const eval::Protocol& protocol) {
    QStringList out;
    for (int k : protocol.ks)
        for (const auto& f : eval::metricFamilies())
            out << QStringLiteral("%1@%2").arg(QString::fromStdString(f)).arg(k);
    return out;
}

namespace {
double metricOf(const eval::ModelResult& r, const QString& metric) {
    const auto it = r.metrics.find(metric.toStdString());
    return it == r.metrics.end() ? 0.0 : it->second;
}
}  // namespace

void EvalResultsModel::setReport(const eval::EvalReport& report) {
    beginResetModel();
    results_ = report.results;
    metrics_ = metricNames(report.protocol);
    endResetModel();
}

int EvalResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(results_.size());
}
int EvalResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstMetric + static_cast<int>(metrics_.size()) + 2;
}

QVariant EvalResultsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const auto& r = results_[static_cast<size_t>(index.row())];
    const int c = index.column();
    if (c == Model) return QString::fromStdString(r.model);
    double v = 0;
    int decimals = 4;
    if (c < FirstMetric + metrics_.size()) {
        v = metricOf(r, metrics_[c - FirstMetric]);
    } else {
        v = c == FirstMetric + metrics_.size() ? r.fitSeconds : r.evalSeconds;
        decimals = 2;
    }
    return role == RawValueRole ? QVariant(v) : QVariant(QString::number(v, 'f', decimals));
}

QVariant EvalResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    if (section == Model) return tr("Model");
    if (section < FirstMetric + metrics_.size()) return metrics_[section - FirstMetric];
    if (section == FirstMetric + metrics_.size()) return tr("Fit (s)");
    if (section == FirstMetric + metrics_.size() + 1) return tr("Eval (s)");
    return {};
}

void CompareMetricsModel::setModels(std::vector<ComparedModel> models, QStringList metrics) {
    beginResetModel();
    models_ = std::move(models);
    metrics_ = std::move(metrics);
    endResetModel();
}

int CompareMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(metrics_.size());
}
int CompareMetricsModel::columnCount(const QModelIndex& parent) const {
    if (parent.isValid() || models_.empty()) return parent.isValid() ? 0 : 1;
    return FirstModel + 2 * static_cast<int>(models_.size()) - 1;
}

QVariant CompareMetricsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const QString& metric = metrics_[index.row()];
    const int n = static_cast<int>(models_.size());
    const int c = index.column();
    if (c == Metric) return role == Qt::DisplayRole || role == RawValueRole ? QVariant(metric) : QVariant();
    if (c < FirstModel + n) {
        const double v = metricOf(models_[static_cast<size_t>(c - FirstModel)].result, metric);
        if (role == RawValueRole) return v;
        return role == Qt::DisplayRole ? QVariant(QString::number(v, 'f', 4)) : QVariant();
    }
    const auto& other = models_[static_cast<size_t>(c - FirstModel - n + 1)].result;
    const double base = metricOf(models_.front().result, metric);
    const double diff = metricOf(other, metric) - base;
    if (role == RawValueRole) return diff;
    if (role == Qt::ForegroundRole)
        return diff > 0 ? QColor(Qt::darkGreen) : diff < 0 ? QColor(Qt::darkRed) : QVariant();
    if (role != Qt::DisplayRole) return {};
    const QString rel =
        base > 0 ? QStringLiteral(" (%1%2%)").arg(diff >= 0 ? "+" : "").arg(100 * diff / base, 0, 'f', 1) : QString();
    return QStringLiteral("%1%2%3").arg(diff >= 0 ? "+" : "").arg(diff, 0, 'f', 4).arg(rel);
}

QVariant CompareMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    const int n = static_cast<int>(models_.size());
    if (section == Metric) return tr("Metric");
    if (section < FirstModel + n) return models_[static_cast<size_t>(section - FirstModel)].label;
    if (section < columnCount())
        return tr("Δ %1 − %2")
            .arg(models_[static_cast<size_t>(section - FirstModel - n + 1)].label, models_.front().label);
    return {};
}

void WinTieLossModel::setRows(QStringList labels, std::vector<WinTieLoss> rows, QString baseline) {
    beginResetModel();
    labels_ = std::move(labels);
    rows_ = std::move(rows);
    baseline_ = std::move(baseline);
    endResetModel();
}

int WinTieLossModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int WinTieLossModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WinTieLossModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const auto& r = rows_[static_cast<size_t>(index.row())];
    qlonglong v = 0;
    switch (index.column()) {
        case Model:
            return labels_[index.row()];
        case Wins:
            v = r.wins;
            break;
        case Ties:
            v = r.ties;
            break;
        case Losses:
            v = r.losses;
            break;
        case Users:
            v = r.users();
            break;
        default:
            return {};
    }
    return role == RawValueRole ? QVariant(v) : QVariant(QString::number(v));
}

QVariant WinTieLossModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
        case Model:
            return tr("Model vs %1").arg(baseline_);
        case Wins:
            return tr("Wins");
        case Ties:
            return tr("Ties");
        case Losses:
            return tr("Losses");
        case Users:
            return tr("Users");
        default:
            return {};
    }
}

}  // namespace rs::widgets
