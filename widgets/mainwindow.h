#pragma once
// The workbench's main window. For now an empty-state page; panels arrive with later issues.
#include <QMainWindow>

namespace rs::widgets {

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace rs::widgets
