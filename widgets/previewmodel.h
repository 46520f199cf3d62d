#pragma once
// PreviewModel: the import wizard's preview of the first rows of a file (ImportService::preview).
// Threading: GUI thread.
#include <QAbstractTableModel>

#include "importservice.h"

namespace rs::widgets {

class PreviewModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { RawValueRole = Qt::UserRole + 1 };
    explicit PreviewModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    void setTable(PreviewTable table);
    const PreviewTable& table() const { return table_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    PreviewTable table_;
};

}  // namespace rs::widgets
