#pragma once
// ModelsPanel: pick a registered model, edit its hyper-parameters (defaults from the registry),
// train it on a stored dataset in the background with progress and Cancel, and see the project's
// trained models with their fit time and size.
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace rs::widgets {

class ParamsModel;
class ProgressStrip;
class ProjectSession;
class TrainedModelsModel;
class TrainingService;

class ModelsPanel final : public QWidget {
    Q_OBJECT
public:
    ModelsPanel(ProjectSession* session, TrainingService* training, QWidget* parent = nullptr);

    QComboBox* modelBox() const { return modelBox_; }
    QComboBox* datasetBox() const { return datasetBox_; }
    ParamsModel* params() const { return params_; }
    TrainedModelsModel* trained() const { return trained_; }
    QPushButton* trainButton() const { return train_; }
    ProgressStrip* progress() const { return progress_; }
    QLabel* status() const { return status_; }

public slots:
    void startTraining();
    void refresh();

signals:
    void trainingFinished(bool ok, const QString& message);

private:
    ProjectSession* session_;
    TrainingService* training_;
    QComboBox* modelBox_;
    QComboBox* datasetBox_;
    QLabel* description_;
    ParamsModel* params_;
    QPushButton* train_;
    ProgressStrip* progress_;
    QLabel* status_;
    TrainedModelsModel* trained_;
};

}  // namespace rs::widgets
