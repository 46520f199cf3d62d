#pragma once
// AppSettings: the one typed wrapper over QSettings. Every key the workbench stores is a method
// here, so names and defaults live in one place. The store carries a schema version; migrate()
// upgrades older layouts on construction.
//
// Stored: recent project files (most recent first, at most kMaxRecent), the UI language, the
// main window's geometry and dock state, LLM endpoint profiles with their role assignment (as the
// core ProfileSet JSON: the API key's environment-variable NAME only, never a key — core refuses
// JSON carrying "api_key") and the price table JSON.
//
// Threading: GUI thread only. Tests pass their own QSettings file (constructor) so they never
// touch the user's settings.
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <memory>

#include "llm/pricetable.h"
#include "llm/profile.h"

namespace rs::widgets {

class AppSettings {
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr int kMaxRecent = 10;

    // The user's settings (organisation/application names set in main()).
    AppSettings();
    // An explicit INI file, for tests and the self-test.
    explicit AppSettings(const QString& iniFile);

    QStringList recentProjects() const;
    void addRecentProject(const QString& path);  // moves it to the front
    void removeRecentProject(const QString& path);

    QString language() const;  // "en" or "de"; empty = system locale
    void setLanguage(const QString& lang);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& g);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& s);

    llm::ProfileSet profiles() const;  // invalid stored JSON gives an empty set
    void setProfiles(const llm::ProfileSet& set);
    llm::PriceTable prices() const;
    void setPrices(const llm::PriceTable& table);

    QSettings& raw() { return *settings_; }

private:
    void migrate();
    std::unique_ptr<QSettings> settings_;
};

}  // namespace rs::widgets
