#include "llm/cassette.h"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "store/projectstore.h"
#include "store/sqlite.h"

namespace rs::llm {

namespace {
constexpr std::pair<CassetteMode, std::string_view> kModeNames[] = {
    {CassetteMode::Off, "off"},
    {CassetteMode::Record, "record"},
    {CassetteMode::Replay, "replay"},
    {CassetteMode::ReplayOrRecord, "replay-or-record"},
};

constexpr std::string_view kSchema =
    "CREATE TABLE IF NOT EXISTS llm_exchanges ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " key TEXT NOT NULL,"
    " method TEXT NOT NULL,"
    " endpoint TEXT NOT NULL,"
    " request TEXT NOT NULL,"
    " status INTEGER NOT NULL,"
    " response_json TEXT NOT NULL,"  // headers, chunk timings, total seconds
    " body BLOB NOT NULL,"           // chunks, length-prefixed (see packChunks)
    " created TEXT NOT NULL DEFAULT (datetime('now')));"
    "CREATE INDEX IF NOT EXISTS llm_exchanges_key ON llm_exchanges(key, id);";

// Chunks are stored as one blob of <u32 length><bytes> records so binary stream data survives.
std::string packChunks(const std::vector<std::string>& chunks) {
    std::string out;
    for (const auto& c : chunks) {
        const auto n = static_cast<uint32_t>(c.size());
        for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((n >> (8 * b)) & 0xff));
        out += c;
    }
    return out;
}

std::optional<std::vector<std::string>> unpackChunks(const std::string& blob) {
    std::vector<std::string> chunks;
    size_t pos = 0;
    while (pos < blob.size()) {
        if (blob.size() - pos < 4) return std::nullopt;
        uint32_t n = 0;
        for (int b = 0; b < 4; ++b) n |= static_cast<uint32_t>(static_cast<unsigned char>(blob[pos + b])) << (8 * b);
        pos += 4;
        if (blob.size() - pos < n) return std::nullopt;
        chunks.push_back(blob.substr(pos, n));
        pos += n;
    }
    return chunks;
}
}  // namespace

std::string_view cassetteModeName(CassetteMode m) {
    for (const auto& [mode, name] : kModeNames)
        if (mode == m) return name;
    return "off";
}

std::optional<CassetteMode> cassetteModeFromName(std::string_view name) {
    for (const auto& [mode, n] : kModeNames)
        if (n == name) return mode;
    return std::nullopt;
}

std::string RecordedResponse::body() const {
    std::string all;
    for (const auto& c : chunks) all += c;
    return all;
}

Cassette::Cassette(std::unique_ptr<store::Database> db, CassetteMode mode) : db_(std::move(db)), mode_(mode) {}
Cassette::~Cassette() = default;

util::Result<std::unique_ptr<Cassette>> Cassette::open(const std::filesystem::path& projectFile, CassetteMode mode) {
    // Validates (or creates) a RecScope project first, so a cassette never writes into a foreign file.
    auto project = store::ProjectStore::openOrCreate(projectFile);
    if (!project) return util::Error{project.message()};
    auto db = store::Database::open(projectFile, SQLITE_OPEN_READWRITE);
    if (!db) return util::Error{db.message()};
    auto owned = std::make_unique<store::Database>(std::move(*db));
    if (auto st = owned->exec(kSchema); !st) return util::Error{st.message()};
    return std::unique_ptr<Cassette>(new Cassette(std::move(owned), mode));
}

std::string Cassette::key(const RecordedRequest& request) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a 64: stable across runs, builds and machines
    auto mix = [&h](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
    };
    mix(request.method);
    mix(" ");
    mix(request.endpoint);
    mix("\n");
    mix(request.body);
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = hex[h & 0xf];
    return out;
}

util::Result<std::optional<RecordedResponse>> Cassette::find(const RecordedRequest& request) {
    if (!replays()) return std::optional<RecordedResponse>{};
    const std::string k = key(request);
    std::lock_guard lock(mutex_);
    auto stmt = db_->prepare(
        "SELECT status, response_json, body, method, endpoint, request FROM llm_exchanges WHERE key = ?1 "
        "ORDER BY id");
    if (!stmt) return util::Error{stmt.message()};
    stmt->bind(1, k);
    // Keep only recordings of exactly this request (a hash collision must not replay another one).
    std::vector<std::tuple<int, std::string, std::string>> matches;
    while (true) {
        auto row = stmt->step();
        if (!row) return util::Error{row.message()};
        if (!*row) break;
        if (stmt->text(3) == request.method && stmt->text(4) == request.endpoint && stmt->text(5) == request.body)
            matches.emplace_back(static_cast<int>(stmt->int64(0)), stmt->text(1), stmt->blob(2));
    }
    if (matches.empty()) return std::optional<RecordedResponse>{};
    int64_t& used = replayed_[k];
    const auto& [status, meta, blob] = matches[static_cast<size_t>(std::min<int64_t>(used, matches.size() - 1))];
    ++used;

    const auto where = db_->path() + ": llm_exchanges key " + k;
    RecordedResponse r;
    r.status = status;
    auto chunks = unpackChunks(blob);
    if (!chunks) return util::Error{where + ": damaged body"};
    r.chunks = std::move(*chunks);
    const auto j = nlohmann::json::parse(meta, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return util::Error{where + ": damaged response_json"};
    try {
        for (const auto& h : j.value("headers", nlohmann::json::array()))
            r.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
        r.chunkSeconds = j.value("chunk_seconds", std::vector<double>{});
        r.seconds = j.value("seconds", 0.0);
    } catch (const std::exception& e) {
        return util::Error{where + ": damaged response_json: " + e.what()};
    }
    if (r.chunkSeconds.size() != r.chunks.size()) r.chunkSeconds.assign(r.chunks.size(), 0.0);
    return std::optional<RecordedResponse>{std::move(r)};
}

util::Status Cassette::record(const RecordedRequest& request, const RecordedResponse& response) {
    if (!records()) return util::Status::ok();
    nlohmann::json meta = {
        {"headers", nlohmann::json::array()}, {"chunk_seconds", response.chunkSeconds}, {"seconds", response.seconds}};
    for (const auto& [name, value] : response.headers) {
        if (name == "set-cookie" || name == "Set-Cookie") continue;  // session material is not replay data
        meta["headers"].push_back({name, value});
    }
    std::lock_guard lock(mutex_);
    auto stmt = db_->prepare(
        "INSERT INTO llm_exchanges(key, method, endpoint, request, status, response_json, body) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.status();
    stmt->bind(1, key(request))
        .bind(2, request.method)
        .bind(3, request.endpoint)
        .bind(4, request.body)
        .bind(5, static_cast<int64_t>(response.status))
        .bind(6, meta.dump())
        .bindBlob(7, packChunks(response.chunks));
    return stmt->run();
}

util::Result<int64_t> Cassette::size() const {
    std::lock_guard lock(mutex_);
    return db_->queryInt("SELECT count(*) FROM llm_exchanges");
}

}  // namespace rs::llm
