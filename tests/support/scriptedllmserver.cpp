#include "support/scriptedllmserver.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <sstream>

namespace rs::test {

using nlohmann::json;

namespace {

int64_t countWords(const std::string& s) {
    std::istringstream in(s);
    int64_t n = 0;
    for (std::string w; in >> w;) ++n;
    return n;
}

std::string lastUserMessage(const json& body) {
    std::string last;
    if (body.contains("messages") && body["messages"].is_array())
        for (const auto& m : body["messages"])
            if (m.value("role", "") == "user" && m.contains("content") && m["content"].is_string())
                last = m["content"].get<std::string>();
    return last;
}

std::string errorBody(const std::string& message, const std::string& type, const std::string& code = {}) {
    json e = {{"message", message}, {"type", type}};
    e["code"] = code.empty() ? json(nullptr) : json(code);
    return json{{"error", e}}.dump();
}

json toolCallJson(const ScriptedToolCall& c, size_t index, bool full) {
    json fn = {{"name", c.name}};
    if (c.argumentsAsObject)
        fn["arguments"] = json::parse(c.arguments, nullptr, false);
    else
        fn["arguments"] = full ? c.arguments : "";
    json j = {{"index", index}, {"type", "function"}, {"function", fn}};
    j["id"] = c.id;
    return j;
}

std::vector<std::string> contentChunks(const ScriptedReply& r) {
    if (!r.chunks.empty()) return r.chunks;
    std::vector<std::string> out;
    if (r.content.empty()) return out;
    if (r.chunkChars <= 0) return {r.content};
    for (size_t i = 0; i < r.content.size(); i += size_t(r.chunkChars))
        out.push_back(r.content.substr(i, size_t(r.chunkChars)));
    return out;
}

}  // namespace

struct ScriptedLlmServer::Impl {
    httplib::Server server;
    std::thread thread;
    std::atomic<bool> stopping{false};
    mutable std::mutex mutex;
    std::map<std::string, std::deque<ScriptedReply>> queues;  // by path
    std::vector<std::pair<std::string, ScriptedReply>> rules;
    std::optional<ScriptedReply> defaultReply;
    std::vector<std::string> models{"test-model"};
    bool rejectUnknownModels = false;
    std::string requiredKey;
    size_t maxPromptChars = 0;
    int embeddingDim = 16;
    std::vector<ReceivedRequest> received;

    // Sleeps in small steps so stop() wakes every sleeper at once; false when stopping.
    bool sleep(double seconds) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            if (stopping) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return !stopping;
    }

    void record(const httplib::Request& req) {
        ReceivedRequest r;
        r.method = req.method;
        r.path = req.path;
        for (const auto& [name, value] : req.headers) {
            std::string lower = name;
            for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            r.headers.emplace(lower, value);
        }
        r.body = req.body;
        r.json = json::parse(req.body, nullptr, false);
        if (r.json.is_discarded()) r.json = nullptr;
        std::lock_guard lock(mutex);
        received.push_back(std::move(r));
    }

    std::optional<ScriptedReply> takeQueued(const std::string& path) {
        std::lock_guard lock(mutex);
        auto it = queues.find(path);
        if (it == queues.end() || it->second.empty()) return std::nullopt;
        ScriptedReply r = std::move(it->second.front());
        it->second.pop_front();
        return r;
    }

    // Faults that look the same on every endpoint. True when the response is settled.
    bool applyFault(const ScriptedReply& r, httplib::Response& res, bool streaming) {
        switch (r.fault) {
            case Fault::RateLimit:
                if (r.retryAfterSeconds >= 0) {
                    std::ostringstream s;
                    s << r.retryAfterSeconds;
                    res.set_header("Retry-After", s.str());
                }
                res.status = 429;
                res.set_content(errorBody("Rate limit reached, slow down", "rate_limit_error"), "application/json");
                return true;
            case Fault::ServerError:
                res.status = 500;
                res.set_content(errorBody("The server had an error while processing your request", "server_error"),
                                "application/json");
                return true;
            case Fault::Status:
                res.status = r.status;
                res.set_content(errorBody(r.errorMessage, "invalid_request_error"), "application/json");
                return true;
            case Fault::Hang:
                if (streaming) return false;
                sleep(3600);
                res.status = 503;
                return true;
            case Fault::SlowFirstToken:
                if (streaming) return false;
                sleep(r.delaySeconds);
                return false;
            case Fault::MalformedJson:
                if (streaming) return false;
                res.status = 200;
                res.set_content("{\"id\": \"x\", \"choices\": [ {\"message\": oops", "application/json");
                return true;
            default:
                return false;
        }
    }

    bool checkKey(const httplib::Request& req, httplib::Response& res) {
        std::string key;
        {
            std::lock_guard lock(mutex);
            key = requiredKey;
        }
        if (key.empty()) return true;
        if (req.get_header_value("Authorization") == "Bearer " + key || req.get_header_value("api-key") == key)
            return true;
        std::string sent = req.get_header_value("Authorization");
        if (sent.starts_with("Bearer ")) sent = sent.substr(7);
        if (sent.empty()) sent = req.get_header_value("api-key");
        res.status = 401;
        // Real servers echo (part of) the key they got: the client must not pass it on.
        res.set_content(errorBody("Incorrect API key provided: " + sent, "invalid_request_error", "invalid_api_key"),
                        "application/json");
        return false;
    }

    void chat(const httplib::Request& req, httplib::Response& res);
    void embeddings(const httplib::Request& req, httplib::Response& res);
    void modelList(const httplib::Request& req, httplib::Response& res);
};

void ScriptedLlmServer::Impl::chat(const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (!checkKey(req, res)) return;
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        res.status = 400;
        res.set_content(errorBody("We could not parse the JSON body of your request.", "invalid_request_error"),
                        "application/json");
        return;
    }
    const std::string model = body.value("model", "");
    const bool streaming = body.value("stream", false);
    const bool includeUsage =
        streaming && body.contains("stream_options") && body["stream_options"].value("include_usage", false);
    const std::string lastUser = lastUserMessage(body);
    size_t promptChars = 0;
    int64_t promptWords = 0;
    for (const auto& m : body.value("messages", json::array())) {
        if (m.contains("content") && m["content"].is_string()) {
            promptChars += m["content"].get_ref<const std::string&>().size();
            promptWords += countWords(m["content"].get<std::string>());
        }
    }

    std::optional<ScriptedReply> chosen = takeQueued(req.path);
    {
        std::lock_guard lock(mutex);
        if (rejectUnknownModels && std::find(models.begin(), models.end(), model) == models.end()) {
            res.status = 404;
            res.set_content(errorBody("The model '" + model + "' does not exist or you do not have access to it.",
                                      "invalid_request_error", "model_not_found"),
                            "application/json");
            return;
        }
        if (maxPromptChars > 0 && promptChars > maxPromptChars) {
            res.status = 400;
            res.set_content(errorBody("This model's maximum context length is " + std::to_string(maxPromptChars / 4) +
                                          " tokens. However, your messages resulted in " +
                                          std::to_string(promptChars / 4) + " tokens.",
                                      "invalid_request_error", "context_length_exceeded"),
                            "application/json");
            return;
        }
        if (!chosen)
            for (const auto& [needle, reply] : rules)
                if (lastUser.find(needle) != std::string::npos) {
                    chosen = reply;
                    break;
                }
        if (!chosen && defaultReply) chosen = defaultReply;
    }
    if (!chosen) {
        chosen = ScriptedReply{};
        chosen->content = "echo: " + lastUser;
    }
    const ScriptedReply r = std::move(*chosen);
    if (applyFault(r, res, streaming)) return;

    const std::string finish = !r.finishReason.empty() ? r.finishReason : r.toolCalls.empty() ? "stop" : "tool_calls";
    const auto chunks = contentChunks(r);
    const int64_t promptTokens = r.promptTokens >= 0 ? r.promptTokens : promptWords;
    const int64_t completionTokens =
        r.completionTokens >= 0 ? r.completionTokens : (streaming ? int64_t(chunks.size()) : countWords(r.content));
    const json usage = {{"prompt_tokens", promptTokens},
                        {"completion_tokens", completionTokens},
                        {"total_tokens", promptTokens + completionTokens}};

    if (!streaming) {
        if (!r.rawBody.empty()) {
            res.set_content(r.rawBody, "application/json");
            return;
        }
        json message = {{"role", "assistant"}, {"content", r.content}};
        if (!r.reasoning.empty()) message["reasoning_content"] = r.reasoning;
        if (!r.toolCalls.empty()) {
            message["tool_calls"] = json::array();
            for (size_t i = 0; i < r.toolCalls.size(); ++i) {
                json c = toolCallJson(r.toolCalls[i], i, true);
                c.erase("index");
                message["tool_calls"].push_back(c);
            }
        }
        json out = {{"id", "chatcmpl-scripted"},
                    {"object", "chat.completion"},
                    {"model", model},
                    {"choices", json::array({{{"index", 0}, {"message", message}, {"finish_reason", finish}}})},
                    {"usage", usage}};
        res.set_content(out.dump(), "application/json");
        return;
    }

    // Streaming: render every event first, then send them one per HTTP chunk.
    auto frames = std::make_shared<std::vector<std::string>>();
    auto chunkJson = [&](const json& delta, const json& finishReason) {
        return json{{"id", "chatcmpl-scripted"},
                    {"object", "chat.completion.chunk"},
                    {"model", model},
                    {"choices", json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finishReason}}})}}
            .dump();
    };
    if (!r.rawEvents.empty()) {
        for (const auto& e : r.rawEvents) frames->push_back("data: " + e + "\n\n");
    } else {
        frames->push_back("data: " + chunkJson({{"role", "assistant"}, {"content", ""}}, nullptr) + "\n\n");
        if (r.fault == Fault::MalformedJson) frames->push_back("data: {\"choices\": [{\"delta\": oops\n\n");
        for (size_t i = 0; i < r.reasoning.size(); i += 8)
            frames->push_back("data: " + chunkJson({{"reasoning_content", r.reasoning.substr(i, 8)}}, nullptr) +
                              "\n\n");
        for (const auto& c : chunks) frames->push_back("data: " + chunkJson({{"content", c}}, nullptr) + "\n\n");
        for (size_t i = 0; i < r.toolCalls.size(); ++i) {
            const auto& call = r.toolCalls[i];
            frames->push_back(
                "data: " + chunkJson({{"tool_calls", json::array({toolCallJson(call, i, false)})}}, nullptr) + "\n\n");
            if (!call.argumentsAsObject)
                for (size_t k = 0; k < call.arguments.size(); k += 6)
                    frames->push_back(
                        "data: " +
                        chunkJson({{"tool_calls",
                                    json::array(
                                        {{{"index", i}, {"function", {{"arguments", call.arguments.substr(k, 6)}}}}})}},
                                  nullptr) +
                        "\n\n");
        }
        frames->push_back("data: " + chunkJson(json::object(), finish) + "\n\n");
        if (includeUsage) {
            json u = {
                {"id", "chatcmpl-scripted"}, {"object", "chat.completion.chunk"}, {"model", model}, {"usage", usage}};
            u["choices"] = r.usageChoicesNull ? json(nullptr) : json::array();
            frames->push_back("data: " + u.dump() + "\n\n");
        }
    }
    frames->push_back("data: [DONE]\n\n");

    const Fault fault = r.fault;
    const size_t cutAfter = size_t(std::max(0, r.cutAfterChunks));
    const double delay = r.fault == Fault::SlowFirstToken ? r.delaySeconds : 0.0;
    auto next = std::make_shared<size_t>(0);
    res.set_header("Cache-Control", "no-cache");
    res.set_chunked_content_provider("text/event-stream",
                                     [this, frames, next, fault, cutAfter, delay](size_t, httplib::DataSink& sink) {
                                         if (*next == 0 && delay > 0 && !sleep(delay)) return false;
                                         if ((fault == Fault::CutStream || fault == Fault::Hang) && *next >= cutAfter) {
                                             if (fault == Fault::Hang) sleep(3600);
                                             return false;  // drops the connection without the closing chunk
                                         }
                                         if (*next >= frames->size()) {
                                             sink.done();
                                             return true;
                                         }
                                         const std::string& f = (*frames)[(*next)++];
                                         return sink.write(f.data(), f.size());
                                     });
}

void ScriptedLlmServer::Impl::embeddings(const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (!checkKey(req, res)) return;
    if (auto r = takeQueued(req.path); r && applyFault(*r, res, false)) return;
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("input")) {
        res.status = 400;
        res.set_content(errorBody("'input' is a required property", "invalid_request_error"), "application/json");
        return;
    }
    std::vector<std::string> inputs;
    if (body["input"].is_string())
        inputs.push_back(body["input"].get<std::string>());
    else if (body["input"].is_array())
        for (const auto& t : body["input"]) inputs.push_back(t.is_string() ? t.get<std::string>() : t.dump());
    int dim;
    {
        std::lock_guard lock(mutex);
        dim = embeddingDim;
    }
    json data = json::array();
    int64_t tokens = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", embeddingFor(inputs[i], dim)}});
        tokens += countWords(inputs[i]);
    }
    json out = {{"object", "list"},
                {"data", data},
                {"model", body.value("model", "")},
                {"usage", {{"prompt_tokens", tokens}, {"total_tokens", tokens}}}};
    res.set_content(out.dump(), "application/json");
}

void ScriptedLlmServer::Impl::modelList(const httplib::Request& req, httplib::Response& res) {
    record(req);
    if (!checkKey(req, res)) return;
    if (auto r = takeQueued(req.path); r && applyFault(*r, res, false)) return;
    json data = json::array();
    {
        std::lock_guard lock(mutex);
        for (const auto& id : models) data.push_back({{"id", id}, {"object", "model"}, {"owned_by", "scripted"}});
    }
    res.set_content(json{{"object", "list"}, {"data", data}}.dump(), "application/json");
}

std::string ReceivedRequest::header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string{} : it->second;
}

ScriptedLlmServer::ScriptedLlmServer() : impl_(std::make_unique<Impl>()) {}
ScriptedLlmServer::~ScriptedLlmServer() {
    stop();
}

bool ScriptedLlmServer::start() {
    auto& s = impl_->server;
    s.new_task_queue = [] { return new httplib::ThreadPool(16); };
    s.set_keep_alive_max_count(1000000);
    s.set_tcp_nodelay(true);  // one small write per SSE event: Nagle would add ~40 ms per reply
    s.Post("/v1/chat/completions", [this](const httplib::Request& q, httplib::Response& r) { impl_->chat(q, r); });
    s.Post("/v1/embeddings", [this](const httplib::Request& q, httplib::Response& r) { impl_->embeddings(q, r); });
    s.Get("/v1/models", [this](const httplib::Request& q, httplib::Response& r) { impl_->modelList(q, r); });
    port_ = s.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return false;
    impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
    // stop() is a no-op until the listen loop runs, so wait for it (microseconds in practice).
    for (int i = 0; i < 5000 && !impl_->server.is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return impl_->server.is_running();
}

void ScriptedLlmServer::stop() {
    impl_->stopping = true;
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

std::string ScriptedLlmServer::baseUrl() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

void ScriptedLlmServer::enqueue(ScriptedReply reply, const std::string& path) {
    std::lock_guard lock(impl_->mutex);
    impl_->queues[path].push_back(std::move(reply));
}

void ScriptedLlmServer::addRule(const std::string& lastUserContains, ScriptedReply reply) {
    std::lock_guard lock(impl_->mutex);
    impl_->rules.emplace_back(lastUserContains, std::move(reply));
}

void ScriptedLlmServer::setDefaultReply(std::optional<ScriptedReply> reply) {
    std::lock_guard lock(impl_->mutex);
    impl_->defaultReply = std::move(reply);
}

void ScriptedLlmServer::setModels(std::vector<std::string> ids, bool rejectUnknown) {
    std::lock_guard lock(impl_->mutex);
    impl_->models = std::move(ids);
    impl_->rejectUnknownModels = rejectUnknown;
}

void ScriptedLlmServer::setRequiredKey(const std::string& key) {
    std::lock_guard lock(impl_->mutex);
    impl_->requiredKey = key;
}

void ScriptedLlmServer::setMaxPromptChars(size_t n) {
    std::lock_guard lock(impl_->mutex);
    impl_->maxPromptChars = n;
}

void ScriptedLlmServer::setEmbeddingDim(int dim) {
    std::lock_guard lock(impl_->mutex);
    impl_->embeddingDim = dim;
}

std::vector<ReceivedRequest> ScriptedLlmServer::requests() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->received;
}

size_t ScriptedLlmServer::requestCount(const std::string& path) const {
    std::lock_guard lock(impl_->mutex);
    if (path.empty()) return impl_->received.size();
    return size_t(std::count_if(impl_->received.begin(), impl_->received.end(),
                                [&](const ReceivedRequest& r) { return r.path == path; }));
}

void ScriptedLlmServer::clearRequests() {
    std::lock_guard lock(impl_->mutex);
    impl_->received.clear();
}

std::vector<float> ScriptedLlmServer::embeddingFor(const std::string& text, int dim) {
    std::vector<float> v(size_t(std::max(1, dim)), 0.0f);
    std::string t = " ";
    for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    t.push_back(' ');
    for (size_t i = 0; i + 3 <= t.size(); ++i) {
        uint64_t h = 1469598103934665603ull;  // FNV-1a: the same vector on every run and machine
        for (size_t k = i; k < i + 3; ++k) {
            h ^= static_cast<unsigned char>(t[k]);
            h *= 1099511628211ull;
        }
        v[h % v.size()] += (h >> 63) ? 1.0f : -1.0f;
    }
    double norm = 0;
    for (float x : v) norm += double(x) * x;
    if (norm == 0) {
        v[0] = 1.0f;
        return v;
    }
    for (float& x : v) x = static_cast<float>(x / std::sqrt(norm));
    return v;
}

}  // namespace rs::test
