// ProjectStore: saved vector indexes and the embedding cache. The tables are created on the first
// write (CREATE TABLE IF NOT EXISTS), so project files written before they existed stay valid.
#include <cstring>

#include "store/projectstore.h"
#include "store/storeutil.h"

namespace rs::store {

namespace {

constexpr const char* kVectorSchema =
    "CREATE TABLE IF NOT EXISTS vector_indexes("
    " id INTEGER PRIMARY KEY, dataset_id INTEGER, name TEXT NOT NULL UNIQUE, embedder TEXT NOT NULL,"
    " spec TEXT NOT NULL, metric TEXT NOT NULL, count INTEGER NOT NULL, created TEXT NOT NULL, blob BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS embedding_cache("
    " embedder TEXT NOT NULL, text_hash TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,"
    " PRIMARY KEY(embedder, text_hash)) WITHOUT ROWID;";

uint64_t fnv1a(std::string_view s, uint64_t h, uint64_t prime) {
    for (unsigned char c : s) {
        h ^= c;
        h *= prime;
    }
    return h;
}

}  // namespace

std::string ProjectStore::embeddingTextHash(std::string_view text) {
    // Two FNV-1a passes with different offsets and primes (the 64-bit prime and a large odd
    // constant), plus the length folded in: 128 bits, so a collision between catalog texts is
    // not a practical concern, and no crypto library is needed.
    const uint64_t a = fnv1a(text, 1469598103934665603ull, 1099511628211ull);
    const uint64_t b = fnv1a(text, 0x84222325cbf29ce4ull ^ text.size(), 0x100000001b3ull * 0x9e3779b97f4a7c15ull | 1);
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                  static_cast<unsigned long long>(b));
    return buf;
}

util::Result<int64_t> ProjectStore::saveVectorIndex(const VectorIndexRecord& record, const std::string& blob) {
    if (record.name.empty()) return util::Error{path() + ": a vector index needs a name"};
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.status();
    if (auto s = db_.exec(kVectorSchema); !s) return s;
    auto del = db_.prepare("DELETE FROM vector_indexes WHERE name = ?");
    if (!del) return del.status();
    if (auto s = del->bind(1, record.name).run(); !s) return s;
    auto st = db_.prepare(
        "INSERT INTO vector_indexes(dataset_id, name, embedder, spec, metric, count, created, blob)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) return st.status();
    if (record.datasetId > 0)
        st->bind(1, record.datasetId);
    else
        st->bindNull(1);
    st->bind(2, record.name).bind(3, record.embedder).bind(4, record.spec).bind(5, record.metric);
    st->bind(6, record.count).bind(7, detail::nowIso()).bindBlob(8, blob);
    if (auto s = st->run(); !s) return s;
    const int64_t id = db_.lastInsertRowid();
    if (auto s = tx->commit(); !s) return s;
    return id;
}

util::Result<std::vector<VectorIndexRecord>> ProjectStore::listVectorIndexes() {
    std::vector<VectorIndexRecord> out;
    auto exists = detail::tableExists(db_, "vector_indexes");
    if (!exists) return exists.status();
    if (!*exists) return out;
    auto st = db_.prepare(
        "SELECT id, coalesce(dataset_id, 0), name, embedder, spec, metric, count, created, length(blob)"
        " FROM vector_indexes ORDER BY id");
    if (!st) return st.status();
    for (;;) {
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) break;
        VectorIndexRecord r;
        r.id = st->int64(0);
        r.datasetId = st->int64(1);
        r.name = st->text(2);
        r.embedder = st->text(3);
        r.spec = st->text(4);
        r.metric = st->text(5);
        r.count = st->int64(6);
        r.created = st->text(7);
        r.blobBytes = st->int64(8);
        out.push_back(std::move(r));
    }
    return out;
}

util::Result<std::string> ProjectStore::loadVectorIndexBlob(const std::string& name) {
    auto exists = detail::tableExists(db_, "vector_indexes");
    if (!exists) return exists.status();
    if (*exists) {
        auto st = db_.prepare("SELECT blob FROM vector_indexes WHERE name = ?");
        if (!st) return st.status();
        st->bind(1, name);
        auto row = st->step();
        if (!row) return row.status();
        if (*row) return st->blob(0);
    }
    return util::Error{path() + ": no vector index named '" + name + "'"};
}

util::Status ProjectStore::removeVectorIndex(const std::string& name) {
    auto exists = detail::tableExists(db_, "vector_indexes");
    if (!exists) return exists.status();
    if (!*exists) return util::Status::error(path() + ": no vector index named '" + name + "'");
    auto st = db_.prepare("DELETE FROM vector_indexes WHERE name = ?");
    if (!st) return st.status();
    if (auto s = st->bind(1, name).run(); !s) return s;
    if (sqlite3_changes(db_.handle()) == 0)
        return util::Status::error(path() + ": no vector index named '" + name + "'");
    return util::Status::ok();
}

util::Result<std::vector<std::vector<float>>> ProjectStore::lookupEmbeddings(const std::string& embedder, int32_t dim,
                                                                             std::span<const std::string> texts) {
    std::vector<std::vector<float>> out(texts.size());
    auto exists = detail::tableExists(db_, "embedding_cache");
    if (!exists) return exists.status();
    if (!*exists || dim <= 0) return out;
    auto st = db_.prepare("SELECT vector FROM embedding_cache WHERE embedder = ? AND text_hash = ? AND dim = ?");
    if (!st) return st.status();
    const size_t bytes = size_t(dim) * sizeof(float);
    for (size_t i = 0; i < texts.size(); ++i) {
        st->bind(1, embedder).bind(2, embeddingTextHash(texts[i])).bind(3, int64_t{dim});
        auto row = st->step();
        if (!row) return row.status();
        if (*row) {
            const std::string blob = st->blob(0);
            if (blob.size() == bytes) {
                out[i].resize(size_t(dim));
                std::memcpy(out[i].data(), blob.data(), bytes);
            }
        }
        st->reset();
    }
    return out;
}

util::Status ProjectStore::storeEmbeddings(const std::string& embedder, int32_t dim, std::span<const std::string> texts,
                                           std::span<const float> vectors) {
    if (dim <= 0 || vectors.size() != texts.size() * size_t(dim))
        return util::Status::error(path() + ": embedding cache: " + std::to_string(vectors.size()) + " floats for " +
                                   std::to_string(texts.size()) + " texts of dimension " + std::to_string(dim));
    auto tx = Transaction::begin(db_);
    if (!tx) return tx.status();
    if (auto s = db_.exec(kVectorSchema); !s) return s;
    auto st =
        db_.prepare("INSERT OR REPLACE INTO embedding_cache(embedder, text_hash, dim, vector) VALUES (?, ?, ?, ?)");
    if (!st) return st.status();
    const size_t bytes = size_t(dim) * sizeof(float);
    for (size_t i = 0; i < texts.size(); ++i) {
        const std::string_view v(reinterpret_cast<const char*>(vectors.data() + i * size_t(dim)), bytes);
        st->bind(1, embedder).bind(2, embeddingTextHash(texts[i])).bind(3, int64_t{dim}).bindBlob(4, v);
        if (auto s = st->run(); !s) return s;
    }
    return tx->commit();
}

}  // namespace rs::store
