#include "emptystatepage.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "appsettings.h"

namespace rs::widgets {

EmptyStatePage::EmptyStatePage(AppSettings* settings, QWidget* parent) : QWidget(parent), settings_(settings) {
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* column = new QVBoxLayout;
    auto* title = new QLabel(tr("<h2>RecScope</h2><p>Load a dataset, train recommenders, evaluate and compare "
                                "them.</p>"),
                             this);
    title->setObjectName(QStringLiteral("emptyStateLabel"));
    title->setAlignment(Qt::AlignCenter);
    column->addWidget(title);
    auto* openFolder = new QPushButton(tr("Open dataset folder…"), this);
    openFolder->setObjectName(QStringLiteral("openDatasetFolderButton"));
    auto* openProject = new QPushButton(tr("Open project…"), this);
    auto* newProject = new QPushButton(tr("New project…"), this);
    for (auto* b : {openFolder, openProject, newProject}) {
        b->setMinimumWidth(260);
        column->addWidget(b, 0, Qt::AlignHCenter);
    }
    column->addWidget(new QLabel(tr("Recent projects"), this), 0, Qt::AlignHCenter);
    recent_ = new QListWidget(this);
    recent_->setObjectName(QStringLiteral("emptyRecentProjects"));
    recent_->setMaximumWidth(520);
    recent_->setMaximumHeight(180);
    column->addWidget(recent_, 0, Qt::AlignHCenter);
    outer->addLayout(column);
    outer->addStretch(2);
    connect(openFolder, &QPushButton::clicked, this, &EmptyStatePage::openDatasetFolderRequested);
    connect(openProject, &QPushButton::clicked, this, &EmptyStatePage::openProjectRequested);
    connect(newProject, &QPushButton::clicked, this, &EmptyStatePage::newProjectRequested);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit recentProjectActivated(item->data(Qt::UserRole).toString()); });
    refresh();
}

void EmptyStatePage::refresh() {
    recent_->clear();
    for (const QString& path : settings_->recentProjects()) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(QFileInfo(path).fileName(), path), recent_);
        item->setData(Qt::UserRole, path);
    }
    if (recent_->count() == 0) new QListWidgetItem(tr("(none yet)"), recent_);
}

}  // namespace rs::widgets
