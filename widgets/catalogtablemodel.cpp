#include "catalogtablemodel.h"

namespace rs::widgets {

QString cellText(const data::Column& c, size_t row) {
    if (!c.present(row)) return {};
    switch (c.type()) {
        case data::ColumnType::Text:
        case data::ColumnType::Date:
            return QString::fromStdString(c.text(row));
        case data::ColumnType::Integer:
            return QString::number(static_cast<qlonglong>(c.number(row)));
        case data::ColumnType::Real:
            return QString::number(c.number(row), 'g', 8);
        case data::ColumnType::TagList: {
            QStringList tags;
            for (const auto& t : c.tags(row)) tags << QString::fromStdString(t);
            return tags.join(QStringLiteral(", "));
        }
    }
    return {};
}

CatalogTableModel::CatalogTableModel(Kind kind, QObject* parent) : QAbstractTableModel(parent), kind_(kind) {}

const data::ItemCatalog* CatalogTableModel::catalog() const {
    if (!data_) return nullptr;
    const auto& c = kind_ == Kind::Items ? data_->catalog : data_->userCatalog;
    return c ? &*c : nullptr;
}

void CatalogTableModel::setDataset(DataPtr data) {
    beginResetModel();
    data_ = std::move(data);
    columns_.clear();
    indexOfRow_.clear();
    counts_.clear();
    titleColumn_ = -1;
    if (data_) {
        const data::Dataset* d = data_->dataset ? &*data_->dataset : nullptr;
        std::vector<int64_t> itemCounts;
        if (d && kind_ == Kind::Items) itemCounts = d->itemCounts();
        auto countOf = [&](int32_t idx) -> int64_t {
            if (idx < 0 || !d) return 0;
            return kind_ == Kind::Items ? itemCounts[static_cast<size_t>(idx)] : d->userCount(idx);
        };
        if (const auto* cat = catalog()) {
            if (const auto* t = cat->column(cat->titleColumn())) {
                titleColumn_ = FirstAttribute;
                columns_.push_back(t);
            }
            for (const auto& c : cat->columns())
                if (c.name() != cat->titleColumn()) columns_.push_back(&c);
            for (const auto& id : cat->ids()) {
                std::optional<int32_t> idx;
                if (d) idx = kind_ == Kind::Items ? d->itemIndex(id) : d->userIndex(id);
                indexOfRow_.push_back(idx ? *idx : -1);
                counts_.push_back(countOf(idx ? *idx : -1));
            }
        } else if (d) {
            const int32_t n = kind_ == Kind::Items ? d->numItems() : d->numUsers();
            for (int32_t i = 0; i < n; ++i) {
                indexOfRow_.push_back(i);
                counts_.push_back(countOf(i));
            }
        }
    }
    endResetModel();
}

int CatalogTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(indexOfRow_.size());
}

int CatalogTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstAttribute + static_cast<int>(columns_.size());
}

const data::Column* CatalogTableModel::catalogColumn(int column) const {
    if (column < FirstAttribute || column >= columnCount()) return nullptr;
    return columns_[static_cast<size_t>(column - FirstAttribute)];
}

QString CatalogTableModel::id(int row) const {
    if (row < 0 || row >= rowCount()) return {};
    if (const auto* cat = catalog()) return QString::fromStdString(cat->ids()[static_cast<size_t>(row)]);
    const auto& d = *data_->dataset;
    const int32_t i = indexOfRow_[static_cast<size_t>(row)];
    return QString::fromStdString(kind_ == Kind::Items ? d.itemId(i) : d.userId(i));
}

QString CatalogTableModel::title(int row) const {
    if (titleColumn_ < 0 || row < 0 || row >= rowCount()) return {};
    return cellText(*columns_.front(), static_cast<size_t>(row));
}

int CatalogTableModel::rowOfId(const QString& id) const {
    if (!data_) return -1;
    const std::string key = id.toStdString();
    if (const auto* cat = catalog()) {
        auto r = cat->rowOf(key);
        return r ? static_cast<int>(*r) : -1;
    }
    if (!data_->dataset) return -1;
    auto i = kind_ == Kind::Items ? data_->dataset->itemIndex(key) : data_->dataset->userIndex(key);
    return i ? *i : -1;
}

QVariant CatalogTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const auto row = static_cast<size_t>(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == Interactions ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != RawValueRole && role != Qt::ToolTipRole) return {};
    if (index.column() == Id) return id(index.row());
    if (index.column() == Interactions) {
        if (role == RawValueRole) return static_cast<qlonglong>(counts_[row]);
        return QString::number(counts_[row]);
    }
    const data::Column& c = *catalogColumn(index.column());
    if (role == RawValueRole && c.present(row) &&
        (c.type() == data::ColumnType::Integer || c.type() == data::ColumnType::Real ||
         c.type() == data::ColumnType::Date))
        return c.number(row);
    return cellText(c, row);
}

QVariant CatalogTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return section + 1;
    if (section == Id) return kind_ == Kind::Items ? tr("Item") : tr("User");
    if (section == Interactions) return tr("Interactions");
    if (const auto* c = catalogColumn(section)) return QString::fromStdString(c->name());
    return {};
}

CatalogFilterProxy::CatalogFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(CatalogTableModel::RawValueRole);
}

void CatalogFilterProxy::setSearchText(const QString& text) {
    search_ = text.trimmed();
    invalidateRowsFilter();
}

void CatalogFilterProxy::setColumnFilter(int sourceColumn, const QString& text) {
    column_ = sourceColumn;
    columnText_ = text.trimmed();
    invalidateRowsFilter();
}

void CatalogFilterProxy::setMinInteractions(qint64 n) {
    minInteractions_ = n;
    invalidateRowsFilter();
}

bool CatalogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const auto* m = qobject_cast<const CatalogTableModel*>(sourceModel());
    if (!m) return true;
    if (!search_.isEmpty()) {
        const QString hay = m->titleModelColumn() >= 0 ? m->title(sourceRow) : m->id(sourceRow);
        if (!hay.contains(search_, Qt::CaseInsensitive)) return false;
    }
    if (minInteractions_ > 0 &&
        m->index(sourceRow, CatalogTableModel::Interactions).data(CatalogTableModel::RawValueRole).toLongLong() <
            minInteractions_)
        return false;
    if (column_ >= 0 && !columnText_.isEmpty() &&
        !m->index(sourceRow, column_).data().toString().contains(columnText_, Qt::CaseInsensitive))
        return false;
    return true;
}

}  // namespace rs::widgets
