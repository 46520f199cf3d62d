#include "appsettings.h"

#include <QFileInfo>

namespace rs::widgets {

namespace {
constexpr auto kVersion = "schemaVersion";
constexpr auto kRecent = "projects/recent";
constexpr auto kLanguage = "ui/language";
constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
constexpr auto kProfiles = "llm/profiles";
constexpr auto kPrices = "llm/prices";
}  // namespace

AppSettings::AppSettings() : settings_(std::make_unique<QSettings>()) {
    migrate();
}

AppSettings::AppSettings(const QString& iniFile)
    : settings_(std::make_unique<QSettings>(iniFile, QSettings::IniFormat)) {
    migrate();
}

void AppSettings::migrate() {
    const int version = settings_->value(kVersion, 0).toInt();
    if (version < 2) {
        // Version 1 kept recent files under "recentFiles" as one ';'-joined string.
        const QString old = settings_->value(QStringLiteral("recentFiles")).toString();
        if (!old.isEmpty() && !settings_->contains(kRecent))
            settings_->setValue(kRecent, old.split(QLatin1Char(';'), Qt::SkipEmptyParts));
        settings_->remove(QStringLiteral("recentFiles"));
    }
    if (version != kSchemaVersion) settings_->setValue(kVersion, kSchemaVersion);
}

QStringList AppSettings::recentProjects() const {
    return settings_->value(kRecent).toStringList();
}

void AppSettings::addRecentProject(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = recentProjects();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecent) list.removeLast();
    settings_->setValue(kRecent, list);
}

void AppSettings::removeRecentProject(const QString& path) {
    QStringList list = recentProjects();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    settings_->setValue(kRecent, list);
}

QString AppSettings::language() const {
    return settings_->value(kLanguage).toString();
}
void AppSettings::setLanguage(const QString& lang) {
    settings_->setValue(kLanguage, lang);
}

QByteArray AppSettings::windowGeometry() const {
    return settings_->value(kGeometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray& g) {
    settings_->setValue(kGeometry, g);
}
QByteArray AppSettings::windowState() const {
    return settings_->value(kState).toByteArray();
}
void AppSettings::setWindowState(const QByteArray& s) {
    settings_->setValue(kState, s);
}

llm::ProfileSet AppSettings::profiles() const {
    const QByteArray text = settings_->value(kProfiles).toString().toUtf8();
    if (text.isEmpty()) return {};
    auto parsed = llm::parseProfileSet(std::string_view(text.constData(), static_cast<size_t>(text.size())));
    return parsed ? *parsed : llm::ProfileSet{};
}

void AppSettings::setProfiles(const llm::ProfileSet& set) {
    nlohmann::json j = set;
    settings_->setValue(kProfiles, QString::fromStdString(j.dump()));
}

llm::PriceTable AppSettings::prices() const {
    const QByteArray text = settings_->value(kPrices).toString().toUtf8();
    if (text.isEmpty()) return {};
    auto parsed = llm::PriceTable::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
    return parsed ? *parsed : llm::PriceTable{};
}

void AppSettings::setPrices(const llm::PriceTable& table) {
    settings_->setValue(kPrices, QString::fromStdString(table.toJson()));
}

}  // namespace rs::widgets
