#include "mainwindow.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rs::widgets {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("RecScope"));
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* label = new QLabel(tr("No project open.\nImport a dataset with recscope-cli import; the panels "
                                "for browsing, training and chatting arrive in the next releases."),
                             page);
    label->setObjectName(QStringLiteral("emptyStateLabel"));
    label->setAlignment(Qt::AlignCenter);
    layout->addWidget(label);
    setCentralWidget(page);
    resize(1024, 700);
}

}  // namespace rs::widgets
