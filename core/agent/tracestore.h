#pragma once
// TraceStore: agent conversations and their turn traces in the project file, over the project's
// SQLite connection (ProjectStore::database()).
//
// Tables (created by the first write, so older project files open unchanged; reading a file
// without them lists nothing):
//   conversations(id INTEGER PRIMARY KEY, created, user, planner, dataset, domain)
//   turns(id INTEGER PRIMARY KEY, conversation INTEGER, turn INTEGER, created, user_text, answer,
//         planner, llm_calls INTEGER, tokens INTEGER, errors INTEGER, trace TEXT JSON,
//         UNIQUE(conversation, turn))
// A conversation's id is its row id; TurnTrace::conversation holds it as decimal text. trace is
// TurnTrace::toJson() (trace.h) after scrubSecrets(). Saving a turn with the same (conversation,
// turn) replaces it (a turn re-run after reflection). Every write is one transaction.
// Threading: one thread at a time, like ProjectStore; the Database must outlive the store.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/trace.h"
#include "store/sqlite.h"
#include "util/status.h"

namespace rs::agent {

struct ConversationInfo {
    std::string id;  // decimal row id
    std::string created;
    std::string user;     // who talks (the long-term profile's name); may be empty
    std::string planner;  // "builtin" or an LLM profile name
    std::string dataset;  // the catalog's dataset name
    std::string domain;   // prompt domain word ("movie", "game")
    int turns = 0;
};

struct TurnInfo {
    int64_t id = 0;  // the trace id `recscope-cli trace show` takes
    std::string conversation;
    int turn = 0;
    std::string created;
    std::string user;  // the user's message
    std::string answer;
    std::string planner;
    int llmCalls = 0;
    int64_t tokens = 0;  // prompt + completion over the turn's LLM calls
    int errors = 0;
};

class TraceStore {
public:
    explicit TraceStore(store::Database& db) : db_(&db) {}

    // A new conversation; returns its id.
    util::Result<std::string> createConversation(const ConversationInfo& info);
    // Saves one turn. The trace's conversation must exist (created here when it is a decimal id not
    // yet stored, so a trace from elsewhere can be imported). Returns the turn's trace id.
    util::Result<int64_t> saveTurn(const TurnTrace& trace);
    util::Result<int64_t> saveTurnJson(const nlohmann::json& trace);

    util::Result<std::vector<ConversationInfo>> listConversations();
    util::Result<std::optional<ConversationInfo>> findConversation(const std::string& id);
    // Turns of one conversation in order, or of all (newest conversation last) when id is empty.
    util::Result<std::vector<TurnInfo>> listTurns(const std::string& conversation = {});
    // The stored JSON of one turn; an unknown id fails naming it.
    util::Result<nlohmann::json> loadTurnJson(int64_t traceId);
    util::Result<TurnTrace> loadTurn(int64_t traceId);
    // All turns of a conversation, in order.
    util::Result<std::vector<TurnTrace>> loadConversation(const std::string& conversation);

private:
    util::Status ensureTables();
    util::Result<bool> tablesExist();
    store::Database* db_;
};

// A copy of j with anything that could carry a credential removed: object members named like
// api_key, apikey, api-key, authorization, x-api-key, password, secret, token (any case) are replaced
// by "[removed]", and "Bearer <token>" / "sk-…" sequences inside strings are masked. Traces are
// built from request bodies that hold no key; this is the second line of defence.
nlohmann::json scrubSecrets(const nlohmann::json& j);

}  // namespace rs::agent
