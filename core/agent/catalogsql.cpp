#include "agent/catalogsql.h"

#include <algorithm>
#include <set>

#include "agent/sqltokens.h"
#include "store/projectstore.h"
#include "util/text.h"

namespace rs::agent {

namespace {

using Clock = std::chrono::steady_clock;

// Pure functions an LLM's query may call. Anything else (load_extension, randomblob, zeroblob,
// fts3_tokenizer, sqlite_* introspection, json_* and math extensions) is refused.
const std::set<std::string> kSafeFunctions = {
    "abs",      "avg",    "char",       "coalesce",  "count",     "date",    "datetime", "glob",   "group_concat",
    "hex",      "ifnull", "iif",        "instr",     "julianday", "length",  "like",     "lower",  "ltrim",
    "max",      "min",    "nullif",     "printf",    "format",    "replace", "round",    "rtrim",  "sign",
    "strftime", "substr", "substring",  "sum",       "time",      "total",   "trim",     "typeof", "unicode",
    "upper",    "cast",   "string_agg", "unixepoch", "floor",     "ceil",    "ceiling"};

constexpr int kMaxSqlBytes = 20000;
constexpr int kMaxValueBytes = 1 << 20;  // longest string or blob a query may build
constexpr int kMaxColumnRetries = 6;
constexpr int64_t kMaxCategoryValues = 64;  // text columns with at most this many values snap too

std::string describeAction(int code, const char* a1, const char* a2) {
    auto s = [](const char* p) { return std::string(p ? p : ""); };
    switch (code) {
        case SQLITE_INSERT:
            return "writes are not allowed (INSERT into " + s(a1) + ")";
        case SQLITE_UPDATE:
            return "writes are not allowed (UPDATE of " + s(a1) + ")";
        case SQLITE_DELETE:
            return "writes are not allowed (DELETE from " + s(a1) + ")";
        case SQLITE_DROP_TABLE:
        case SQLITE_DROP_INDEX:
        case SQLITE_DROP_VIEW:
        case SQLITE_DROP_TRIGGER:
        case SQLITE_DROP_TEMP_TABLE:
        case SQLITE_DROP_TEMP_VIEW:
        case SQLITE_DROP_TEMP_INDEX:
        case SQLITE_DROP_TEMP_TRIGGER:
            return "DROP is not allowed (" + s(a1) + ")";
        case SQLITE_ATTACH:
        case SQLITE_DETACH:
            return "ATTACH/DETACH is not allowed";
        case SQLITE_PRAGMA:
            return "PRAGMA is not allowed (" + s(a1) + ")";
        case SQLITE_TRANSACTION:
        case SQLITE_SAVEPOINT:
            return "transactions are not allowed";
        case SQLITE_RECURSIVE:
            return "recursive queries are not allowed";
        case SQLITE_READ:
            return "only the catalog (items, items_tags) may be read, not " + s(a1);
        case SQLITE_FUNCTION:
            return "function " + s(a2) + "() is not allowed";
        default:
            return "only SELECT statements over the catalog are allowed (action " + std::to_string(code) + ")";
    }
}

nlohmann::json cellValue(sqlite3_stmt* st, int c) {
    switch (sqlite3_column_type(st, c)) {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(st, c);
        case SQLITE_FLOAT:
            return sqlite3_column_double(st, c);
        case SQLITE_TEXT: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            std::string v(p ? p : "", size_t(sqlite3_column_bytes(st, c)));
            // A query can build bytes that are not UTF-8 (CAST(x'ff' AS TEXT)); JSON needs UTF-8.
            return util::isValidUtf8(v) ? v : util::latin1ToUtf8(v);
        }
        case SQLITE_BLOB:
            return "<blob " + std::to_string(sqlite3_column_bytes(st, c)) + " bytes>";
        default:
            return nullptr;
    }
}

}  // namespace

struct CatalogSql::Guard {
    std::set<std::string> readable;      // table names that may be read
    std::set<std::string> schemaTables;  // every table and view of the file (lower case)
    std::string denied;                  // first denial of the current prepare
    Clock::time_point deadline;
    const util::CancelToken* cancel = nullptr;
    bool timedOut = false;

    static int authorize(void* self, int code, const char* a1, const char* a2, const char*, const char*) {
        auto* g = static_cast<Guard*>(self);
        bool ok = false;
        if (code == SQLITE_SELECT) ok = true;
        // Names that are not schema tables are common table expressions: their reads are allowed
        // (their own reads of real tables are checked separately; recursion is denied below).
        if (code == SQLITE_READ && a1) {
            const std::string t = util::toLower(a1);
            // Table-valued functions (pragma_*, json_each, generate_series, dbstat) are not CTEs.
            const bool builtin = t.rfind("pragma_", 0) == 0 || t.rfind("json_", 0) == 0 || t.rfind("sqlite_", 0) == 0 ||
                                 t == "generate_series" || t == "dbstat";
            ok = g->readable.count(a1) || (!builtin && !g->schemaTables.count(t));
        }
        if (code == SQLITE_FUNCTION) ok = a2 && kSafeFunctions.count(util::toLower(a2));
        if (ok) return SQLITE_OK;
        if (g->denied.empty()) g->denied = describeAction(code, a1, a2);
        return SQLITE_DENY;
    }
    static int progress(void* self) {
        auto* g = static_cast<Guard*>(self);
        if (g->cancel && g->cancel->cancelled()) return 1;
        if (Clock::now() > g->deadline) {
            g->timedOut = true;
            return 1;
        }
        return 0;
    }
};

CatalogSql::CatalogSql(CatalogSql&&) noexcept = default;
CatalogSql& CatalogSql::operator=(CatalogSql&&) noexcept = default;
CatalogSql::~CatalogSql() = default;

util::Result<CatalogSql> CatalogSql::open(const std::filesystem::path& projectFile, const std::string& dataset) {
    int64_t datasetId = 0;
    std::string table;
    {
        auto store = store::ProjectStore::open(projectFile, /*readOnly=*/true);
        if (!store) return util::Error{store.message()};
        auto list = store->listDatasets();
        if (!list) return util::Error{list.message()};
        for (const auto& d : *list) {
            const bool wanted =
                dataset.empty() ? !d.catalogTable.empty() : (d.name == dataset || std::to_string(d.id) == dataset);
            if (!wanted) continue;
            datasetId = d.id;
            table = d.catalogTable;
            break;
        }
        if (table.empty())
            return util::Error{projectFile.string() + ": " +
                               (dataset.empty() ? std::string("no dataset with an item catalog")
                                                : "dataset '" + dataset + "' not found or has no item catalog")};
    }
    auto db = store::Database::open(projectFile, SQLITE_OPEN_READONLY);
    if (!db) return util::Error{db.message()};
    CatalogSql sql;
    sql.db_ = std::move(*db);
    sql.table_ = table;
    sqlite3* h = sql.db_.handle();
    sqlite3_busy_timeout(h, 2000);
    sqlite3_limit(h, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(h, SQLITE_LIMIT_SQL_LENGTH, kMaxSqlBytes);
    sqlite3_limit(h, SQLITE_LIMIT_LENGTH, kMaxValueBytes);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);

    auto cols =
        sql.db_.prepare("SELECT name, sql_name, type FROM catalog_columns WHERE dataset_id = ? ORDER BY position");
    if (!cols) return util::Error{cols.message()};
    cols->bind(1, datasetId);
    sql.columnNames_.add("item_id");
    for (auto step = cols->step(); step && *step; step = cols->step()) {
        sql.columns_.push_back({cols->text(0), cols->text(1), cols->text(2)});
        sql.columnNames_.add(cols->text(1));
    }
    // Tag vocabularies (and those of low-cardinality text columns) for value snapping.
    auto tags = sql.db_.prepare("SELECT column, tag, count(*) FROM " + store::quoteIdentifier(table + "_tags") +
                                " GROUP BY column, tag");
    if (!tags) return util::Error{tags.message()};
    for (auto step = tags->step(); step && *step; step = tags->step()) {
        const std::string col = tags->text(0);
        auto it = std::find_if(sql.tags_.begin(), sql.tags_.end(), [&](const auto& p) { return p.first == col; });
        if (it == sql.tags_.end()) it = sql.tags_.insert(sql.tags_.end(), {col, Vocabulary{}});
        it->second.add(tags->text(1), tags->int64(2));
        sql.allTags_.add(tags->text(1), tags->int64(2));
    }
    for (const auto& c : sql.columns_) {
        if (c.type != "text") continue;
        const std::string q = store::quoteIdentifier(c.sqlName);
        auto n = sql.db_.queryInt("SELECT count(DISTINCT " + q + ") FROM " + store::quoteIdentifier(table));
        if (!n || *n > kMaxCategoryValues || *n < 2) continue;
        auto vals = sql.db_.prepare("SELECT " + q + ", count(*) FROM " + store::quoteIdentifier(table) + " WHERE " + q +
                                    " IS NOT NULL GROUP BY " + q);
        if (!vals) continue;
        Vocabulary v;
        for (auto step = vals->step(); step && *step; step = vals->step()) v.add(vals->text(0), vals->int64(1));
        sql.tags_.emplace_back(c.sqlName, std::move(v));
    }
    // The names the LLM is told about. TEMP views live in the connection's own temp schema, so
    // creating them writes nothing to the project file.
    for (const auto& [view, base] : {std::pair{std::string("items"), table}, {"items_tags", table + "_tags"}}) {
        if (auto s =
                sql.db_.exec("CREATE TEMP VIEW " + view + " AS SELECT * FROM main." + store::quoteIdentifier(base));
            !s)
            return util::Error{s.message()};
    }
    sql.columnNames_.add("column");
    sql.columnNames_.add("tag");
    sql.guard_ = std::make_unique<Guard>();
    sql.guard_->schemaTables = {"sqlite_master",   "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema",
                                "sqlite_sequence", "sqlite_stat1",  "sqlite_stat4"};
    auto names = sql.db_.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')");
    if (!names) return util::Error{names.message()};
    for (auto step = names->step(); step && *step; step = names->step())
        sql.guard_->schemaTables.insert(util::toLower(names->text(0)));
    sql.guard_->readable = {table, table + "_tags", "items", "items_tags"};
    sqlite3_set_authorizer(h, &Guard::authorize, sql.guard_.get());
    return sql;
}

util::Error CatalogSql::refuse(std::string reason) {
    log_.push_back("refused: " + reason);
    return util::Error{"refused: " + reason};
}

util::Result<SqlResult> CatalogSql::query(std::string_view sqlText, const SqlLimits& limits, const util::Task& task) {
    if (sqlText.size() > size_t(kMaxSqlBytes))
        return refuse("the statement is " + std::to_string(sqlText.size()) + " bytes long (at most " +
                      std::to_string(kMaxSqlBytes) + ")");
    if (!util::isValidUtf8(sqlText)) return refuse("the statement is not valid UTF-8");
    if (sqlText.find('\0') != std::string_view::npos) return refuse("the statement holds a NUL byte");

    // Category values first: they are rewritten in the text before it is prepared.
    std::vector<std::string> rewrites;
    std::vector<SqlToken> tokens = tokenizeSql(sqlText);
    // A cheap first gate with a clear message; the authorizer below is what enforces it.
    for (const auto& t : tokens) {
        if (t.kind == SqlTokenKind::Space || t.kind == SqlTokenKind::Comment) continue;
        if (t.kind == SqlTokenKind::Word && !util::iequals(t.text, "select") && !util::iequals(t.text, "with") &&
            !util::iequals(t.text, "values"))
            return refuse("only SELECT statements are allowed, not " + util::toLower(t.text).substr(0, 20));
        break;
    }
    auto vocabularyFor = [&](const SqlToken& t) -> const Vocabulary* {
        if (t.kind != SqlTokenKind::Word && t.kind != SqlTokenKind::Quoted) return nullptr;
        const std::string name = util::toLower(tokenName(t));
        if (name == "tag") return &allTags_;
        for (const auto& [col, vocab] : tags_)
            if (col == name) return &vocab;
        return nullptr;
    };
    auto snapValue = [&](SqlToken& lit, const Vocabulary& vocab) {
        if (lit.kind != SqlTokenKind::String || lit.text.front() != '\'') return;
        const std::string value = stringValue(lit);
        size_t b = 0, e = value.size();
        while (b < e && (value[b] == '%' || value[b] == '*')) ++b;
        while (e > b && (value[e - 1] == '%' || value[e - 1] == '*')) --e;
        const std::string core = value.substr(b, e - b);
        if (core.empty() || core.find_first_of("%_*?|") != std::string::npos) return;
        auto m = vocab.nearest(core);
        if (!m || m->exact || m->value == core) return;
        const std::string snapped = value.substr(0, b) + m->value + value.substr(e);
        rewrites.push_back("value '" + value + "' -> '" + snapped + "'");
        lit.text = quoteSqlString(snapped);
    };
    {
        std::vector<size_t> sig;  // indices of significant tokens
        for (size_t i = 0; i < tokens.size(); ++i)
            if (tokens[i].kind != SqlTokenKind::Space && tokens[i].kind != SqlTokenKind::Comment) sig.push_back(i);
        auto word = [&](size_t k, const char* w) {
            return k < sig.size() && tokens[sig[k]].kind == SqlTokenKind::Word && util::iequals(tokens[sig[k]].text, w);
        };
        auto isCompare = [&](size_t k) {
            if (k >= sig.size()) return false;
            const auto& t = tokens[sig[k]];
            if (t.kind == SqlTokenKind::Symbol)
                return t.text == "=" || t.text == "==" || t.text == "!=" || t.text == "<>";
            return word(k, "like") || word(k, "glob");
        };
        for (size_t k = 0; k < sig.size(); ++k) {
            const Vocabulary* vocab = vocabularyFor(tokens[sig[k]]);
            if (!vocab) continue;
            size_t op = k + 1;
            if (word(op, "not")) ++op;
            if (isCompare(op) && op + 1 < sig.size()) {
                snapValue(tokens[sig[op + 1]], *vocab);
            } else if (word(op, "in") && op + 1 < sig.size() && tokens[sig[op + 1]].text == "(") {
                for (size_t j = op + 2; j < sig.size() && tokens[sig[j]].text != ")"; ++j)
                    snapValue(tokens[sig[j]], *vocab);
            }
            // 'value' = column, written the other way round.
            if (k >= 2 && isCompare(k - 1)) snapValue(tokens[sig[k - 2]], *vocab);
        }
    }
    std::string sql = joinTokens(tokens);

    // Unknown columns: snap and prepare again, a bounded number of times.
    for (int attempt = 0;; ++attempt) {
        auto r = run(sql, limits, task);
        if (r) {
            r->rewrites.insert(r->rewrites.begin(), rewrites.begin(), rewrites.end());
            for (const auto& w : r->rewrites) log_.push_back("rewrote: " + w);
            return r;
        }
        static constexpr std::string_view kNoColumn = "no such column: ";
        const size_t at = r.message().find(kNoColumn);
        if (at == std::string::npos || attempt >= kMaxColumnRetries) return r;
        std::string bad = r.message().substr(at + kNoColumn.size());
        if (const size_t in = bad.find(" in: "); in != std::string::npos) bad.resize(in);
        if (const size_t dot = bad.rfind('.'); dot != std::string::npos) bad = bad.substr(dot + 1);
        auto m = columnNames_.nearest(bad);
        if (!m || util::iequals(m->value, bad)) return r;
        auto toks = tokenizeSql(sql);
        bool changed = false;
        for (auto& t : toks) {
            if ((t.kind == SqlTokenKind::Word || t.kind == SqlTokenKind::Quoted) && util::iequals(tokenName(t), bad)) {
                t = {SqlTokenKind::Quoted, store::quoteIdentifier(m->value)};
                changed = true;
            }
        }
        if (!changed) return r;
        rewrites.push_back("column '" + bad + "' -> '" + m->value + "'");
        sql = joinTokens(toks);
    }
}

util::Result<SqlResult> CatalogSql::run(std::string sql, const SqlLimits& limits, const util::Task& task) {
    const auto start = Clock::now();
    Guard& g = *guard_;
    g.denied.clear();
    g.timedOut = false;
    g.cancel = &task.cancel;
    g.deadline = start + std::chrono::microseconds(int64_t(limits.timeLimitMs * 1000.0));
    sqlite3* h = db_.handle();
    sqlite3_progress_handler(h, 1000, &Guard::progress, &g);
    struct HandlerOff {
        sqlite3* h;
        ~HandlerOff() { sqlite3_progress_handler(h, 0, nullptr, nullptr); }
    } handlerOff{h};
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(h, sql.data(), int(sql.size()), 0, &raw, &tail);
    std::unique_ptr<sqlite3_stmt, Finalize> st(raw);
    if (rc != SQLITE_OK) {
        if (!g.denied.empty()) return refuse(g.denied);
        if (g.timedOut) return refuse("the query ran past the time limit while being prepared");
        return util::Error{"SQL error: " + std::string(sqlite3_errmsg(h)) + " in: " + store::shortSql(sql)};
    }
    if (!st) return refuse("no statement (the text is empty or only comments)");
    if (!onlySpaceOrComments(std::string_view(tail, size_t(sql.data() + sql.size() - tail))))
        return refuse("only one statement is allowed (found more after the first ';')");
    if (!sqlite3_stmt_readonly(st.get())) return refuse("only read-only SELECT statements are allowed");

    SqlResult out;
    out.sql = sql;
    const int nc = sqlite3_column_count(st.get());
    if (nc == 0) return refuse("only SELECT statements are allowed");
    for (int c = 0; c < nc; ++c) {
        const char* name = sqlite3_column_name(st.get(), c);
        out.columns.emplace_back(name ? name : "");
    }
    for (;;) {
        const int s = sqlite3_step(st.get());
        if (s == SQLITE_DONE) break;
        if (s != SQLITE_ROW) {
            if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
            if (g.timedOut)
                return refuse("the query ran past the time limit of " + std::to_string(int(limits.timeLimitMs)) +
                              " ms (a runaway join or recursion?)");
            return util::Error{"SQL error: " + std::string(sqlite3_errmsg(h)) + " in: " + store::shortSql(sql)};
        }
        if (int64_t(out.rows.size()) >= limits.maxRows) {
            out.truncated = true;
            break;
        }
        std::vector<nlohmann::json> row;
        row.reserve(size_t(nc));
        for (int c = 0; c < nc; ++c) row.push_back(cellValue(st.get(), c));
        out.rows.push_back(std::move(row));
    }
    out.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return out;
}

}  // namespace rs::agent
