// Project settings: small JSON documents by key (LLM endpoint profiles, UI choices that belong to
// the project rather than to the machine).
#include "store/projectstore.h"
#include "store/storeutil.h"

namespace rs::store {

namespace {
constexpr const char* kSettingsSchema =
    "CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL)";
}

util::Status ProjectStore::saveSetting(const std::string& key, const nlohmann::json& value) {
    if (key.empty()) return util::Status::error(path() + ": a setting needs a key");
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.status();
    if (auto s = db_.exec(kSettingsSchema); !s) return s;
    auto st = db_.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)");
    if (!st) return st.status();
    if (auto s = st->bind(1, key).bind(2, value.dump()).run(); !s) return s;
    return tx->commit();
}

util::Result<std::optional<nlohmann::json>> ProjectStore::loadSetting(const std::string& key) {
    auto exists = detail::tableExists(db_, "settings");
    if (!exists) return exists.status();
    if (!*exists) return std::optional<nlohmann::json>{};
    auto st = db_.prepare("SELECT value FROM settings WHERE key = ?");
    if (!st) return st.status();
    st->bind(1, key);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return std::optional<nlohmann::json>{};
    nlohmann::json j = nlohmann::json::parse(st->text(0), nullptr, false);
    if (j.is_discarded()) return util::Error{path() + ": setting '" + key + "' is not valid JSON"};
    return std::optional<nlohmann::json>{std::move(j)};
}

}  // namespace rs::store
