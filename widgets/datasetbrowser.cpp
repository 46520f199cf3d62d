#include "datasetbrowser.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "catalogtablemodel.h"
#include "columnchart.h"
#include "interactionsmodel.h"
#include "job.h"
#include "progressstrip.h"

namespace rs::widgets {

namespace {
QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}
}  // namespace

DatasetBrowser::DatasetBrowser(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    datasetBox_ = new QComboBox(this);
    datasetBox_->setObjectName(QStringLiteral("datasetBox"));
    top->addWidget(new QLabel(tr("Dataset:"), this));
    top->addWidget(datasetBox_, 1);
    summary_ = new QLabel(this);
    top->addWidget(summary_, 3);
    layout->addLayout(top);
    progress_ = new ProgressStrip(this);
    layout->addWidget(progress_);

    tabs_ = new QTabWidget(this);
    layout->addWidget(tabs_, 1);

    // Items
    items_ = new CatalogTableModel(CatalogTableModel::Kind::Items, this);
    itemsProxy_ = new CatalogFilterProxy(this);
    itemsProxy_->setSourceModel(items_);
    auto* itemsPage = new QWidget(tabs_);
    auto* itemsLayout = new QVBoxLayout(itemsPage);
    auto* filters = new QHBoxLayout;
    search_ = new QLineEdit(itemsPage);
    search_->setObjectName(QStringLiteral("searchEdit"));
    search_->setPlaceholderText(tr("Search titles…"));
    search_->setClearButtonEnabled(true);
    filterColumn_ = new QComboBox(itemsPage);
    filterText_ = new QLineEdit(itemsPage);
    filterText_->setPlaceholderText(tr("contains…"));
    minInteractions_ = new QSpinBox(itemsPage);
    minInteractions_->setRange(0, 1000000);
    minInteractions_->setPrefix(tr("≥ "));
    minInteractions_->setSuffix(tr(" interactions"));
    filters->addWidget(search_, 2);
    filters->addWidget(new QLabel(tr("Filter:"), itemsPage));
    filters->addWidget(filterColumn_, 1);
    filters->addWidget(filterText_, 1);
    filters->addWidget(minInteractions_);
    itemsLayout->addLayout(filters);
    auto* itemsSplit = new QSplitter(Qt::Horizontal, itemsPage);
    itemsView_ = makeTable(itemsProxy_, itemsSplit);
    itemsView_->setObjectName(QStringLiteral("itemsView"));
    auto* detailSplit = new QSplitter(Qt::Vertical, itemsSplit);
    details_ = new QTextBrowser(detailSplit);
    itemInteractions_ = new InteractionsModel(this);
    makeTable(itemInteractions_, detailSplit);
    itemsSplit->setStretchFactor(0, 3);
    itemsSplit->setStretchFactor(1, 2);
    itemsLayout->addWidget(itemsSplit, 1);
    tabs_->addTab(itemsPage, tr("Items"));

    // Users
    users_ = new CatalogTableModel(CatalogTableModel::Kind::Users, this);
    usersProxy_ = new CatalogFilterProxy(this);
    usersProxy_->setSourceModel(users_);
    auto* usersSplit = new QSplitter(Qt::Horizontal, tabs_);
    usersView_ = makeTable(usersProxy_, usersSplit);
    usersView_->setObjectName(QStringLiteral("usersView"));
    userHistory_ = new InteractionsModel(this);
    makeTable(userHistory_, usersSplit);
    tabs_->addTab(usersSplit, tr("Users"));

    // Statistics
    auto* statsPage = new QWidget(tabs_);
    auto* statsLayout = new QVBoxLayout(statsPage);
    auto* statsTop = new QHBoxLayout;
    statsTable_ = new QComboBox(statsPage);
    statsTable_->addItems({tr("Items"), tr("Users")});
    statsColumn_ = new QComboBox(statsPage);
    statsColumn_->setObjectName(QStringLiteral("statsColumnBox"));
    statsTop->addWidget(new QLabel(tr("Table:"), statsPage));
    statsTop->addWidget(statsTable_);
    statsTop->addWidget(new QLabel(tr("Column:"), statsPage));
    statsTop->addWidget(statsColumn_, 1);
    statsLayout->addLayout(statsTop);
    statsSummary_ = new QLabel(statsPage);
    statsSummary_->setWordWrap(true);
    statsLayout->addWidget(statsSummary_);
    chart_ = new ColumnChart(statsPage);
    chart_->setObjectName(QStringLiteral("columnChart"));
    statsLayout->addWidget(chart_, 1);
    tabs_->addTab(statsPage, tr("Statistics"));

    connect(search_, &QLineEdit::textChanged, itemsProxy_, &CatalogFilterProxy::setSearchText);
    auto applyColumnFilter = [this] {
        itemsProxy_->setColumnFilter(filterColumn_->currentData().toInt(), filterText_->text());
    };
    connect(filterColumn_, &QComboBox::currentIndexChanged, this, applyColumnFilter);
    connect(filterText_, &QLineEdit::textChanged, this, applyColumnFilter);
    connect(minInteractions_, &QSpinBox::valueChanged, itemsProxy_, &CatalogFilterProxy::setMinInteractions);
    connect(itemsView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showItemDetails(current.isValid() ? itemsProxy_->mapToSource(current).row() : -1);
            });
    connect(usersView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showUserHistory(current.isValid() ? usersProxy_->mapToSource(current).row() : -1);
            });
    connect(statsTable_, &QComboBox::currentIndexChanged, this, [this] {
        const auto* model = statsTable_->currentIndex() == 0 ? items_ : users_;
        statsColumn_->clear();
        for (int c = CatalogTableModel::FirstAttribute; c < model->columnCount(); ++c)
            statsColumn_->addItem(model->headerData(c, Qt::Horizontal).toString(), c);
    });
    connect(statsColumn_, &QComboBox::currentIndexChanged, this, &DatasetBrowser::showStatsColumn);
    connect(datasetBox_, &QComboBox::activated, this, [this](int index) {
        const qint64 id = datasetBox_->itemData(index).toLongLong();
        if (id != datasetId_) showDataset(id);
    });
    connect(session_, &ProjectSession::contentsChanged, this, &DatasetBrowser::refreshDatasets);
    connect(session_, &ProjectSession::projectOpened, this, [this] {
        setData(0, nullptr);
        refreshDatasets();
    });
    connect(session_, &ProjectSession::projectClosed, this, [this] {
        setData(0, nullptr);
        refreshDatasets();
    });
}

void DatasetBrowser::refreshDatasets() {
    const QSignalBlocker block(datasetBox_);
    datasetBox_->clear();
    for (const auto& d : session_->datasets()) datasetBox_->addItem(QString::fromStdString(d.name), qlonglong(d.id));
    const int at = datasetBox_->findData(qlonglong(datasetId_));
    if (at >= 0) datasetBox_->setCurrentIndex(at);
}

void DatasetBrowser::showDataset(qint64 datasetId) {
    Job* job = nullptr;
    auto future = session_->loadDataset(datasetId, &job);
    if (job) progress_->attach(job);
    future.then(this, [this, datasetId](util::Result<DataPtr> r) {
        if (!r) {
            summary_->setText(tr("Cannot load: %1").arg(QString::fromStdString(r.message())));
            emit loadFailed(QString::fromStdString(r.message()));
            return;
        }
        setData(datasetId, *r);
        emit datasetShown(datasetId);
    });
}

void DatasetBrowser::setData(qint64 id, DataPtr data) {
    datasetId_ = id;
    data_ = std::move(data);
    items_->setDataset(data_);
    users_->setDataset(data_);
    itemInteractions_->clear();
    userHistory_->clear();
    details_->clear();
    {
        const QSignalBlocker block(filterColumn_);
        filterColumn_->clear();
        filterColumn_->addItem(tr("(no column)"), -1);
        for (int c = CatalogTableModel::Id; c < items_->columnCount(); ++c)
            if (c != CatalogTableModel::Interactions)
                filterColumn_->addItem(items_->headerData(c, Qt::Horizontal).toString(), c);
    }
    statsTable_->setCurrentIndex(-1);
    statsTable_->setCurrentIndex(0);
    refreshDatasets();
    if (!data_) {
        summary_->clear();
        return;
    }
    const auto* d = data_->dataset ? &*data_->dataset : nullptr;
    summary_->setText(tr("%1 (%2): %3 users, %4 items, %5 interactions, %6 catalog rows")
                          .arg(QString::fromStdString(data_->name), QString::fromStdString(data_->format))
                          .arg(d ? d->numUsers() : 0)
                          .arg(d ? d->numItems() : 0)
                          .arg(d ? d->numInteractions() : 0)
                          .arg(data_->catalog ? data_->catalog->size() : 0));
    itemsView_->resizeColumnsToContents();
}

bool DatasetBrowser::selectItem(const QString& itemId) {
    const int row = items_->rowOfId(itemId);
    if (row < 0) return false;
    QModelIndex proxyIndex = itemsProxy_->mapFromSource(items_->index(row, 0));
    if (!proxyIndex.isValid()) {
        search_->clear();
        filterText_->clear();
        minInteractions_->setValue(0);
        proxyIndex = itemsProxy_->mapFromSource(items_->index(row, 0));
    }
    tabs_->setCurrentIndex(0);
    itemsView_->setCurrentIndex(proxyIndex);
    itemsView_->scrollTo(proxyIndex);
    return true;
}

void DatasetBrowser::showItemDetails(int row) {
    if (row < 0 || !data_) {
        details_->clear();
        itemInteractions_->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3><table>").arg(items_->title(row).toHtmlEscaped());
    for (int c = 0; c < items_->columnCount(); ++c)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(items_->headerData(c, Qt::Horizontal).toString().toHtmlEscaped(),
                         items_->index(row, c).data().toString().toHtmlEscaped());
    details_->setHtml(html + QStringLiteral("</table>"));
    itemInteractions_->showItem(data_, items_->datasetIndex(row));
}

void DatasetBrowser::showUserHistory(int row) {
    if (row < 0 || !data_) {
        userHistory_->clear();
        return;
    }
    userHistory_->showUser(data_, users_->datasetIndex(row));
}

void DatasetBrowser::showStatsColumn() {
    const auto* model = statsTable_->currentIndex() == 1 ? users_ : items_;
    const auto* column = model->catalogColumn(statsColumn_->currentData().toInt());
    statsSummary_->setText(column ? columnSummary(*column) : QString());
    chart_->showColumn(column);
}

}  // namespace rs::widgets
