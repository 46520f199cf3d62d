#include "settingspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QVBoxLayout>

#include "appsettings.h"
#include "endpointcheck.h"
#include "job.h"
#include "progressstrip.h"

namespace rs::widgets {

SettingsPanel::SettingsPanel(AppSettings* settings, JobQueue* jobs, QWidget* parent)
    : QWidget(parent), settings_(settings), jobs_(jobs) {
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    auto* profilesBox = new QGroupBox(tr("LLM endpoint profiles"), this);
    auto* pl = new QVBoxLayout(profilesBox);
    list_ = new QListWidget(profilesBox);
    list_->setObjectName(QStringLiteral("profileList"));
    pl->addWidget(list_, 1);
    auto* addRow = new QHBoxLayout;
    presetBox_ = new QComboBox(profilesBox);
    for (const auto& p : llm::presetProfiles()) presetBox_->addItem(QString::fromStdString(p.name));
    auto* add = new QPushButton(tr("Add preset"), profilesBox);
    auto* remove = new QPushButton(tr("Remove"), profilesBox);
    addRow->addWidget(presetBox_, 1);
    addRow->addWidget(add);
    addRow->addWidget(remove);
    pl->addLayout(addRow);
    auto* editor = new QFormLayout;
    name_ = new QLineEdit(profilesBox);
    baseUrl_ = new QLineEdit(profilesBox);
    model_ = new QLineEdit(profilesBox);
    keyEnv_ = new QLineEdit(profilesBox);
    keyEnv_->setObjectName(QStringLiteral("keyEnvEdit"));
    keyEnv_->setPlaceholderText(tr("e.g. OPENAI_API_KEY (the variable's name, not the key)"));
    keyEnv_->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z_][A-Za-z0-9_]*")), keyEnv_));
    azure_ = new QCheckBox(tr("Azure OpenAI"), profilesBox);
    apiVersion_ = new QLineEdit(profilesBox);
    local_ = new QCheckBox(tr("Local server (costs nothing)"), profilesBox);
    editor->addRow(tr("Name:"), name_);
    editor->addRow(tr("Base URL:"), baseUrl_);
    editor->addRow(tr("Model:"), model_);
    editor->addRow(tr("API key variable:"), keyEnv_);
    editor->addRow(azure_, apiVersion_);
    editor->addRow(local_);
    pl->addLayout(editor);
    test_ = new QPushButton(tr("Test connection"), profilesBox);
    test_->setObjectName(QStringLiteral("testConnectionButton"));
    testResult_ = new QLabel(profilesBox);
    testResult_->setWordWrap(true);
    progress_ = new ProgressStrip(profilesBox);
    pl->addWidget(test_);
    pl->addWidget(progress_);
    pl->addWidget(testResult_);
    left->addWidget(profilesBox, 1);
    layout->addLayout(left, 3);

    auto* right = new QVBoxLayout;
    auto* rolesBox = new QGroupBox(tr("Profile per role"), this);
    auto* rl = new QFormLayout(rolesBox);
    for (llm::Role r : llm::kAllRoles) {
        auto* box = new QComboBox(rolesBox);
        roleBoxes_.push_back(box);
        rl->addRow(QString::fromLatin1(llm::roleName(r)) + QLatin1Char(':'), box);
    }
    right->addWidget(rolesBox);
    auto* pricesBox = new QGroupBox(tr("Prices (USD per 1M tokens)"), this);
    auto* prl = new QVBoxLayout(pricesBox);
    prices_ = new QTableWidget(0, 3, pricesBox);
    prices_->setHorizontalHeaderLabels({tr("Model"), tr("Input"), tr("Output")});
    prices_->horizontalHeader()->setStretchLastSection(true);
    prices_->verticalHeader()->hide();
    auto* addPrice = new QPushButton(tr("Add row"), pricesBox);
    prl->addWidget(prices_, 1);
    prl->addWidget(addPrice);
    right->addWidget(pricesBox, 1);
    auto* langRow = new QFormLayout;
    language_ = new QComboBox(this);
    language_->addItem(tr("System"), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    langRow->addRow(tr("Language (after restart):"), language_);
    right->addLayout(langRow);
    auto* buttons = new QHBoxLayout;
    auto* saveButton = new QPushButton(tr("Save"), this);
    saveButton->setObjectName(QStringLiteral("saveSettingsButton"));
    auto* revertButton = new QPushButton(tr("Revert"), this);
    buttons->addStretch(1);
    buttons->addWidget(revertButton);
    buttons->addWidget(saveButton);
    right->addLayout(buttons);
    layout->addLayout(right, 2);

    connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
        storeEditor();
        showProfile(row);
    });
    connect(add, &QPushButton::clicked, this, &SettingsPanel::addPreset);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (current_ < 0) return;
        set_.profiles.erase(set_.profiles.begin() + current_);
        current_ = -1;
        delete list_->takeItem(list_->currentRow());
        refreshRoleBoxes();
    });
    connect(addPrice, &QPushButton::clicked, this, [this] { prices_->insertRow(prices_->rowCount()); });
    connect(test_, &QPushButton::clicked, this, &SettingsPanel::testConnection);
    connect(saveButton, &QPushButton::clicked, this, &SettingsPanel::save);
    connect(revertButton, &QPushButton::clicked, this, &SettingsPanel::revert);
    revert();
}

void SettingsPanel::revert() {
    set_ = settings_->profiles();
    current_ = -1;
    {
        const QSignalBlocker block(list_);
        list_->clear();
        for (const auto& p : set_.profiles) list_->addItem(QString::fromStdString(p.name));
    }
    showProfile(set_.profiles.empty() ? -1 : 0);
    if (!set_.profiles.empty()) list_->setCurrentRow(0);
    refreshRoleBoxes();
    const auto table = settings_->prices();
    prices_->setRowCount(0);
    for (const auto& [model, price] : table.prices()) {
        const int r = prices_->rowCount();
        prices_->insertRow(r);
        prices_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(model)));
        prices_->setItem(r, 1, new QTableWidgetItem(QString::number(price.inputPerMillion)));
        prices_->setItem(r, 2, new QTableWidgetItem(QString::number(price.outputPerMillion)));
    }
    language_->setCurrentIndex(std::max(0, language_->findData(settings_->language())));
}

void SettingsPanel::refreshRoleBoxes() {
    for (size_t i = 0; i < roleBoxes_.size(); ++i) {
        QComboBox* box = roleBoxes_[i];
        const std::string role(llm::roleName(llm::kAllRoles[i]));
        const auto it = set_.roles.find(role);
        const QString wanted = box->count() > 0
                                   ? box->currentData().toString()
                                   : (it == set_.roles.end() ? QString() : QString::fromStdString(it->second));
        box->clear();
        box->addItem(role == "planner" ? tr("Built-in planner (no LLM)") : tr("(none)"), QString());
        for (const auto& p : set_.profiles)
            box->addItem(QString::fromStdString(p.name), QString::fromStdString(p.name));
        box->setCurrentIndex(std::max(0, box->findData(wanted)));
    }
}

void SettingsPanel::showProfile(int row) {
    current_ = row;
    const bool valid = row >= 0 && row < static_cast<int>(set_.profiles.size());
    for (QWidget* w :
         std::initializer_list<QWidget*>{name_, baseUrl_, model_, keyEnv_, azure_, apiVersion_, local_, test_})
        w->setEnabled(valid);
    const llm::EndpointProfile p = valid ? set_.profiles[static_cast<size_t>(row)] : llm::EndpointProfile{};
    name_->setText(QString::fromStdString(p.name));
    baseUrl_->setText(QString::fromStdString(p.baseUrl));
    model_->setText(QString::fromStdString(p.model));
    keyEnv_->setText(QString::fromStdString(p.apiKeyEnv));
    azure_->setChecked(p.azure);
    apiVersion_->setText(QString::fromStdString(p.azureApiVersion));
    local_->setChecked(p.local);
    testResult_->clear();
}

void SettingsPanel::storeEditor() {
    if (current_ < 0 || current_ >= static_cast<int>(set_.profiles.size())) return;
    auto& p = set_.profiles[static_cast<size_t>(current_)];
    p.name = name_->text().trimmed().toStdString();
    p.baseUrl = baseUrl_->text().trimmed().toStdString();
    p.model = model_->text().trimmed().toStdString();
    p.apiKeyEnv = keyEnv_->text().trimmed().toStdString();
    p.azure = azure_->isChecked();
    p.azureApiVersion = apiVersion_->text().trimmed().toStdString();
    p.local = local_->isChecked();
    if (auto* item = list_->item(current_)) item->setText(QString::fromStdString(p.name));
}

void SettingsPanel::addPreset() {
    storeEditor();
    auto preset = llm::presetProfile(presetBox_->currentText().toStdString());
    if (!preset) return;
    // Names are unique within the set: "ollama", "ollama-2", …
    std::string name = preset->name;
    auto taken = [this](const std::string& n) {
        return std::any_of(set_.profiles.begin(), set_.profiles.end(), [&](const auto& p) { return p.name == n; });
    };
    for (int n = 2; taken(name); ++n) name = preset->name + "-" + std::to_string(n);
    preset->name = name;
    set_.profiles.push_back(*preset);
    list_->addItem(QString::fromStdString(name));
    list_->setCurrentRow(list_->count() - 1);
    refreshRoleBoxes();
}

void SettingsPanel::save() {
    storeEditor();
    set_.roles.clear();
    for (size_t i = 0; i < roleBoxes_.size(); ++i) {
        const QString profile = roleBoxes_[i]->currentData().toString();
        if (!profile.isEmpty()) set_.roles[std::string(llm::roleName(llm::kAllRoles[i]))] = profile.toStdString();
    }
    settings_->setProfiles(set_);
    llm::PriceTable table;
    for (int r = 0; r < prices_->rowCount(); ++r) {
        const auto* m = prices_->item(r, 0);
        if (!m || m->text().trimmed().isEmpty()) continue;
        const auto num = [&](int c) { return prices_->item(r, c) ? prices_->item(r, c)->text().toDouble() : 0.0; };
        table.set(m->text().trimmed().toStdString(), {num(1), num(2)});
    }
    settings_->setPrices(table);
    const QString lang = language_->currentData().toString();
    if (lang != settings_->language()) {
        settings_->setLanguage(lang);
        emit languageChanged(lang);
    }
}

void SettingsPanel::testConnection() {
    storeEditor();
    if (current_ < 0) return;
    const llm::EndpointProfile profile = set_.profiles[static_cast<size_t>(current_)];
    Job* job = nullptr;
    auto future = jobs_->run<util::Result<std::vector<std::string>>>(
        tr("Testing %1").arg(QString::fromStdString(profile.name)),
        [profile](const util::Task& task) { return listEndpointModels(profile, task); }, &job);
    progress_->attach(job);
    test_->setEnabled(false);
    testResult_->setText(tr("Connecting to %1…").arg(QString::fromStdString(profile.describe())));
    future.then(this, [this, profile](util::Result<std::vector<std::string>> r) {
        test_->setEnabled(current_ >= 0);
        QString msg;
        if (!r) {
            msg = tr("Failed: %1").arg(QString::fromStdString(r.message()));
        } else {
            const bool listed = std::find(r->begin(), r->end(), profile.model) != r->end();
            msg = tr("Connected: %1 models listed; %2 %3.")
                      .arg(r->size())
                      .arg(QString::fromStdString(profile.model))
                      .arg(listed ? tr("is available") : tr("is not listed"));
        }
        testResult_->setText(msg);
        emit connectionTested(r.isOk(), msg);
    });
}

}  // namespace rs::widgets
