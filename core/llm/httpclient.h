#pragma once
// HttpClient: the engine's one way to speak HTTP (chat completions, embeddings, model lists), a
// small wrapper over libcurl.
//
// Contracts:
// - send() never throws and never prints. Transport failures (host unreachable, TLS, timeouts,
//   cancellation) come back as HttpResponse::transport != Ok with a message that names the method,
//   the URL and the cause. An HTTP error status (4xx/5xx) is NOT a transport failure: the status,
//   headers and body are returned for the caller to interpret.
// - Timeouts are in seconds; 0 disables one. connect: TCP+TLS handshake; firstByte: from the start
//   of the request until the first response byte (a server that accepts and then says nothing);
//   idle: longest silence between two received bytes (a stream that hangs mid-way); total: the
//   whole exchange.
// - Cancellation: the CancelToken is checked at least every ~20 ms while a transfer runs (curl's
//   transfer-info callback plus a short poll loop), so cancel() ends a call promptly, mid-stream
//   included.
// - Request headers are sent but never stored, logged or put in messages (they carry API keys).
// - Optional cassette: when set, requests are answered from / recorded into it (see cassette.h);
//   a replayed response is delivered through the same body callback in the recorded chunks.
//
// Threading: one HttpClient per thread. An instance keeps its connection open between calls
// (keep-alive), so reusing it for many calls to one server is much faster than a new one per call.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"
#include "util/task.h"

namespace rs::llm {

class Cassette;

struct HttpTimeouts {
    double connectSeconds = 10;
    double firstByteSeconds = 120;
    double idleSeconds = 120;
    double totalSeconds = 600;
};

struct HttpRequest {
    std::string method = "POST";  // "GET" or "POST"
    std::string url;
    // Path below the service's base URL ("/chat/completions"): the cassette key; never holds secrets.
    std::string endpoint;
    std::vector<std::pair<std::string, std::string>> headers;  // sent as given; never stored
    std::string body;                                          // POST body (JSON)
    HttpTimeouts timeouts;
};

enum class Transport {
    Ok,           // a complete HTTP response arrived (any status)
    Cancelled,    // the cancel token fired
    Unreachable,  // DNS failure, connection refused, no route
    Tls,          // certificate or handshake failure
    Timeout,      // one of the timeouts expired
    Broken,       // the connection broke mid-response (e.g. a stream cut)
    Aborted,      // the body callback asked to stop
    Other,
};

struct HttpResponse {
    Transport transport = Transport::Other;
    std::string error;  // set when transport != Ok: "POST http://…/chat/completions: <cause>"
    int status = 0;     // HTTP status; 0 when no status line arrived
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
    std::string body;                                          // the whole body (also when a body callback was given)
    double seconds = 0;                                        // request start to end
    double firstByteSeconds = -1;  // request start to the first body byte; -1 when none arrived
    bool replayed = false;         // answered from a cassette

    bool ok() const { return transport == Transport::Ok; }
    std::optional<std::string> header(std::string_view lowerName) const;
    // Retry-After in seconds (delta-seconds form; HTTP dates are read relative to now), if any.
    std::optional<double> retryAfterSeconds() const;
};

// Receives body bytes as they arrive, with the response's HTTP status (known before the body).
// Return false to stop the transfer (Transport::Aborted).
using BodyFn = std::function<bool(std::string_view chunk, int status)>;

class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Not owned; must outlive the client. nullptr detaches.
    void setCassette(Cassette* cassette) { cassette_ = cassette; }

    HttpResponse send(const HttpRequest& request, const util::CancelToken& cancel = {}, const BodyFn& onBody = {});

private:
    HttpResponse perform(const HttpRequest& request, const util::CancelToken& cancel, const BodyFn& onBody,
                         std::vector<std::string>* chunks, std::vector<double>* chunkSeconds);

    struct Handles;
    std::unique_ptr<Handles> handles_;
    Cassette* cassette_ = nullptr;
};

// "POST http://host/v1/chat/completions" with any query string removed (it may carry a key).
std::string describeRequest(std::string_view method, std::string_view url);

}  // namespace rs::llm
