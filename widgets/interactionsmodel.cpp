#include "interactionsmodel.h"

#include <QDateTime>
#include <cmath>

namespace rs::widgets {

namespace {
QString itemTitle(const data::ImportedData& d, const std::string& itemId) {
    if (!d.catalog) return {};
    auto row = d.catalog->rowOf(itemId);
    return row ? QString::fromStdString(d.catalog->title(*row)) : QString();
}
}  // namespace

void InteractionsModel::clear() {
    beginResetModel();
    rows_.clear();
    endResetModel();
}

void InteractionsModel::showUser(const DataPtr& data, int32_t user) {
    beginResetModel();
    rows_.clear();
    usersListed_ = false;
    if (data && data->dataset && user >= 0 && user < data->dataset->numUsers()) {
        const auto& d = *data->dataset;
        hasRatings_ = d.hasRatings();
        hasTimes_ = d.hasTimestamps();
        const auto items = d.userItems(user);
        const auto ratings = d.userRatings(user);
        const auto times = d.userTimestamps(user);
        for (size_t k = 0; k < items.size(); ++k) {
            const std::string& id = d.itemId(items[k]);
            rows_.push_back({QString::fromStdString(id), itemTitle(*data, id), ratings[k], times[k]});
        }
    }
    endResetModel();
}

void InteractionsModel::showItem(const DataPtr& data, int32_t item) {
    beginResetModel();
    rows_.clear();
    usersListed_ = true;
    if (data && data->dataset && item >= 0 && item < data->dataset->numItems()) {
        const auto& d = *data->dataset;
        hasRatings_ = d.hasRatings();
        hasTimes_ = d.hasTimestamps();
        // No item -> users index is kept: one pass over the CSR arrays is a few ms on 100k rows.
        for (int32_t u = 0; u < d.numUsers(); ++u)
            for (int64_t p = d.offsets()[static_cast<size_t>(u)]; p < d.offsets()[static_cast<size_t>(u) + 1]; ++p)
                if (d.items()[static_cast<size_t>(p)] == item)
                    rows_.push_back({QString::fromStdString(d.userId(u)), QString(),
                                     d.ratings()[static_cast<size_t>(p)], d.timestamps()[static_cast<size_t>(p)]});
    }
    endResetModel();
}

int InteractionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int InteractionsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InteractionsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    switch (index.column()) {
        case Other:
            return r.other;
        case Title:
            return r.title;
        case Rating:
            if (std::isnan(r.rating)) return {};
            return role == RawValueRole ? QVariant(r.rating) : QVariant(QString::number(r.rating, 'g', 4));
        case Time:
            if (!hasTimes_) return {};
            if (role == RawValueRole) return static_cast<qlonglong>(r.time);
            return QDateTime::fromSecsSinceEpoch(r.time, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        default:
            return {};
    }
}

QVariant InteractionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (section) {
        case Other:
            return usersListed_ ? tr("User") : tr("Item");
        case Title:
            return tr("Title");
        case Rating:
            return tr("Rating");
        case Time:
            return tr("Time (UTC)");
        default:
            return {};
    }
}

}  // namespace rs::widgets
