#pragma once
// ProfileStore: user profile memory in the project file, over the project's SQLite connection.
//
// Tables (created by the first write, so older project files open unchanged; reading a file
// without them gives empty profiles):
//   user_profiles(user TEXT PRIMARY KEY, profile TEXT JSON, updated TEXT)        long-term
//   conversation_profiles(conversation TEXT PRIMARY KEY, user TEXT, profile TEXT JSON, updated TEXT)
//                                                                                  short-term
// profile is UserProfile::toJson(). Every write is one transaction (the project store's rule): a
// failure leaves the file as it was. Errors name the file and the table.
// Threading: like ProjectStore, one thread at a time; the Database must outlive the store.
#include <string>
#include <vector>

#include "agent/profilememory.h"
#include "store/sqlite.h"
#include "util/status.h"

namespace rs::agent {

class ProfileStore {
public:
    explicit ProfileStore(store::Database& db) : db_(&db) {}

    // Empty profile when the user or conversation has none.
    util::Result<UserProfile> loadUser(const std::string& user);
    util::Result<UserProfile> loadConversation(const std::string& conversation);
    util::Status saveUser(const std::string& user, const UserProfile& profile);
    util::Status saveConversation(const std::string& conversation, const std::string& user, const UserProfile& profile);

    // One turn's extraction, merged (UserProfile::merge) into the conversation's profile and, without
    // its "expected" part (that is about the current request only), into the user's — in one
    // transaction. Returns the conversation's updated profile. user may be empty (no long-term).
    util::Result<UserProfile> recordTurn(const std::string& conversation, const std::string& user,
                                         const UserProfile& extracted);

    // User names with a long-term profile, sorted.
    util::Result<std::vector<std::string>> users();

private:
    util::Status ensureTables();
    util::Result<UserProfile> load(const char* sql, const std::string& key, const char* table);
    util::Status writeUser(const std::string& user, const UserProfile& profile);
    util::Status writeConversation(const std::string& conversation, const std::string& user,
                                   const UserProfile& profile);
    store::Database* db_;
};

}  // namespace rs::agent
