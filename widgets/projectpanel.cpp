#include "projectpanel.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "appsettings.h"
#include "modeltablemodels.h"
#include "projectsession.h"

namespace rs::widgets {

namespace {
constexpr int kDatasetIdRole = Qt::UserRole + 1;
}

ProjectPanel::ProjectPanel(ProjectSession* session, AppSettings* settings, QWidget* parent)
    : QWidget(parent), session_(session), settings_(settings) {
    auto* layout = new QVBoxLayout(this);
    auto* buttons = new QHBoxLayout;
    auto* newButton = new QPushButton(tr("New…"), this);
    auto* openButton = new QPushButton(tr("Open…"), this);
    auto* importButton = new QPushButton(tr("Import…"), this);
    importButton->setObjectName(QStringLiteral("importButton"));
    buttons->addWidget(newButton);
    buttons->addWidget(openButton);
    buttons->addWidget(importButton);
    layout->addLayout(buttons);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(QStringLiteral("projectContents"));
    tree_->setHeaderLabels({tr("Contents"), tr("Details")});
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(tree_, 3);
    layout->addWidget(new QLabel(tr("Recent projects"), this));
    recent_ = new QListWidget(this);
    recent_->setObjectName(QStringLiteral("recentProjects"));
    layout->addWidget(recent_, 1);

    connect(newButton, &QPushButton::clicked, this, &ProjectPanel::newProjectRequested);
    connect(openButton, &QPushButton::clicked, this, &ProjectPanel::openProjectRequested);
    connect(importButton, &QPushButton::clicked, this, &ProjectPanel::importRequested);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit recentProjectActivated(item->data(Qt::UserRole).toString()); });
    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QVariant id = item->data(0, kDatasetIdRole);
        if (id.isValid()) emit datasetActivated(id.toLongLong());
    });
    connect(session_, &ProjectSession::projectOpened, this, &ProjectPanel::refresh);
    connect(session_, &ProjectSession::projectClosed, this, &ProjectPanel::refresh);
    connect(session_, &ProjectSession::contentsChanged, this, &ProjectPanel::refresh);
    refresh();
}

void ProjectPanel::refresh() {
    recent_->clear();
    for (const QString& path : settings_->recentProjects()) {
        auto* item = new QListWidgetItem(QFileInfo(path).fileName(), recent_);
        item->setToolTip(path);
        item->setData(Qt::UserRole, path);
    }
    tree_->clear();
    if (!session_->isOpen()) {
        title_->setText(tr("No project open."));
        return;
    }
    title_->setText(tr("Project: %1").arg(QFileInfo(session_->path()).fileName()));
    title_->setToolTip(session_->path());
    auto group = [this](const QString& name, size_t n) {
        auto* g = new QTreeWidgetItem(tree_, {name, QString::number(n)});
        g->setExpanded(true);
        return g;
    };
    const auto datasets = session_->datasets();
    auto* ds = group(tr("Datasets"), datasets.size());
    for (const auto& d : datasets) {
        auto* item = new QTreeWidgetItem(
            ds, {QString::fromStdString(d.name), tr("%1 users, %2 items, %3 interactions, %4 catalog rows")
                                                     .arg(d.numUsers)
                                                     .arg(d.numItems)
                                                     .arg(d.numInteractions)
                                                     .arg(d.catalogRows)});
        item->setData(0, kDatasetIdRole, static_cast<qlonglong>(d.id));
        item->setToolTip(
            0, tr("Format %1, imported %2").arg(QString::fromStdString(d.format), QString::fromStdString(d.created)));
    }
    const auto models = session_->models();
    auto* ms = group(tr("Models"), models.size());
    for (const auto& m : models)
        new QTreeWidgetItem(ms, {QString::fromStdString(m.name),
                                 tr("fit %1 s, %2").arg(m.fitSeconds, 0, 'f', 2).arg(formatBytes(m.blobBytes))});
    const auto indexes = session_->indexes();
    auto* is = group(tr("Indexes"), indexes.size());
    for (const auto& i : indexes)
        new QTreeWidgetItem(is, {QString::fromStdString(i.name),
                                 tr("%1 vectors, %2").arg(i.count).arg(QString::fromStdString(i.spec))});
    const auto runs = session_->evalRuns();
    auto* rs = group(tr("Evaluation runs"), runs.size());
    for (const auto& r : runs)
        new QTreeWidgetItem(
            rs, {tr("Run %1").arg(r.id), tr("%1, %2 models, %3")
                                             .arg(QString::fromStdString(r.protocol.value("dataset", std::string())))
                                             .arg(r.results.size())
                                             .arg(QString::fromStdString(r.created))});
}

}  // namespace rs::widgets
