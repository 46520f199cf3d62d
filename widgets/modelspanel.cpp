#include "modelspanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "job.h"
#include "modeltablemodels.h"
#include "progressstrip.h"
#include "projectsession.h"
#include "trainingservice.h"

namespace rs::widgets {

ModelsPanel::ModelsPanel(ProjectSession* session, TrainingService* training, QWidget* parent)
    : QWidget(parent), session_(session), training_(training) {
    auto* layout = new QHBoxLayout(this);
    auto* trainBox = new QGroupBox(tr("Train a model"), this);
    auto* form = new QFormLayout(trainBox);
    modelBox_ = new QComboBox(trainBox);
    modelBox_->setObjectName(QStringLiteral("modelBox"));
    datasetBox_ = new QComboBox(trainBox);
    datasetBox_->setObjectName(QStringLiteral("trainDatasetBox"));
    description_ = new QLabel(trainBox);
    description_->setWordWrap(true);
    params_ = new ParamsModel(this);
    auto* paramsView = new QTableView(trainBox);
    paramsView->setModel(params_);
    paramsView->verticalHeader()->hide();
    paramsView->horizontalHeader()->setStretchLastSection(true);
    train_ = new QPushButton(tr("Train"), trainBox);
    train_->setObjectName(QStringLiteral("trainButton"));
    progress_ = new ProgressStrip(trainBox);
    status_ = new QLabel(trainBox);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Model:"), modelBox_);
    form->addRow(description_);
    form->addRow(tr("Dataset:"), datasetBox_);
    form->addRow(tr("Hyper-parameters:"), paramsView);
    form->addRow(train_);
    form->addRow(progress_);
    form->addRow(status_);
    layout->addWidget(trainBox, 2);

    auto* listBox = new QGroupBox(tr("Trained models"), this);
    auto* listLayout = new QVBoxLayout(listBox);
    trained_ = new TrainedModelsModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(trained_);
    proxy->setSortRole(TrainedModelsModel::RawValueRole);
    auto* trainedView = new QTableView(listBox);
    trainedView->setObjectName(QStringLiteral("trainedModelsView"));
    trainedView->setModel(proxy);
    trainedView->setSortingEnabled(true);
    trainedView->verticalHeader()->hide();
    trainedView->horizontalHeader()->setStretchLastSection(true);
    listLayout->addWidget(trainedView);
    layout->addWidget(listBox, 3);

    const auto kinds = TrainingService::modelKinds();
    for (const auto& k : kinds) modelBox_->addItem(k.name);
    connect(modelBox_, &QComboBox::currentIndexChanged, this, [this, kinds](int i) {
        if (i < 0 || i >= static_cast<int>(kinds.size())) return;
        description_->setText(kinds[static_cast<size_t>(i)].description);
        params_->setDefaults(kinds[static_cast<size_t>(i)].defaults);
    });
    const int ease = modelBox_->findText(QStringLiteral("ease"));
    modelBox_->setCurrentIndex(-1);
    modelBox_->setCurrentIndex(ease >= 0 ? ease : 0);
    connect(train_, &QPushButton::clicked, this, &ModelsPanel::startTraining);
    connect(session_, &ProjectSession::contentsChanged, this, &ModelsPanel::refresh);
    connect(session_, &ProjectSession::projectOpened, this, &ModelsPanel::refresh);
    connect(session_, &ProjectSession::projectClosed, this, &ModelsPanel::refresh);
    refresh();
}

void ModelsPanel::refresh() {
    const auto datasets = session_->datasets();
    const QVariant current = datasetBox_->currentData();
    datasetBox_->clear();
    for (const auto& d : datasets)
        if (d.hasInteractions) datasetBox_->addItem(QString::fromStdString(d.name), qlonglong(d.id));
    if (const int at = datasetBox_->findData(current); at >= 0) datasetBox_->setCurrentIndex(at);
    trained_->setModels(session_->models(), datasets);
    train_->setEnabled(datasetBox_->count() > 0 && !progress_->job());
}

void ModelsPanel::startTraining() {
    if (datasetBox_->currentIndex() < 0) {
        status_->setText(tr("Import a dataset with interactions first."));
        return;
    }
    Job* job = nullptr;
    auto future = training_->train(datasetBox_->currentData().toLongLong(), modelBox_->currentText(),
                                   params_->changedParams(), &job);
    progress_->attach(job);
    train_->setEnabled(false);
    status_->setText(tr("Training %1…").arg(modelBox_->currentText()));
    future.then(this, [this](util::Result<TrainOutcome> r) {
        train_->setEnabled(datasetBox_->count() > 0);
        if (!r) {
            const QString msg = QString::fromStdString(r.message());
            status_->setText(msg.endsWith(QLatin1String("cancelled")) ? tr("Training cancelled.")
                                                                      : tr("Training failed: %1").arg(msg));
            emit trainingFinished(false, msg);
            return;
        }
        const QString msg = tr("Trained %1 in %2 s (%3), saved as model %4.")
                                .arg(r->model)
                                .arg(r->fitSeconds, 0, 'f', 2)
                                .arg(formatBytes(r->blobBytes))
                                .arg(r->modelId);
        status_->setText(msg);
        emit trainingFinished(true, msg);
    });
}

}  // namespace rs::widgets
