#pragma once
// CatalogSql: the sandbox in which SQL written by an LLM runs against one dataset's catalog.
//
// Safety, in layers (each one alone refuses the attacks the next ones also refuse):
//   1. Its own connection to the project file, opened SQLITE_OPEN_READONLY; ATTACH is limited
//      to 0 databases, statement and string lengths are capped.
//   2. An authorizer (sqlite3_set_authorizer) allowing only SELECT, reads of the catalog table
//      and its tag table (through the `items` / `items_tags` views or by their real names), and
//      calls of a fixed list of pure functions. Writes, DDL, PRAGMA, ATTACH, transactions,
//      recursive CTEs and every other table (meta, interactions, models, …) are denied.
//   3. Exactly one statement: the text left after the first statement (the prepare tail) may
//      hold only spaces, semicolons and comments.
//   4. A time limit (sqlite3_progress_handler, checked every 1000 VM steps, also honouring the
//      cancel token) and a row limit (rows beyond it are not read; the result says so).
// A refused query returns an error whose message starts "refused: " and names the reason; it is
// also kept in log(). Nothing is ever written: the project file stays byte-identical.
//
// Grounding: the LLM sees the catalog as `items` (and tags as `items_tags(item_id, column,
// tag)`). A column name that does not exist is snapped to the nearest real one (Vocabulary
// rules) and the statement prepared again; a string compared with a tag column (=, !=, <>, LIKE,
// GLOB, IN) that is not one of its values is snapped to the nearest existing value, keeping LIKE
// wildcards. Every rewrite is listed in the result and in log().
//
// Threading: one CatalogSql per thread (it owns a connection). Move-only.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/vocabulary.h"
#include "store/sqlite.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

struct SqlLimits {
    int64_t maxRows = 200;       // rows read at most; the rest are dropped and truncated is set
    double timeLimitMs = 250.0;  // wall time for prepare + step, then the query is interrupted
};

struct SqlResult {
    std::vector<std::string> columns;
    std::vector<std::vector<nlohmann::json>> rows;  // each value null, integer, real or string
    bool truncated = false;                         // more rows existed than maxRows
    std::string sql;                                // the statement that ran (after rewrites)
    std::vector<std::string> rewrites;              // "column 'genre' -> 'genres'", ...
    double ms = 0;
};

struct CatalogColumnInfo {
    std::string name;     // RecScope column name
    std::string sqlName;  // column name in the SQL table
    std::string type;     // "text", "integer", "real", "date", "tags"
};

class CatalogSql {
public:
    // Opens projectFile read-only and finds the catalog of the dataset (name, or id; empty = the
    // first dataset with a catalog). Reads tag vocabularies for value snapping.
    static util::Result<CatalogSql> open(const std::filesystem::path& projectFile, const std::string& dataset = {});

    CatalogSql(CatalogSql&&) noexcept;
    CatalogSql& operator=(CatalogSql&&) noexcept;
    ~CatalogSql();

    util::Result<SqlResult> query(std::string_view sql, const SqlLimits& limits = {}, const util::Task& task = {});

    const std::string& table() const { return table_; }  // catalog_<name>
    const std::vector<CatalogColumnInfo>& columns() const { return columns_; }
    // Every refusal and rewrite so far, oldest first ("refused: ...", "rewrote: ...").
    const std::vector<std::string>& log() const { return log_; }

private:
    CatalogSql() = default;
    struct Guard;  // authorizer and progress-handler state, at a stable address
    util::Result<SqlResult> run(std::string sql, const SqlLimits& limits, const util::Task& task);
    util::Error refuse(std::string reason);

    store::Database db_;
    std::unique_ptr<Guard> guard_;
    std::string table_;
    std::vector<CatalogColumnInfo> columns_;
    Vocabulary columnNames_;                                // items' columns plus item_id
    std::vector<std::pair<std::string, Vocabulary>> tags_;  // per tag column (sql name)
    Vocabulary allTags_;                                    // every tag, for items_tags.tag
    std::vector<std::string> log_;
};

}  // namespace rs::agent
