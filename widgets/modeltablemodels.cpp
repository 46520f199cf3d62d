#include "modeltablemodels.h"

#include <QFont>
#include <QLocale>

namespace rs::widgets {

QString formatBytes(int64_t bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString jsonScalarText(const nlohmann::json& v) {
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    return QString::fromStdString(v.dump());
}

void ParamsModel::setDefaults(const nlohmann::json& defaults) {
    beginResetModel();
    rows_.clear();
    if (defaults.is_object())
        for (auto it = defaults.begin(); it != defaults.end(); ++it) {
            const QString v = jsonScalarText(it.value());
            rows_.push_back({QString::fromStdString(it.key()), v, v});
        }
    endResetModel();
}

models::Params ParamsModel::changedParams() const {
    models::Params p;
    for (const auto& r : rows_)
        if (r.value.trimmed() != r.defaultValue) p[r.key.toStdString()] = r.value.trimmed().toStdString();
    return p;
}

bool ParamsModel::setValue(const QString& key, const QString& value) {
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].key == key) return setData(index(static_cast<int>(i), Value), value);
    return false;
}

int ParamsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int ParamsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ParamsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole) return index.column() == Key ? r.key : r.value;
    if (role == Qt::ToolTipRole && index.column() == Value) return tr("Default: %1").arg(r.defaultValue);
    if (role == Qt::FontRole && index.column() == Value && r.value != r.defaultValue) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

bool ParamsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Value || role != Qt::EditRole || index.row() >= rowCount()) return false;
    rows_[static_cast<size_t>(index.row())].value = value.toString();
    emit dataChanged(index, index);
    return true;
}

Qt::ItemFlags ParamsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    auto f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    return index.column() == Value ? f | Qt::ItemIsEditable : f;
}

QVariant ParamsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    return section == Key ? tr("Parameter") : tr("Value");
}

void TrainedModelsModel::setModels(std::vector<store::ModelRecord> models, std::vector<store::DatasetInfo> datasets) {
    beginResetModel();
    models_ = std::move(models);
    datasets_ = std::move(datasets);
    endResetModel();
}

int TrainedModelsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(models_.size());
}
int TrainedModelsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrainedModelsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const auto& m = models_[static_cast<size_t>(index.row())];
    switch (index.column()) {
        case Name:
            return QString::fromStdString(m.name);
        case Dataset:
            for (const auto& d : datasets_)
                if (d.id == m.datasetId) return QString::fromStdString(d.name);
            return m.datasetId == 0 ? tr("(external files)") : QString::number(m.datasetId);
        case Params:
            return QString::fromStdString(m.params.dump());
        case FitSeconds:
            return role == RawValueRole ? QVariant(m.fitSeconds) : QVariant(QString::number(m.fitSeconds, 'f', 2));
        case Size:
            return role == RawValueRole ? QVariant(static_cast<qlonglong>(m.blobBytes)) : formatBytes(m.blobBytes);
        case Created:
            return QString::fromStdString(m.created);
        default:
            return {};
    }
}

QVariant TrainedModelsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
        case Name:
            return tr("Model");
        case Dataset:
            return tr("Dataset");
        case Params:
            return tr("Parameters");
        case FitSeconds:
            return tr("Fit (s)");
        case Size:
            return tr("Size");
        case Created:
            return tr("Created");
        default:
            return {};
    }
}

}  // namespace rs::widgets
