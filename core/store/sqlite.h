#pragma once
// Minimal RAII wrappers over the sqlite3 C API, used only by the project store.
//
// Every error message names the database file, the (shortened) statement that failed and
// SQLite's own message: "/tmp/a.recscope: INSERT INTO interactions …: UNIQUE constraint failed".
// Ownership: Database owns its sqlite3* and Statement its sqlite3_stmt*; both are move-only.
// Threading: a Database and its Statements must be used from one thread at a time (the
// connection is opened without SQLite's internal mutex).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "util/status.h"

namespace rs::store {

class Statement {
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}

    // Parameters are 1-based, as in SQLite. A failed bind is remembered and reported by step().
    Statement& bind(int index, int64_t v);
    Statement& bind(int index, double v);  // NaN is stored as NULL
    Statement& bind(int index, std::string_view text);
    Statement& bindBlob(int index, std::string_view bytes);
    Statement& bindNull(int index);

    // true: a row is available; false: the statement finished. Errors name file and statement.
    util::Result<bool> step();
    // Steps to completion, ignoring rows (INSERT/UPDATE/DDL), then resets for the next use.
    util::Status run();
    // Clears bindings and rewinds so the prepared statement can run again.
    void reset();

    // Columns are 0-based. text()/blob() copy the value; NULL reads as empty / 0.
    bool isNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
    int64_t int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
    double real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
    std::string text(int col) const;
    std::string blob(int col) const;

    std::string error(std::string_view what = {}) const;

private:
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
    int bindError_ = SQLITE_OK;
};

class Database {
public:
    // flags are SQLITE_OPEN_* (READONLY or READWRITE, optionally CREATE).
    static util::Result<Database> open(const std::filesystem::path& path, int flags);

    util::Status exec(std::string_view sql);
    util::Result<Statement> prepare(std::string_view sql);
    // For a single-value query ("SELECT count(*) …"); fails when there is no row.
    util::Result<int64_t> queryInt(std::string_view sql);

    sqlite3* handle() const { return db_.get(); }
    const std::string& path() const { return path_; }
    int64_t lastInsertRowid() const { return sqlite3_last_insert_rowid(db_.get()); }
    // "<file>: <what>: <sqlite message>"
    std::string error(std::string_view what) const;

private:
    struct Close {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, Close> db_;
    std::string path_;
};

// BEGIN IMMEDIATE on construction (via begin()); rolls back in the destructor unless commit()
// succeeded, so every early error return leaves the file as it was.
class Transaction {
public:
    static util::Result<Transaction> begin(Database& db);
    Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    util::Status commit();

private:
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_ = nullptr;
};

// Shortens a statement for error messages: collapsed whitespace, at most ~60 characters.
std::string shortSql(std::string_view sql);
// Quotes an SQL identifier ("a""b").
std::string quoteIdentifier(std::string_view name);

}  // namespace rs::store
