#include "store/sqlite.h"

#include <cmath>

namespace rs::store {

std::string shortSql(std::string_view sql) {
    std::string out;
    bool space = false;
    for (char c : sql) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
        if (out.size() >= 60) {
            out += "...";
            break;
        }
    }
    return out;
}

std::string quoteIdentifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// --- Statement -------------------------------------------------------------------------------

Statement& Statement::bind(int index, int64_t v) {
    const int rc = sqlite3_bind_int64(stmt_.get(), index, v);
    if (rc != SQLITE_OK && bindError_ == SQLITE_OK) bindError_ = rc;
    return *this;
}

Statement& Statement::bind(int index, double v) {
    const int rc = std::isnan(v) ? sqlite3_bind_null(stmt_.get(), index) : sqlite3_bind_double(stmt_.get(), index, v);
    if (rc != SQLITE_OK && bindError_ == SQLITE_OK) bindError_ = rc;
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    const int rc = sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK && bindError_ == SQLITE_OK) bindError_ = rc;
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
    // A zero-length blob must not be bound as NULL: sqlite3_bind_blob with a null pointer does that.
    const int rc =
        sqlite3_bind_blob64(stmt_.get(), index, bytes.empty() ? "" : bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK && bindError_ == SQLITE_OK) bindError_ = rc;
    return *this;
}

Statement& Statement::bindNull(int index) {
    const int rc = sqlite3_bind_null(stmt_.get(), index);
    if (rc != SQLITE_OK && bindError_ == SQLITE_OK) bindError_ = rc;
    return *this;
}

util::Result<bool> Statement::step() {
    if (bindError_ != SQLITE_OK) {
        std::string msg = error(std::string("bind: ") + sqlite3_errstr(bindError_));
        bindError_ = SQLITE_OK;
        return util::Error{msg};
    }
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return util::Error{error()};
}

util::Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) {
            reset();
            return r.status();
        }
        if (!*r) break;
    }
    reset();
    return util::Status::ok();
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    bindError_ = SQLITE_OK;
}

std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
    if (!p) return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

std::string Statement::blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), col));
    if (!p) return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

std::string Statement::error(std::string_view what) const {
    sqlite3* db = sqlite3_db_handle(stmt_.get());
    const char* file = sqlite3_db_filename(db, "main");
    std::string msg = (file && *file) ? file : "(memory)";
    msg += ": ";
    msg += shortSql(sqlite3_sql(stmt_.get()));
    msg += ": ";
    if (what.empty())
        msg += sqlite3_errmsg(db);
    else
        msg += what;
    return msg;
}

// --- Database --------------------------------------------------------------------------------

util::Result<Database> Database::open(const std::filesystem::path& path, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.string().c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db;
    db.db_.reset(raw);  // closes even a half-opened handle
    db.path_ = path.string();
    if (rc != SQLITE_OK) {
        std::string msg = path.string() + ": cannot open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
        return util::Error{msg};
    }
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

util::Status Database::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(db_.get(), s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = path_ + ": " + shortSql(sql) + ": " + (err ? err : sqlite3_errmsg(db_.get()));
        sqlite3_free(err);
        return util::Status::error(msg);
    }
    return util::Status::ok();
}

util::Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return util::Error{path_ + ": " + shortSql(sql) + ": " + sqlite3_errmsg(db_.get())};
    return Statement(stmt);
}

util::Result<int64_t> Database::queryInt(std::string_view sql) {
    auto st = prepare(sql);
    if (!st) return st.status();
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return util::Error{path_ + ": " + shortSql(sql) + ": no row"};
    return st->int64(0);
}

std::string Database::error(std::string_view what) const {
    return path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_.get());
}

// --- Transaction -----------------------------------------------------------------------------

util::Result<Transaction> Transaction::begin(Database& db) {
    // IMMEDIATE takes the write lock now, so a busy file fails here and not halfway through.
    if (auto s = db.exec("BEGIN IMMEDIATE"); !s) return s;
    return Transaction(&db);
}

Transaction::~Transaction() {
    if (db_) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

util::Status Transaction::commit() {
    if (!db_) return util::Status::error("transaction already finished");
    auto s = db_->exec("COMMIT");
    if (s) db_ = nullptr;  // on failure the destructor rolls back
    return s;
}

}  // namespace rs::store
