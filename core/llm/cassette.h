#pragma once
// Cassette: records LLM HTTP exchanges into a project file and answers identical requests from
// the record, so a recorded chat, agent turn or evaluation re-runs bit-identically with no server.
//
// It works at the HTTP level: the recorded response is the status, headers and the body exactly
// as the network delivered it (one chunk per read for a stream), so replay feeds the very same
// bytes through the same parser. Requests are keyed by method, endpoint path and body; request
// headers are never stored (they carry the API key). Repeated identical requests (sampling at a
// temperature) get successive recordings in order; past the last one, the last is repeated.
//
// Storage: table llm_exchanges in the project file (created on first use; a new project file is
// created when the path does not exist). Threading: all members are thread-safe (one internal
// mutex; the SQLite connection is used under it).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace rs::store {
class Database;
}

namespace rs::llm {

enum class CassetteMode {
    Off,             // neither look up nor record
    Record,          // always call the server and record every exchange
    Replay,          // answer from the record only; a request with no recording is an error
    ReplayOrRecord,  // answer from the record when there is one, else call the server and record
};
std::string_view cassetteModeName(CassetteMode m);  // "off", "record", "replay", "replay-or-record"
std::optional<CassetteMode> cassetteModeFromName(std::string_view name);

struct RecordedRequest {
    std::string method;    // "POST"
    std::string endpoint;  // path below the base URL, e.g. "/chat/completions" (no host, no secrets)
    std::string body;      // the JSON body as sent
};

struct RecordedResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // response headers as received
    std::vector<std::string> chunks;   // body bytes in delivery order (one chunk for a plain body)
    std::vector<double> chunkSeconds;  // seconds from the request's start to each chunk
    double seconds = 0;                // total duration of the exchange

    std::string body() const;  // all chunks joined
};

class Cassette {
public:
    ~Cassette();
    static util::Result<std::unique_ptr<Cassette>> open(const std::filesystem::path& projectFile, CassetteMode mode);

    CassetteMode mode() const { return mode_; }
    bool replays() const { return mode_ == CassetteMode::Replay || mode_ == CassetteMode::ReplayOrRecord; }
    bool records() const { return mode_ == CassetteMode::Record || mode_ == CassetteMode::ReplayOrRecord; }

    // The next recording for this request, or nullopt when there is none (or the mode does not
    // replay). Errors only for a damaged record.
    util::Result<std::optional<RecordedResponse>> find(const RecordedRequest& request);
    // Appends an exchange (no-op when the mode does not record).
    util::Status record(const RecordedRequest& request, const RecordedResponse& response);
    // Number of recorded exchanges in the file.
    util::Result<int64_t> size() const;

    // Stable 64-bit FNV-1a hash of method, endpoint and body, as 16 hex digits.
    static std::string key(const RecordedRequest& request);

private:
    Cassette(std::unique_ptr<store::Database> db, CassetteMode mode);

    std::unique_ptr<store::Database> db_;
    CassetteMode mode_;
    mutable std::mutex mutex_;
    std::map<std::string, int64_t> replayed_;  // key -> how many recordings were handed out
};

}  // namespace rs::llm
