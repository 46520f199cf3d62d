#pragma once
// InteractionsModel: one user's history (the items, in time order) or one item's interactions
// (the users), each with the other side's title, the rating and the time.
// Threading: GUI thread; the dataset it reads is immutable.
#include <QAbstractTableModel>
#include <vector>

#include "projectsession.h"

namespace rs::widgets {

class InteractionsModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Other = 0, Title, Rating, Time, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit InteractionsModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}

    // History of internal user u (items); or, with showItem, the users who interacted with item i.
    void showUser(const DataPtr& data, int32_t user);
    void showItem(const DataPtr& data, int32_t item);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString other, title;
        float rating;
        int64_t time;
    };
    bool usersListed_ = false;
    bool hasRatings_ = false, hasTimes_ = false;
    std::vector<Row> rows_;
};

}  // namespace rs::widgets
