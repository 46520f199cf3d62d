#pragma once
// CatalogTableModel: the items (or users) of a loaded dataset as a table — external id, number of
// interactions, then one column per typed catalog column (title first when there is one).
// Without a catalog the rows are the dataset's items (or users) with their counts only.
// CatalogFilterProxy sorts by RawValueRole (numbers as numbers) and filters by a title search,
// by "column contains text" and by a minimum number of interactions.
// Threading: GUI thread; the data it points to is immutable.
#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <vector>

#include "projectsession.h"

namespace rs::widgets {

class CatalogTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id = 0, Interactions = 1, FirstAttribute = 2 };  // one more per catalog column
    enum Role { RawValueRole = Qt::UserRole + 1 };
    enum class Kind { Items, Users };

    explicit CatalogTableModel(Kind kind, QObject* parent = nullptr);
    void setDataset(DataPtr data);
    const DataPtr& dataset() const { return data_; }
    Kind kind() const { return kind_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The catalog column behind a model column (nullptr for Id/Interactions or without catalog).
    const data::Column* catalogColumn(int column) const;
    int titleModelColumn() const { return titleColumn_; }  // -1 without a title column
    QString id(int row) const;
    QString title(int row) const;
    // Internal dataset index of the row's item/user, or -1 when it has no interactions.
    int32_t datasetIndex(int row) const { return indexOfRow_[static_cast<size_t>(row)]; }
    int rowOfId(const QString& id) const;

private:
    const data::ItemCatalog* catalog() const;
    Kind kind_;
    DataPtr data_;
    std::vector<const data::Column*> columns_;  // model column - FirstAttribute -> catalog column
    std::vector<int32_t> indexOfRow_;
    std::vector<int64_t> counts_;
    int titleColumn_ = -1;
};

class CatalogFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit CatalogFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);                      // in the title (or the id)
    void setColumnFilter(int sourceColumn, const QString& text);  // -1 = none
    void setMinInteractions(qint64 n);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString search_, columnText_;
    int column_ = -1;
    qint64 minInteractions_ = 0;
};

// "a, b" for tag lists, the ISO text for dates, numbers without trailing zeros.
QString cellText(const data::Column& column, size_t row);

}  // namespace rs::widgets
