#pragma once
// Item models of the Models panel:
//   ParamsModel        a model's hyper-parameters as editable key/value rows (defaults from the
//                      registry; values are strings as on the command line)
//   TrainedModelsModel the project's trained models: name, dataset, parameters, fit time, size
// Threading: GUI thread.
#include <QAbstractTableModel>
#include <nlohmann/json.hpp>
#include <vector>

#include "models/recommender.h"
#include "store/projectstore.h"

namespace rs::widgets {

class ParamsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Key = 0, Value, ColumnCount };
    explicit ParamsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setDefaults(const nlohmann::json& defaults);
    // Only values changed from the defaults, so the saved parameters stay the model's own.
    models::Params changedParams() const;
    bool setValue(const QString& key, const QString& value);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString key, defaultValue, value;
    };
    std::vector<Row> rows_;
};

class TrainedModelsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name = 0, Dataset, Params, FitSeconds, Size, Created, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };
    explicit TrainedModelsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setModels(std::vector<store::ModelRecord> models, std::vector<store::DatasetInfo> datasets);
    const store::ModelRecord& record(int row) const { return models_[static_cast<size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<store::ModelRecord> models_;
    std::vector<store::DatasetInfo> datasets_;
};

// "1.2 MB", "830 KB", "12 B".
QString formatBytes(int64_t bytes);
// A JSON scalar as the text a user would type ("300", "0.01", "true").
QString jsonScalarText(const nlohmann::json& v);

}  // namespace rs::widgets
