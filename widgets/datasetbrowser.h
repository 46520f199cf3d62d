#pragma once
// DatasetBrowser: one stored dataset at a time.
//   Items       sortable table with a title search, a "column contains" filter and a minimum
//               number of interactions; the selected item's attributes and its interactions
//   Users       the users (with the user table's columns when there is one) and a user's history
//   Statistics  per-column summary and a bar chart / histogram (ColumnChart)
// The dataset is loaded off the GUI thread (ProjectSession::loadDataset) with inline progress.
#include <QWidget>

#include "projectsession.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTabWidget;
class QTextBrowser;
class QLabel;

namespace rs::widgets {

class CatalogFilterProxy;
class CatalogTableModel;
class ColumnChart;
class InteractionsModel;
class ProgressStrip;

class DatasetBrowser final : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowser(ProjectSession* session, QWidget* parent = nullptr);

    // Loads (or takes from memory) and shows the dataset; datasetShown() when it is on screen.
    void showDataset(qint64 datasetId);
    qint64 currentDatasetId() const { return datasetId_; }
    // Selects an item by external id in the items table (clears filters that hide it).
    bool selectItem(const QString& itemId);

    CatalogTableModel* itemsModel() const { return items_; }
    CatalogFilterProxy* itemsProxy() const { return itemsProxy_; }
    CatalogTableModel* usersModel() const { return users_; }
    InteractionsModel* itemInteractions() const { return itemInteractions_; }
    InteractionsModel* userHistory() const { return userHistory_; }
    QLineEdit* searchEdit() const { return search_; }
    QComboBox* filterColumnBox() const { return filterColumn_; }
    QLineEdit* filterTextEdit() const { return filterText_; }
    QSpinBox* minInteractionsBox() const { return minInteractions_; }
    QTableView* itemsView() const { return itemsView_; }
    QTableView* usersView() const { return usersView_; }
    QComboBox* statsColumnBox() const { return statsColumn_; }
    ColumnChart* chart() const { return chart_; }
    QTabWidget* tabs() const { return tabs_; }

signals:
    void datasetShown(qint64 datasetId);
    void loadFailed(const QString& message);

private:
    void refreshDatasets();
    void setData(qint64 id, DataPtr data);
    void showItemDetails(int sourceRow);
    void showUserHistory(int sourceRow);
    void showStatsColumn();

    ProjectSession* session_;
    qint64 datasetId_ = 0;
    DataPtr data_;
    QComboBox* datasetBox_;
    QLabel* summary_;
    ProgressStrip* progress_;
    QTabWidget* tabs_;
    CatalogTableModel* items_;
    CatalogFilterProxy* itemsProxy_;
    CatalogTableModel* users_;
    CatalogFilterProxy* usersProxy_;
    InteractionsModel* itemInteractions_;
    InteractionsModel* userHistory_;
    QLineEdit* search_;
    QComboBox* filterColumn_;
    QLineEdit* filterText_;
    QSpinBox* minInteractions_;
    QTableView* itemsView_;
    QTableView* usersView_;
    QTextBrowser* details_;
    QComboBox* statsTable_;
    QComboBox* statsColumn_;
    QLabel* statsSummary_;
    ColumnChart* chart_;
};

}  // namespace rs::widgets
