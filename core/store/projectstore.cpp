#include "store/projectstore.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "models/recommender.h"
#include "store/storeutil.h"

namespace rs::store {

namespace {

// Schema version 1. Ids are AUTOINCREMENT so a replaced or removed dataset's id is never reused
// by another one (results and models refer to datasets by id). Tables are WITHOUT ROWID where rows are always read by
// their key prefix (dataset_id, idx/pos): the data then sits in key order and a dataset loads with one range scan.
// interactions has no foreign key to users/items: checking a composite key per row costs more
// than the import itself, and the store writes these rows only from a validated Dataset.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE datasets(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  created TEXT NOT NULL,
  has_interactions INTEGER NOT NULL,
  num_users INTEGER NOT NULL,
  num_items INTEGER NOT NULL,
  num_interactions INTEGER NOT NULL,
  has_ratings INTEGER NOT NULL,
  has_timestamps INTEGER NOT NULL,
  catalog_table TEXT UNIQUE,
  catalog_rows INTEGER NOT NULL DEFAULT 0,
  title_column TEXT,
  report_json TEXT NOT NULL);
CREATE TABLE users(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  PRIMARY KEY(dataset_id, idx)) WITHOUT ROWID;
CREATE TABLE items(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  external_id TEXT NOT NULL,
  PRIMARY KEY(dataset_id, idx)) WITHOUT ROWID;
CREATE TABLE interactions(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  user_idx INTEGER NOT NULL,
  item_idx INTEGER NOT NULL,
  rating REAL,
  timestamp INTEGER,
  PRIMARY KEY(dataset_id, pos)) WITHOUT ROWID;
CREATE TABLE catalog_columns(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sql_name TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY(dataset_id, position)) WITHOUT ROWID;
CREATE TABLE models(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset_id INTEGER REFERENCES datasets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  params_json TEXT NOT NULL,
  fit_seconds REAL,
  created TEXT NOT NULL,
  blob BLOB);
CREATE INDEX models_dataset ON models(dataset_id);
CREATE TABLE eval_runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created TEXT NOT NULL,
  protocol_json TEXT NOT NULL,
  results_json TEXT NOT NULL);
CREATE TABLE eval_user_ranks(
  run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  user_idx INTEGER NOT NULL,
  rank INTEGER NOT NULL);
CREATE INDEX eval_user_ranks_run ON eval_user_ranks(run_id, model);
)sql";

// Added to schema version 1 without a version bump: older files simply lack these tables, which
// reads as "no dataset has a user table", and ensureUserTables() adds them on the first save of
// a user table. An older RecScope ignores them (removing a dataset there would leave its
// users_<name> table behind, which is harmless). One row per dataset that has a user table;
// user_columns mirrors catalog_columns.
constexpr const char* kUserTablesSchema = R"sql(
CREATE TABLE IF NOT EXISTS user_tables(
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL UNIQUE,
  row_count INTEGER NOT NULL,
  title_column TEXT);
CREATE TABLE IF NOT EXISTS user_columns(
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sql_name TEXT NOT NULL,
  type TEXT NOT NULL,
  PRIMARY KEY(dataset_id, position)) WITHOUT ROWID;
)sql";

// 'RSCP': lets `file` and other tools recognise a project without reading our tables.
constexpr int kApplicationId = 0x52534350;

util::Status configure(Database& db) {
    // Another process (the GUI reading while the CLI writes) may hold the lock briefly: wait a
    // little instead of failing at once.
    sqlite3_busy_timeout(db.handle(), 5000);
    // Foreign keys are off by default in SQLite and must be enabled per connection. A larger page
    // cache keeps a whole ml-100k-sized import in memory until COMMIT.
    return db.exec("PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;");
}

util::Status checkProject(Database& db) {
    // The first read of a non-SQLite file fails here with "file is not a database".
    auto hasMeta = db.queryInt("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
    if (!hasMeta) return util::Status::error(db.path() + ": not a RecScope project (" + hasMeta.message() + ")");
    if (*hasMeta == 0) return util::Status::error(db.path() + ": not a RecScope project (no meta table)");
    auto st = db.prepare("SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')");
    if (!st) return st.status();
    std::string app, version;
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        (st->text(0) == "application" ? app : version) = st->text(1);
    }
    if (app != "RecScope")
        return util::Status::error(db.path() + ": not a RecScope project (meta.application is '" + app + "')");
    int v = 0;
    try {
        v = std::stoi(version);
    } catch (const std::exception&) {
        return util::Status::error(db.path() + ": corrupt project: meta.schema_version is '" + version + "'");
    }
    if (v > kSchemaVersion)
        return util::Status::error(db.path() + ": project has schema version " + std::to_string(v) +
                                   ", newer than this RecScope supports (" + std::to_string(kSchemaVersion) +
                                   "); open it with a newer RecScope");
    if (v < 1) return util::Status::error(db.path() + ": corrupt project: schema version " + std::to_string(v));
    return util::Status::ok();
}

DatasetInfo readInfo(const Statement& st) {
    DatasetInfo d;
    d.id = st.int64(0);
    d.name = st.text(1);
    d.format = st.text(2);
    d.created = st.text(3);
    d.hasInteractions = st.int64(4) != 0;
    d.numUsers = static_cast<int32_t>(st.int64(5));
    d.numItems = static_cast<int32_t>(st.int64(6));
    d.numInteractions = st.int64(7);
    d.hasRatings = st.int64(8) != 0;
    d.hasTimestamps = st.int64(9) != 0;
    d.catalogTable = st.text(10);
    d.catalogRows = st.int64(11);
    d.userTable = st.text(12);
    d.userRows = st.int64(13);
    return d;
}
// The SELECT behind DatasetInfo, aliasing datasets as d; without user_tables (older files) the
// user columns read as none.
util::Result<std::string> infoSelect(Database& db) {
    auto hasUsers = detail::tableExists(db, "user_tables");
    if (!hasUsers) return hasUsers.status();
    const std::string common =
        "SELECT d.id, d.name, d.format, d.created, d.has_interactions, d.num_users, d.num_items, d.num_interactions, "
        "d.has_ratings, d.has_timestamps, d.catalog_table, d.catalog_rows, ";
    if (*hasUsers)
        return common +
               "u.table_name, coalesce(u.row_count, 0) FROM datasets d LEFT JOIN user_tables u ON u.dataset_id = d.id";
    return common + "NULL, 0 FROM datasets d";
}

util::Result<nlohmann::json> parseJson(const std::string& text, const std::string& where) {
    try {
        return nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        return util::Error{where + ": invalid JSON: " + e.what()};
    }
}

}  // namespace

bool ProjectStore::looksLikeSqlite(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    if (!in.read(header, sizeof header)) return false;
    return std::string(header, 16) == std::string("SQLite format 3\0", 16);
}

util::Result<ProjectStore> ProjectStore::create(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) != 0)
        return util::Error{path.string() + ": cannot create project: file already exists"};
    auto db = Database::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!db) return db.status();
    if (auto s = configure(*db); !s) return s;
    auto tx = Transaction::begin(*db);
    if (!tx) return util::Error{path.string() + ": cannot create project: " + tx.message()};
    if (auto s = db->exec(kSchemaV1); !s) return s;
    if (auto s = db->exec(kUserTablesSchema); !s) return s;
    auto meta = db->prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
    if (!meta) return meta.status();
    for (const auto& [k, v] : {std::pair<std::string, std::string>{"application", "RecScope"},
                               {"schema_version", std::to_string(kSchemaVersion)},
                               {"created", detail::nowIso()}}) {
        if (auto s = meta->bind(1, k).bind(2, v).run(); !s) return s;
    }
    if (auto s = db->exec("PRAGMA application_id = " + std::to_string(kApplicationId) +
                          "; PRAGMA user_version = " + std::to_string(kSchemaVersion));
        !s)
        return s;
    if (auto s = tx->commit(); !s) return s;
    return ProjectStore(std::move(*db));
}

util::Result<ProjectStore> ProjectStore::open(const std::filesystem::path& path, bool readOnly) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return util::Error{path.string() + ": no such project file"};
    if (std::filesystem::is_directory(path, ec))
        return util::Error{path.string() + ": is a folder, not a RecScope project file"};
    auto db = Database::open(path, readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
    if (!db) return db.status();
    // Check first: the PRAGMAs would fail on a non-SQLite file with a less helpful message.
    if (auto s = checkProject(*db); !s) return s;
    if (auto s = configure(*db); !s) return s;
    return ProjectStore(std::move(*db));
}

util::Result<ProjectStore> ProjectStore::openOrCreate(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) != 0) return open(path);
    return create(path);
}

util::Result<std::vector<DatasetInfo>> ProjectStore::listDatasets() {
    auto select = infoSelect(db_);
    if (!select) return select.status();
    auto st = db_.prepare(*select + " ORDER BY d.id");
    if (!st) return st.status();
    std::vector<DatasetInfo> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        out.push_back(readInfo(*st));
    }
    return out;
}

util::Result<DatasetInfo> ProjectStore::findDataset(const std::string& nameOrId) {
    auto select = infoSelect(db_);
    if (!select) return select.status();
    auto st = db_.prepare(*select +
                          " WHERE d.name = ?1 OR (CAST(d.id AS TEXT) = ?1 AND NOT EXISTS "
                          "(SELECT 1 FROM datasets WHERE name = ?1)) ORDER BY d.id LIMIT 1");
    if (!st) return st.status();
    st->bind(1, nameOrId);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) {
        std::string known;
        if (auto all = listDatasets()) {
            for (const auto& d : *all) known += (known.empty() ? "" : ", ") + d.name;
        }
        return util::Error{path() + ": no dataset '" + nameOrId + "' (datasets: " + (known.empty() ? "none" : known) +
                           ")"};
    }
    return readInfo(*st);
}

util::Status ProjectStore::removeDataset(const std::string& nameOrId) {
    auto info = findDataset(nameOrId);
    if (!info) return info.status();
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.status();
    if (auto s = dropDataset(*info); !s) return s;
    return tx->commit();
}

util::Status ProjectStore::dropDataset(const DatasetInfo& info) {
    if (!info.catalogTable.empty()) {
        if (auto s = db_.exec("DROP TABLE IF EXISTS " + quoteIdentifier(info.catalogTable)); !s) return s;
        if (auto s = db_.exec("DROP TABLE IF EXISTS " + quoteIdentifier(info.catalogTable + "_tags")); !s) return s;
    }
    if (!info.userTable.empty()) {
        if (auto s = db_.exec("DROP TABLE IF EXISTS " + quoteIdentifier(info.userTable)); !s) return s;
        if (auto s = db_.exec("DROP TABLE IF EXISTS " + quoteIdentifier(info.userTable + "_tags")); !s) return s;
    }
    // Users, items, interactions, catalog_columns, user_tables, user_columns and models follow by
    // ON DELETE CASCADE.
    return db_.exec("DELETE FROM datasets WHERE id = " + std::to_string(info.id));
}

namespace detail {
util::Status ensureUserTables(Database& db) {
    return db.exec(kUserTablesSchema);
}
}  // namespace detail

// --- models ----------------------------------------------------------------------------------

util::Result<int64_t> ProjectStore::saveModel(int64_t datasetId, const std::string& name, const nlohmann::json& params,
                                              double fitSeconds, const std::string& blob) {
    auto st = db_.prepare(
        "INSERT INTO models(dataset_id, name, params_json, fit_seconds, created, blob) VALUES (?, ?, ?, ?, ?, ?)");
    if (!st) return st.status();
    if (datasetId > 0)
        st->bind(1, datasetId);
    else
        st->bindNull(1);
    st->bind(2, name).bind(3, params.dump()).bind(4, fitSeconds).bind(5, detail::nowIso()).bindBlob(6, blob);
    if (auto s = st->run(); !s) return s;
    return db_.lastInsertRowid();
}

util::Result<int64_t> ProjectStore::saveModel(int64_t datasetId, const models::Recommender& model, double fitSeconds) {
    std::ostringstream out(std::ios::binary);
    if (auto s = model.save(out); !s)
        return util::Error{path() + ": saving model '" + model.name() + "': " + s.message()};
    return saveModel(datasetId, model.name(), model.params(), fitSeconds, out.str());
}

util::Result<std::vector<ModelRecord>> ProjectStore::listModels(std::optional<int64_t> datasetId) {
    std::string sql =
        "SELECT id, coalesce(dataset_id, 0), name, params_json, fit_seconds, created, length(blob) FROM models";
    if (datasetId) sql += " WHERE dataset_id = " + std::to_string(*datasetId);
    auto st = db_.prepare(sql + " ORDER BY id");
    if (!st) return st.status();
    std::vector<ModelRecord> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        ModelRecord m;
        m.id = st->int64(0);
        m.datasetId = st->int64(1);
        m.name = st->text(2);
        auto params = parseJson(st->text(3), path() + ": models.params_json of model " + std::to_string(m.id));
        if (!params) return params.status();
        m.params = std::move(*params);
        m.fitSeconds = st->real(4);
        m.created = st->text(5);
        m.blobBytes = st->int64(6);
        out.push_back(std::move(m));
    }
    return out;
}

util::Result<std::string> ProjectStore::loadModelBlob(int64_t modelId) {
    auto st = db_.prepare("SELECT blob FROM models WHERE id = ?");
    if (!st) return st.status();
    st->bind(1, modelId);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return util::Error{path() + ": no model with id " + std::to_string(modelId)};
    return st->blob(0);
}

// --- evaluation runs -------------------------------------------------------------------------

util::Result<int64_t> ProjectStore::saveEvalRun(const nlohmann::json& protocol, const nlohmann::json& results,
                                                std::span<const UserRank> ranks, const util::Task& task) {
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.status();
    auto run = db_.prepare("INSERT INTO eval_runs(created, protocol_json, results_json) VALUES (?, ?, ?)");
    if (!run) return run.status();
    run->bind(1, detail::nowIso()).bind(2, protocol.dump()).bind(3, results.dump());
    if (auto s = run->run(); !s) return s;
    const int64_t id = db_.lastInsertRowid();
    auto st = db_.prepare("INSERT INTO eval_user_ranks(run_id, model, user_idx, rank) VALUES (?, ?, ?, ?)");
    if (!st) return st.status();
    detail::Progress progress(task, static_cast<int64_t>(ranks.size()), "saving ranks");
    for (const auto& r : ranks) {
        st->bind(1, id).bind(2, r.model).bind(3, static_cast<int64_t>(r.userIdx)).bind(4, r.rank);
        if (auto s = st->run(); !s) return s;
        if (!progress.step()) return util::Error{std::string(util::kCancelledMessage)};
    }
    if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
    if (auto s = tx->commit(); !s) return s;
    return id;
}

util::Result<std::vector<EvalRunRecord>> ProjectStore::listEvalRuns() {
    auto st = db_.prepare("SELECT id, created, protocol_json, results_json FROM eval_runs ORDER BY id");
    if (!st) return st.status();
    std::vector<EvalRunRecord> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        EvalRunRecord r;
        r.id = st->int64(0);
        r.created = st->text(1);
        const std::string where = path() + ": eval run " + std::to_string(r.id);
        auto protocol = parseJson(st->text(2), where + " protocol_json");
        if (!protocol) return protocol.status();
        auto results = parseJson(st->text(3), where + " results_json");
        if (!results) return results.status();
        r.protocol = std::move(*protocol);
        r.results = std::move(*results);
        out.push_back(std::move(r));
    }
    return out;
}

util::Result<std::vector<UserRank>> ProjectStore::loadEvalUserRanks(int64_t runId, const std::string& model) {
    auto st =
        db_.prepare(model.empty() ? "SELECT model, user_idx, rank FROM eval_user_ranks WHERE run_id = ? ORDER BY rowid"
                                  : "SELECT model, user_idx, rank FROM eval_user_ranks WHERE run_id = ? AND model = ? "
                                    "ORDER BY rowid");
    if (!st) return st.status();
    st->bind(1, runId);
    if (!model.empty()) st->bind(2, model);
    std::vector<UserRank> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        out.push_back({st->text(0), static_cast<int32_t>(st->int64(1)), st->int64(2)});
    }
    return out;
}

}  // namespace rs::store
