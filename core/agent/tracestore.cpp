#include "agent/tracestore.h"

#include <algorithm>
#include <cctype>

#include "store/storeutil.h"
#include "util/text.h"

namespace rs::agent {

namespace {

bool isSecretName(std::string_view name) {
    std::string k;
    for (unsigned char c : name)
        if (std::isalnum(c)) k.push_back(static_cast<char>(std::tolower(c)));
    static constexpr std::string_view kNames[] = {"apikey", "xapikey", "authorization", "password",
                                                  "secret", "token",   "accesstoken",   "bearer"};
    return std::find(std::begin(kNames), std::end(kNames), k) != std::end(kNames);
}

// Masks "Bearer <token>" and OpenAI-style "sk-…" keys inside free text.
std::string maskText(std::string s) {
    auto maskAfter = [&](size_t from) {
        size_t e = from;
        while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])) && s[e] != '"' && s[e] != '\'') ++e;
        if (e > from) s.replace(from, e - from, "[removed]");
    };
    for (size_t p = 0; (p = s.find("Bearer ", p)) != std::string::npos; p += 7) maskAfter(p + 7);
    for (size_t p = 0; (p = s.find("sk-", p)) != std::string::npos; p += 3) {
        const bool wordStart = p == 0 || !std::isalnum(static_cast<unsigned char>(s[p - 1]));
        size_t e = p + 3;
        while (e < s.size() && (std::isalnum(static_cast<unsigned char>(s[e])) || s[e] == '-' || s[e] == '_')) ++e;
        if (wordStart && e - p >= 20) s.replace(p, e - p, "[removed]");
    }
    return s;
}

int countInt(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_array() ? static_cast<int>(it->size()) : 0;
}

}  // namespace

nlohmann::json scrubSecrets(const nlohmann::json& j) {
    if (j.is_object()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [k, v] : j.items()) out[k] = isSecretName(k) ? nlohmann::json("[removed]") : scrubSecrets(v);
        return out;
    }
    if (j.is_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& v : j) out.push_back(scrubSecrets(v));
        return out;
    }
    if (j.is_string()) return maskText(j.get<std::string>());
    return j;
}

util::Status TraceStore::ensureTables() {
    return db_->exec(
        "CREATE TABLE IF NOT EXISTS conversations(id INTEGER PRIMARY KEY, created TEXT, user TEXT, planner TEXT, "
        "dataset TEXT, domain TEXT);"
        "CREATE TABLE IF NOT EXISTS turns(id INTEGER PRIMARY KEY, conversation INTEGER NOT NULL, turn INTEGER NOT "
        "NULL, created TEXT, user_text TEXT, answer TEXT, planner TEXT, llm_calls INTEGER, tokens INTEGER, errors "
        "INTEGER, trace TEXT NOT NULL, UNIQUE(conversation, turn));");
}

util::Result<bool> TraceStore::tablesExist() {
    auto a = store::detail::tableExists(*db_, "conversations");
    if (!a) return a;
    auto b = store::detail::tableExists(*db_, "turns");
    if (!b) return b;
    return *a && *b;
}

util::Result<std::string> TraceStore::createConversation(const ConversationInfo& info) {
    auto tx = store::Transaction::begin(*db_);
    if (!tx) return tx.status();
    if (auto s = ensureTables(); !s) return s;
    auto st = db_->prepare("INSERT INTO conversations(created, user, planner, dataset, domain) VALUES (?, ?, ?, ?, ?)");
    if (!st) return st.status();
    st->bind(1, info.created.empty() ? store::detail::nowIso() : info.created)
        .bind(2, info.user)
        .bind(3, info.planner)
        .bind(4, info.dataset)
        .bind(5, info.domain);
    if (auto s = st->run(); !s) return s;
    const int64_t id = db_->lastInsertRowid();
    if (auto s = tx->commit(); !s) return s;
    return std::to_string(id);
}

util::Result<int64_t> TraceStore::saveTurn(const TurnTrace& trace) {
    return saveTurnJson(trace.toJson());
}

util::Result<int64_t> TraceStore::saveTurnJson(const nlohmann::json& raw) {
    const nlohmann::json trace = scrubSecrets(raw);
    if (!trace.is_object()) return util::Error{"turn trace: expected a JSON object"};
    const std::string conv = trace.value("conversation", std::string());
    const auto convId = util::parseInt64(conv);
    if (!convId || *convId <= 0)
        return util::Error{"turn trace: field 'conversation' must be a conversation id, got '" + conv + "'"};
    if (!trace.contains("turn") || !trace["turn"].is_number_integer())
        return util::Error{"turn trace: field 'turn' must be an integer"};
    int64_t tokens = 0;
    if (auto it = trace.find("llm_calls"); it != trace.end() && it->is_array())
        for (const auto& c : *it)
            if (c.is_object())
                tokens += c.value("prompt_tokens", int64_t{0}) + c.value("completion_tokens", int64_t{0});

    auto tx = store::Transaction::begin(*db_);
    if (!tx) return tx.status();
    if (auto s = ensureTables(); !s) return s;
    auto ins = db_->prepare("INSERT OR IGNORE INTO conversations(id, created, planner) VALUES (?, ?, ?)");
    if (!ins) return ins.status();
    ins->bind(1, *convId).bind(2, store::detail::nowIso()).bind(3, trace.value("planner", std::string()));
    if (auto s = ins->run(); !s) return s;
    auto st = db_->prepare(
        "INSERT OR REPLACE INTO turns(conversation, turn, created, user_text, answer, planner, llm_calls, tokens, "
        "errors, trace) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.status();
    st->bind(1, *convId)
        .bind(2, trace["turn"].get<int64_t>())
        .bind(3, store::detail::nowIso())
        .bind(4, trace.value("user", std::string()))
        .bind(5, trace.value("answer", std::string()))
        .bind(6, trace.value("planner", std::string()))
        .bind(7, int64_t{countInt(trace, "llm_calls")})
        .bind(8, tokens)
        .bind(9, int64_t{countInt(trace, "errors")})
        .bind(10, trace.dump());
    if (auto s = st->run(); !s) return s;
    const int64_t id = db_->lastInsertRowid();
    if (auto s = tx->commit(); !s) return s;
    return id;
}

util::Result<std::vector<ConversationInfo>> TraceStore::listConversations() {
    std::vector<ConversationInfo> out;
    auto exists = tablesExist();
    if (!exists) return exists.status();
    if (!*exists) return out;
    auto st = db_->prepare(
        "SELECT c.id, c.created, c.user, c.planner, c.dataset, c.domain, "
        "(SELECT count(*) FROM turns t WHERE t.conversation = c.id) FROM conversations c ORDER BY c.id");
    if (!st) return st.status();
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        out.push_back({std::to_string(st->int64(0)), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5),
                       static_cast<int>(st->int64(6))});
    }
    return out;
}

util::Result<std::optional<ConversationInfo>> TraceStore::findConversation(const std::string& id) {
    auto all = listConversations();
    if (!all) return all.status();
    for (auto& c : *all)
        if (c.id == id) return std::optional<ConversationInfo>(std::move(c));
    return std::optional<ConversationInfo>();
}

util::Result<std::vector<TurnInfo>> TraceStore::listTurns(const std::string& conversation) {
    std::vector<TurnInfo> out;
    auto exists = tablesExist();
    if (!exists) return exists.status();
    if (!*exists) return out;
    std::optional<int64_t> convId;
    if (!conversation.empty()) {
        convId = util::parseInt64(conversation);
        if (!convId) return util::Error{"no conversation '" + conversation + "' (ids are numbers)"};
    }
    auto st = db_->prepare(std::string("SELECT id, conversation, turn, created, user_text, answer, planner, llm_calls, "
                                       "tokens, errors FROM turns") +
                           (convId ? " WHERE conversation = ?" : "") + " ORDER BY conversation, turn");
    if (!st) return st.status();
    if (convId) st->bind(1, *convId);
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        TurnInfo t;
        t.id = st->int64(0);
        t.conversation = std::to_string(st->int64(1));
        t.turn = static_cast<int>(st->int64(2));
        t.created = st->text(3);
        t.user = st->text(4);
        t.answer = st->text(5);
        t.planner = st->text(6);
        t.llmCalls = static_cast<int>(st->int64(7));
        t.tokens = st->int64(8);
        t.errors = static_cast<int>(st->int64(9));
        out.push_back(std::move(t));
    }
    return out;
}

util::Result<nlohmann::json> TraceStore::loadTurnJson(int64_t traceId) {
    auto exists = tablesExist();
    if (!exists) return exists.status();
    if (!*exists) return util::Error{db_->path() + ": no trace " + std::to_string(traceId) + " (no turns saved yet)"};
    auto st = db_->prepare("SELECT trace FROM turns WHERE id = ?");
    if (!st) return st.status();
    st->bind(1, traceId);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return util::Error{db_->path() + ": no trace " + std::to_string(traceId)};
    auto j = nlohmann::json::parse(st->text(0), nullptr, false);
    if (j.is_discarded()) return util::Error{db_->path() + ": trace " + std::to_string(traceId) + " is not JSON"};
    return j;
}

util::Result<TurnTrace> TraceStore::loadTurn(int64_t traceId) {
    auto j = loadTurnJson(traceId);
    if (!j) return j.status();
    auto t = TurnTrace::fromJson(*j);
    if (!t) return util::Error{db_->path() + ": trace " + std::to_string(traceId) + ": " + t.message()};
    return t;
}

util::Result<std::vector<TurnTrace>> TraceStore::loadConversation(const std::string& conversation) {
    auto turns = listTurns(conversation);
    if (!turns) return turns.status();
    std::vector<TurnTrace> out;
    for (const auto& t : *turns) {
        auto trace = loadTurn(t.id);
        if (!trace) return trace.status();
        out.push_back(std::move(*trace));
    }
    return out;
}

}  // namespace rs::agent
