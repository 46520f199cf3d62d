#pragma once
// ProjectStore: a RecScope project file — one SQLite database holding imported datasets (users,
// items, interactions, the item catalog and the user table as real SQL tables), fitted models and
// evaluation runs.
//
// File layout (schema version 1, created in projectstore.cpp):
//   meta(key, value)                 application='RecScope', schema_version='1', created
//   datasets(id, name UNIQUE, …)     one row per saved dataset, with counts and the import report
//   users / items(dataset_id, idx, external_id)            internal index -> external id
//   interactions(dataset_id, pos, user_idx, item_idx, rating, timestamp)
//                                    pos is the CSR position (by user, then time); rating NULL
//                                    where the source had none; timestamp NULL without timestamps
//   catalog_<name>(item_id, <typed columns>)               TEXT / INTEGER / REAL; dates as ISO
//                                    TEXT 'YYYY-MM-DD'; tag lists as '|'-joined TEXT
//   catalog_<name>_tags(item_id, column, tag)              one row per tag, for exact filters
//   catalog_columns(dataset_id, position, name, sql_name, type)   RecScope type of each column
//   users_<name>(user_id, <typed columns>), users_<name>_tags(user_id, column, tag)
//                                    the user table (ImportedData::userCatalog), written and read
//                                    exactly like catalog_<name>
//   user_tables(dataset_id, table_name, row_count, title_column)   one row per user table
//   user_columns(dataset_id, position, name, sql_name, type)      like catalog_columns
//                                    (user_tables and user_columns were added to version 1 later:
//                                    files without them open fine and have no user tables)
//   models, eval_runs, eval_user_ranks                     filled by training and evaluation
// <name> is the dataset name lower-cased with every other character than [a-z0-9] turned into
// '_' ("ml-100k" -> catalog_ml_100k, users_ml_100k); when that table already exists, "_<dataset
// id>" is added.
//
// Every write is one transaction: a failure (including cancellation) leaves the file exactly as
// it was. Errors name the file and the failing statement or table; nothing is printed.
// Threading: one ProjectStore is used from one thread at a time; it may be moved between threads.
// Several ProjectStore objects (or processes) may open the same file; writers are serialised by
// SQLite's file lock; a file locked by another writer is waited for up to 5 s, then fails with
// an error naming it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/importer.h"
#include "store/sqlite.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::models {
class Recommender;
}

namespace rs::store {

inline constexpr int kSchemaVersion = 1;

struct DatasetInfo {
    int64_t id = 0;
    std::string name;
    std::string format;   // importer that produced it
    std::string created;  // UTC, ISO 8601
    bool hasInteractions = false;
    int32_t numUsers = 0, numItems = 0;
    int64_t numInteractions = 0;
    bool hasRatings = false, hasTimestamps = false;
    std::string catalogTable;  // empty when the dataset has no catalog
    int64_t catalogRows = 0;
    std::string userTable;  // empty when the dataset has no user table
    int64_t userRows = 0;
};

struct SaveOptions {
    bool replace = false;  // replace a dataset of the same name (and its models) instead of failing
};

struct ModelRecord {
    int64_t id = 0;
    int64_t datasetId = 0;  // 0 when not tied to a stored dataset
    std::string name;
    nlohmann::json params;
    double fitSeconds = 0;
    std::string created;
    int64_t blobBytes = 0;  // the blob itself is read with loadModelBlob()
};

struct EvalRunRecord {
    int64_t id = 0;
    std::string created;
    nlohmann::json protocol;
    nlohmann::json results;
};

// The rank (1 = best) a model gave a user's held-out item in one evaluation run.
struct UserRank {
    std::string model;
    int32_t userIdx = 0;
    int64_t rank = 0;
};

// A FAISS index saved with the project (see core/index/vectorindex.h; the blob is opaque here).
struct VectorIndexRecord {
    int64_t id = 0;
    int64_t datasetId = 0;  // 0 when not tied to a stored dataset
    std::string name;       // unique per project
    std::string embedder;   // Embedder::name() of the vectors, or "model:<name>" for model factors
    std::string spec;       // FAISS index_factory string
    std::string metric;     // "cosine" or "ip"
    int64_t count = 0;      // vectors in the index
    std::string created;
    int64_t blobBytes = 0;
};

class ProjectStore {
public:
    // Creates a new project file; fails when path exists (unless it is an empty file).
    static util::Result<ProjectStore> create(const std::filesystem::path& path);
    // Opens an existing project. Fails with a clear message for a missing file, a file that is not
    // a RecScope project, or one written with a newer schema version.
    static util::Result<ProjectStore> open(const std::filesystem::path& path, bool readOnly = false);
    // open() when path exists, create() otherwise.
    static util::Result<ProjectStore> openOrCreate(const std::filesystem::path& path);
    // Cheap check: does path start with the SQLite header? (Says nothing about our schema.)
    static bool looksLikeSqlite(const std::filesystem::path& path);

    ProjectStore(ProjectStore&&) = default;
    ProjectStore& operator=(ProjectStore&&) = default;

    const std::string& path() const { return db_.path(); }
    int schemaVersion() const { return kSchemaVersion; }

    // Writes data.dataset, data.catalog and/or data.userCatalog and the import report under name
    // (non-empty). A name already in use fails unless options.replace. Returns the new dataset id.
    // Reports progress in [0, 1]; cancellation rolls everything back and returns "cancelled".
    util::Result<int64_t> saveDataset(const std::string& name, const data::ImportedData& data,
                                      const SaveOptions& options = {}, const util::Task& task = {});
    util::Result<std::vector<DatasetInfo>> listDatasets();
    // By name, or by id when nameOrId is all digits and no dataset has that name.
    util::Result<DatasetInfo> findDataset(const std::string& nameOrId);
    // Restores the dataset, catalog and user table (same column types, title column, row order)
    // and the import report, without the source files.
    util::Result<data::ImportedData> loadDataset(const std::string& nameOrId, const util::Task& task = {});
    util::Result<data::ImportedData> loadDataset(int64_t id, const util::Task& task = {});
    util::Status removeDataset(const std::string& nameOrId);

    // Models: blob is the output of Recommender::save (opaque bytes).
    util::Result<int64_t> saveModel(int64_t datasetId, const std::string& name, const nlohmann::json& params,
                                    double fitSeconds, const std::string& blob);
    util::Result<int64_t> saveModel(int64_t datasetId, const models::Recommender& model, double fitSeconds);
    util::Result<std::vector<ModelRecord>> listModels(std::optional<int64_t> datasetId = std::nullopt);
    util::Result<std::string> loadModelBlob(int64_t modelId);

    // Evaluation runs: protocol (split, metrics, cut-offs), results (metric values per model) and
    // optionally the per-user ranks behind them.
    util::Result<int64_t> saveEvalRun(const nlohmann::json& protocol, const nlohmann::json& results,
                                      std::span<const UserRank> ranks = {}, const util::Task& task = {});
    util::Result<std::vector<EvalRunRecord>> listEvalRuns();
    // All ranks of a run in saved order, or only those of model when it is non-empty.
    util::Result<std::vector<UserRank>> loadEvalUserRanks(int64_t runId, const std::string& model = {});

    // Vector indexes and the embedding cache (projectstore_vectors.cpp). Their tables,
    //   vector_indexes(id, dataset_id, name UNIQUE, embedder, spec, metric, count, created, blob)
    //   embedding_cache(embedder, text_hash, dim, vector BLOB, PRIMARY KEY(embedder, text_hash))
    // are created on first write, so older project files open unchanged; reading a project
    // without them gives no indexes and no cached vectors. text_hash is embeddingTextHash(text).
    // saveVectorIndex replaces an index of the same name.
    util::Result<int64_t> saveVectorIndex(const VectorIndexRecord& record, const std::string& blob);
    util::Result<std::vector<VectorIndexRecord>> listVectorIndexes();
    util::Result<std::string> loadVectorIndexBlob(const std::string& name);
    util::Status removeVectorIndex(const std::string& name);
    // Cached vectors (dim floats each) for texts under one embedder name; a text not cached (or
    // cached with another dim) gives an empty vector in its slot.
    util::Result<std::vector<std::vector<float>>> lookupEmbeddings(const std::string& embedder, int32_t dim,
                                                                   std::span<const std::string> texts);
    // vectors: texts.size() × dim floats, row-major. Existing entries are overwritten. One transaction.
    util::Status storeEmbeddings(const std::string& embedder, int32_t dim, std::span<const std::string> texts,
                                 std::span<const float> vectors);
    // 32 hex digits (two independent 64-bit hashes of the UTF-8 bytes); stable across builds.
    static std::string embeddingTextHash(std::string_view text);

    // Project settings (projectstore_settings.cpp): one JSON document per key in
    // settings(key TEXT PRIMARY KEY, value TEXT), a table created on first write, so files written
    // before it existed stay valid. loadSetting gives nullopt for a key never saved.
    util::Status saveSetting(const std::string& key, const nlohmann::json& value);
    util::Result<std::optional<nlohmann::json>> loadSetting(const std::string& key);

    // The underlying connection, for read-only SQL by callers (e.g. a query panel).
    Database& database() { return db_; }

private:
    explicit ProjectStore(Database db) : db_(std::move(db)) {}
    // Drops a dataset's rows and catalog tables inside the caller's transaction.
    util::Status dropDataset(const DatasetInfo& info);
    Database db_;
};

}  // namespace rs::store
