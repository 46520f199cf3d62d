#pragma once
// SettingsPanel: LLM endpoint profiles (from the presets for OpenAI, Azure, Ollama, llama.cpp,
// vLLM, LM Studio, then edited), which profile each role uses, "Test connection" (lists the
// endpoint's models off the GUI thread), the API key's environment-variable NAME — the key itself
// is never asked for, shown or saved — prices per model, and the UI language.
// Saved through AppSettings on "Save"; "Revert" reloads what is stored.
#include <QWidget>
#include <vector>

#include "llm/pricetable.h"
#include "llm/profile.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace rs::widgets {

class AppSettings;
class JobQueue;
class ProgressStrip;

class SettingsPanel final : public QWidget {
    Q_OBJECT
public:
    SettingsPanel(AppSettings* settings, JobQueue* jobs, QWidget* parent = nullptr);

    QListWidget* profileList() const { return list_; }
    QComboBox* presetBox() const { return presetBox_; }
    QLineEdit* baseUrlEdit() const { return baseUrl_; }
    QLineEdit* modelEdit() const { return model_; }
    QLineEdit* keyEnvEdit() const { return keyEnv_; }
    QPushButton* testButton() const { return test_; }
    QLabel* testResult() const { return testResult_; }
    QComboBox* roleBox(llm::Role role) const { return roleBoxes_[static_cast<size_t>(role)]; }
    QComboBox* languageBox() const { return language_; }
    QTableWidget* pricesTable() const { return prices_; }
    const llm::ProfileSet& profiles() const { return set_; }

public slots:
    void addPreset();
    void save();
    void revert();
    void testConnection();

signals:
    void connectionTested(bool ok, const QString& message);
    void languageChanged(const QString& lang);

private:
    void showProfile(int row);
    void storeEditor();  // editor fields -> set_.profiles[current_]
    void refreshRoleBoxes();

    AppSettings* settings_;
    JobQueue* jobs_;
    llm::ProfileSet set_;
    int current_ = -1;
    QListWidget* list_;
    QComboBox* presetBox_;
    QLineEdit* name_;
    QLineEdit* baseUrl_;
    QLineEdit* model_;
    QLineEdit* keyEnv_;
    QCheckBox* azure_;
    QLineEdit* apiVersion_;
    QCheckBox* local_;
    QPushButton* test_;
    QLabel* testResult_;
    ProgressStrip* progress_;
    std::vector<QComboBox*> roleBoxes_;
    QTableWidget* prices_;
    QComboBox* language_;
};

}  // namespace rs::widgets
