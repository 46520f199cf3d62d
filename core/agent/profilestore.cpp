#include "agent/profilestore.h"

#include "store/storeutil.h"

namespace rs::agent {

util::Status ProfileStore::ensureTables() {
    return db_->exec(
        "CREATE TABLE IF NOT EXISTS user_profiles(user TEXT PRIMARY KEY, profile TEXT NOT NULL, updated TEXT);"
        "CREATE TABLE IF NOT EXISTS conversation_profiles(conversation TEXT PRIMARY KEY, user TEXT, "
        "profile TEXT NOT NULL, updated TEXT);");
}

util::Result<UserProfile> ProfileStore::load(const char* sql, const std::string& key, const char* table) {
    auto exists = store::detail::tableExists(*db_, table);
    if (!exists) return exists.status();
    if (!*exists) return UserProfile{};
    auto st = db_->prepare(sql);
    if (!st) return st.status();
    st->bind(1, key);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return UserProfile{};
    auto j = nlohmann::json::parse(st->text(0), nullptr, false);
    auto p = UserProfile::fromJson(j);
    if (!p) return util::Error{db_->path() + ": " + table + " '" + key + "': " + p.message()};
    return p;
}

util::Result<UserProfile> ProfileStore::loadUser(const std::string& user) {
    return load("SELECT profile FROM user_profiles WHERE user = ?", user, "user_profiles");
}

util::Result<UserProfile> ProfileStore::loadConversation(const std::string& conversation) {
    return load("SELECT profile FROM conversation_profiles WHERE conversation = ?", conversation,
                "conversation_profiles");
}

util::Status ProfileStore::writeUser(const std::string& user, const UserProfile& profile) {
    auto st = db_->prepare("INSERT OR REPLACE INTO user_profiles(user, profile, updated) VALUES (?, ?, ?)");
    if (!st) return st.status();
    st->bind(1, user).bind(2, profile.toJson().dump()).bind(3, store::detail::nowIso());
    return st->run();
}

util::Status ProfileStore::writeConversation(const std::string& conversation, const std::string& user,
                                             const UserProfile& profile) {
    auto st = db_->prepare(
        "INSERT OR REPLACE INTO conversation_profiles(conversation, user, profile, updated) VALUES (?, ?, ?, ?)");
    if (!st) return st.status();
    st->bind(1, conversation).bind(2, user).bind(3, profile.toJson().dump()).bind(4, store::detail::nowIso());
    return st->run();
}

util::Status ProfileStore::saveUser(const std::string& user, const UserProfile& profile) {
    if (user.empty()) return util::Status::error("profile: empty user name");
    auto tx = store::Transaction::begin(*db_);
    if (!tx) return tx.status();
    if (auto s = ensureTables(); !s) return s;
    if (auto s = writeUser(user, profile); !s) return s;
    return tx->commit();
}

util::Status ProfileStore::saveConversation(const std::string& conversation, const std::string& user,
                                            const UserProfile& profile) {
    if (conversation.empty()) return util::Status::error("profile: empty conversation id");
    auto tx = store::Transaction::begin(*db_);
    if (!tx) return tx.status();
    if (auto s = ensureTables(); !s) return s;
    if (auto s = writeConversation(conversation, user, profile); !s) return s;
    return tx->commit();
}

util::Result<UserProfile> ProfileStore::recordTurn(const std::string& conversation, const std::string& user,
                                                   const UserProfile& extracted) {
    if (conversation.empty()) return util::Error{"profile: empty conversation id"};
    auto tx = store::Transaction::begin(*db_);
    if (!tx) return tx.status();
    if (auto s = ensureTables(); !s) return s;
    auto conv = loadConversation(conversation);
    if (!conv) return conv.status();
    conv->merge(extracted);
    if (auto s = writeConversation(conversation, user, *conv); !s) return s;
    if (!user.empty()) {
        auto longTerm = loadUser(user);
        if (!longTerm) return longTerm.status();
        UserProfile lasting = extracted;
        lasting.expected = {};
        longTerm->merge(lasting);
        if (auto s = writeUser(user, *longTerm); !s) return s;
    }
    if (auto s = tx->commit(); !s) return s;
    return conv;
}

util::Result<std::vector<std::string>> ProfileStore::users() {
    std::vector<std::string> out;
    auto exists = store::detail::tableExists(*db_, "user_profiles");
    if (!exists) return exists.status();
    if (!*exists) return out;
    auto st = db_->prepare("SELECT user FROM user_profiles ORDER BY user");
    if (!st) return st.status();
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        out.push_back(st->text(0));
    }
    return out;
}

}  // namespace rs::agent
