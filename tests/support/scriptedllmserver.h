#pragma once
// ScriptedLlmServer: an OpenAI-compatible HTTP server on 127.0.0.1 (an ephemeral port) for tests
// and benchmarks, built on cpp-httplib. Started and stopped by the test itself; no real model.
//
// Endpoints (under /v1): POST /chat/completions (streaming when the body says "stream": true),
// GET /models, POST /embeddings (deterministic vectors from the text: see embeddingFor).
//
// What a chat request gets, first match wins: the next queued reply for its path (enqueue), the
// first rule whose text occurs in the last user message (addRule), the default reply (by default
// "echo: <last user message>"). A reply can carry a fault instead of an answer: 429 with
// Retry-After, 500, a stream cut mid-way, malformed JSON, a slow first token, a hung connection,
// or any status with an OpenAI-style error body. Queued faults also work for /embeddings and
// /models (enqueue with that path).
//
// Every received request is recorded (method, path, lower-cased headers, body) so tests can
// assert on what the client sent, e.g. that the key header was present.
//
// Threading: all members are thread-safe; handlers run on cpp-httplib's worker threads. Hung and
// slow handlers wake up when stop() is called, so stopping never waits for them.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Server;
}

namespace rs::test {

struct ScriptedToolCall {
    std::string id;  // may be empty, as some servers send
    std::string name;
    std::string arguments;           // JSON text
    bool argumentsAsObject = false;  // send "arguments" as a JSON object instead of a string
};

enum class Fault {
    None,
    RateLimit,       // 429, with Retry-After when retryAfterSeconds >= 0
    ServerError,     // 500
    CutStream,       // streaming: cutAfterChunks events, then the connection drops
    MalformedJson,   // a body (or the first stream event) that is not JSON
    SlowFirstToken,  // wait delaySeconds before the first byte / first event
    Hang,            // never answer (streaming: after cutAfterChunks events), until stop()
    Status,          // answer `status` with an OpenAI-style error body carrying errorMessage
};

struct ScriptedReply {
    std::string content;
    std::string reasoning;  // sent as reasoning_content
    std::vector<ScriptedToolCall> toolCalls;
    std::string finishReason;         // empty: "tool_calls" when there are calls, else "stop"
    std::vector<std::string> chunks;  // streaming: content pieces as sent; empty = split by chunkChars
    int chunkChars = 4;               // streaming: content characters per event (0 = one event)
    int64_t promptTokens = -1;        // -1: count words of the messages
    int64_t completionTokens = -1;    // -1: number of content chunks (streaming) or words
    bool usageChoicesNull = true;     // the final usage chunk has "choices": null (else [])
    Fault fault = Fault::None;
    int status = 0;                      // Fault::Status
    std::string errorMessage;            // Fault::Status
    double retryAfterSeconds = -1;       // Fault::RateLimit
    double delaySeconds = 0;             // Fault::SlowFirstToken
    int cutAfterChunks = 2;              // Fault::CutStream / Fault::Hang when streaming
    std::vector<std::string> rawEvents;  // streaming: exact SSE data payloads (then [DONE])
    std::string rawBody;                 // non-streaming: exact body
};

struct ReceivedRequest {
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;
    nlohmann::json json;  // the parsed body (null when not JSON)

    std::string header(const std::string& lowerName) const;
};

class ScriptedLlmServer {
public:
    ScriptedLlmServer();
    ~ScriptedLlmServer();
    ScriptedLlmServer(const ScriptedLlmServer&) = delete;
    ScriptedLlmServer& operator=(const ScriptedLlmServer&) = delete;

    bool start();  // binds 127.0.0.1 on a free port and serves on a thread; false on failure
    void stop();
    int port() const { return port_; }
    std::string baseUrl() const;  // "http://127.0.0.1:<port>/v1"

    void enqueue(ScriptedReply reply, const std::string& path = "/v1/chat/completions");
    void addRule(const std::string& lastUserContains, ScriptedReply reply);
    void setDefaultReply(std::optional<ScriptedReply> reply);  // nullopt: echo
    void setModels(std::vector<std::string> ids, bool rejectUnknown = false);
    void setRequiredKey(const std::string& key);  // 401 (echoing the key, as some servers do) unless sent
    void setMaxPromptChars(size_t n);             // larger prompts get 400 context_length_exceeded
    void setEmbeddingDim(int dim);

    std::vector<ReceivedRequest> requests() const;
    size_t requestCount(const std::string& path = {}) const;
    void clearRequests();

    // Unit-length dim floats from character trigrams of text: similar texts get similar vectors.
    static std::vector<float> embeddingFor(const std::string& text, int dim);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
};

}  // namespace rs::test
