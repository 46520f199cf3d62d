#include "llm/chatclient.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "llm/sseparser.h"

namespace rs::llm {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string lowerCopy(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool mentionsTooLong(const std::string& message) {
    const std::string m = lowerCopy(message);
    for (const char* needle : {"context length", "context_length", "maximum context", "too long", "too many tokens",
                               "context window", "exceeds the"})
        if (m.find(needle) != std::string::npos) return true;
    return false;
}

bool retryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

bool retryableTransport(Transport t) {
    return t == Transport::Unreachable || t == Transport::Timeout || t == Transport::Broken;
}

std::string shortBody(const std::string& body) {
    std::string s = body.substr(0, 200);
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s + (body.size() > 200 ? "…" : "");
}

}  // namespace

ChatClient::ChatClient(EndpointProfile profile, std::shared_ptr<const PriceTable> prices)
    : profile_(std::move(profile)), prices_(std::move(prices)), rng_(std::random_device{}()) {}

std::string ChatClient::scrub(std::string message) const {
    // Belt and braces: no server echo or curl message may carry the key out.
    if (profile_.apiKeyEnv.empty()) return message;
    const char* key = std::getenv(profile_.apiKeyEnv.c_str());
    if (!key || std::string_view(key).size() < 4) return message;
    const std::string k(key);
    for (size_t p = message.find(k); p != std::string::npos; p = message.find(k, p))
        message.replace(p, k.size(), "***");
    return message;
}

bool ChatClient::sleepFor(double seconds, const util::Task& task) {
    const auto end = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < end) {
        if (task.cancelled()) return false;
        std::this_thread::sleep_for(
            std::min<std::chrono::duration<double>>(end - Clock::now(), std::chrono::milliseconds(10)));
    }
    return !task.cancelled();
}

std::string ChatClient::httpError(const HttpResponse& resp, const std::string& url, const std::string& model) const {
    const std::string where = describeRequest("POST", url);
    std::string server = serverErrorMessage(resp.body);
    if (server.empty()) server = shortBody(resp.body);
    const std::string says = server.empty() ? std::string{} : " (server says: " + server + ")";
    const int s = resp.status;
    if (s == 401 || s == 403) {
        const std::string hint = profile_.apiKeyEnv.empty()
                                     ? "the profile sends no key: set its API-key environment variable name"
                                     : "wrong API key? (env var " + profile_.apiKeyEnv + ")";
        return where + ": " + std::to_string(s) + (s == 401 ? " Unauthorized: " : " Forbidden: ") + hint + says;
    }
    if (s == 413 || ((s == 400 || s == 422) && mentionsTooLong(server)))
        return where + ": prompt too long for model '" + model + "' (HTTP " + std::to_string(s) +
               "): shorten the conversation or lower max_tokens" + says;
    if (s == 404)
        return where + ": 404: unknown model '" + model + "' at " + profile_.baseUrl +
               " (or a wrong base URL; `recscope-cli llm ping` lists the models)" + says;
    if (s == 429) return where + ": 429 rate limited" + says;
    return where + ": HTTP " + std::to_string(s) + says;
}

util::Result<ChatResponse> ChatClient::complete(const ChatRequest& request, const util::Task& task) {
    return run(request, nullptr, task);
}

util::Result<ChatResponse> ChatClient::stream(const ChatRequest& request, const TokenFn& onToken,
                                              const util::Task& task) {
    return run(request, &onToken, task);
}

util::Result<ChatResponse> ChatClient::run(const ChatRequest& request, const TokenFn* onToken, const util::Task& task) {
    const auto start = Clock::now();
    lastStats_ = CallStats{};
    const std::string model = request.model.empty() ? profile_.model : request.model;
    const std::string url = profile_.url("/chat/completions");
    const bool streaming = onToken != nullptr;
    auto headers = profile_.authHeaders();
    if (!headers) return util::Error{headers.message()};
    HttpRequest http;
    http.method = "POST";
    http.url = url;
    http.endpoint = "/chat/completions";
    http.headers = std::move(*headers);
    if (streaming) http.headers.emplace_back("Accept", "text/event-stream");
    http.body = chatRequestBody(request, model, streaming).dump();
    const RetryPolicy& policy = profile_.retry;
    const double budget = profile_.timeouts.totalSeconds;

    auto fail = [&](const std::string& message) -> util::Result<ChatResponse> {
        lastStats_.latencySeconds = since(start);
        return util::Error{scrub(message)};
    };

    std::string lastError;
    for (int attempt = 0;; ++attempt) {
        lastStats_.retries = attempt;
        http.timeouts = profile_.timeouts;
        if (budget > 0) http.timeouts.totalSeconds = std::max(0.001, budget - since(start));
        const auto attemptStart = Clock::now();

        double firstToken = -1;
        TokenFn timed;
        if (streaming) {
            timed = [&](const StreamDelta& d) {
                if (firstToken < 0) firstToken = since(attemptStart);
                (*onToken)(d);
            };
        }
        ResponseAssembler assembler(timed);
        SseParser sse;
        bool done = false;
        std::string streamError;  // why we stopped reading a 200 stream
        auto onData = [&](std::string_view data) {
            if (data == "[DONE]") {
                done = true;
                return true;
            }
            const auto chunk = nlohmann::json::parse(data, nullptr, false);
            if (chunk.is_discarded()) {
                streamError = "malformed JSON in a stream chunk: " + shortBody(std::string(data));
                return false;
            }
            if (auto st = assembler.addChunk(chunk); !st) {
                streamError = st.message();
                return false;
            }
            return true;
        };
        BodyFn onBody;
        if (streaming)
            onBody = [&](std::string_view bytes, int status) { return status != 200 || sse.feed(bytes, onData); };

        HttpResponse resp = http_.send(http, task.cancel, onBody);
        const size_t delivered = assembler.deltasDelivered();
        std::string error;
        bool retry = false;
        std::optional<double> wait;

        if (resp.transport == Transport::Cancelled || task.cancelled()) {
            lastStats_.latencySeconds = since(start);
            return util::Error{std::string(util::kCancelledMessage)};
        } else if (resp.transport == Transport::Aborted && !streamError.empty()) {
            error = describeRequest("POST", url) + ": " + streamError;
            retry = delivered == 0 && streamError.starts_with("malformed");
        } else if (!resp.ok()) {
            error = resp.error;
            if (delivered > 0) error += ": stream cut mid-way after " + std::to_string(delivered) + " tokens";
            retry = delivered == 0 && retryableTransport(resp.transport);
        } else if (resp.status != 200) {
            error = httpError(resp, url, model);
            retry = retryableStatus(resp.status);
            if (resp.status == 429) wait = resp.retryAfterSeconds();
            if (wait && *wait > policy.maxRetryAfterSeconds) {
                return fail(error + ": the server asks to wait " + std::to_string(static_cast<int>(*wait)) +
                            " s before retrying, more than the retry policy's limit of " +
                            std::to_string(static_cast<int>(policy.maxRetryAfterSeconds)) + " s");
            }
        } else {
            util::Result<ChatResponse> parsed = util::Error{""};
            if (streaming) {
                sse.finish(onData);
                if (!streamError.empty()) {
                    parsed = util::Error{streamError};
                } else if (!done && !assembler.sawFinishReason() && delivered == 0 && !resp.body.empty() &&
                           resp.body.front() == '{') {
                    // A server that ignored "stream": true and sent one JSON body.
                    parsed = ResponseAssembler::parseCompletion(resp.body);
                    if (parsed) {
                        if (!parsed->reasoning.empty()) timed({StreamDelta::Kind::Reasoning, parsed->reasoning});
                        if (!parsed->content.empty()) timed({StreamDelta::Kind::Content, parsed->content});
                    }
                } else if (!done && !assembler.sawFinishReason()) {
                    parsed = util::Error{"stream cut mid-way (no finish_reason and no [DONE]) after " +
                                         std::to_string(delivered) + " tokens"};
                } else {
                    parsed = assembler.finish();
                }
            } else {
                parsed = ResponseAssembler::parseCompletion(resp.body);
                firstToken = resp.firstByteSeconds;
            }
            if (parsed) {
                ChatResponse r = std::move(*parsed);
                CallStats& st = lastStats_;
                st.promptTokens = r.stats.promptTokens;
                st.completionTokens = r.stats.completionTokens;
                st.usageReported = r.stats.usageReported;
                st.firstTokenSeconds = firstToken;
                st.replayed = resp.replayed;
                st.latencySeconds = since(start);
                if (prices_ && !profile_.local)
                    st.costUsd = prices_->cost(r.model.empty() ? model : r.model, st.promptTokens, st.completionTokens);
                r.stats = st;
                return r;
            }
            error = describeRequest("POST", url) + ": " + parsed.message();
            const size_t got = streaming ? assembler.deltasDelivered() : 0;
            retry = got == 0;
        }

        lastError = error;
        if (!retry || attempt >= policy.maxRetries)
            return fail(attempt > 0 ? error + " (after " + std::to_string(attempt + 1) + " attempts)" : error);
        double delay =
            wait.value_or(std::min(policy.maxBackoffSeconds, policy.initialBackoffSeconds * std::pow(2.0, attempt)));
        if (!wait && policy.jitter > 0) {
            std::uniform_real_distribution<double> u(1.0 - policy.jitter, 1.0 + policy.jitter);
            delay *= u(rng_);
        }
        if (budget > 0 && since(start) + delay >= budget)
            return fail(error + " (gave up after " + std::to_string(attempt + 1) +
                        " attempts: the next retry would pass the total timeout)");
        if (!sleepFor(delay, task)) {
            lastStats_.latencySeconds = since(start);
            return util::Error{std::string(util::kCancelledMessage)};
        }
    }
}

util::Result<std::vector<std::string>> ChatClient::listModels(const util::Task& task) {
    auto headers = profile_.authHeaders();
    if (!headers) return util::Error{headers.message()};
    HttpRequest http;
    http.method = "GET";
    http.url = profile_.url("/models");
    http.endpoint = "/models";
    http.headers = std::move(*headers);
    http.timeouts = profile_.timeouts;
    const HttpResponse resp = http_.send(http, task.cancel);
    if (resp.transport == Transport::Cancelled) return util::Error{std::string(util::kCancelledMessage)};
    if (!resp.ok()) return util::Error{scrub(resp.error)};
    const std::string where = describeRequest("GET", http.url);
    if (resp.status != 200) {
        if (resp.status == 404)
            return util::Error{where + ": 404: this server has no model list (or a wrong base URL)"};
        std::string msg = httpError(resp, http.url, profile_.model);
        msg.replace(0, describeRequest("POST", http.url).size(), where);
        return util::Error{scrub(msg)};
    }
    const auto j = nlohmann::json::parse(resp.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("data") || !j["data"].is_array())
        return util::Error{where + ": malformed model list (expected {\"data\": [{\"id\": …}]})"};
    std::vector<std::string> ids;
    for (const auto& m : j["data"])
        if (m.is_object() && m.contains("id") && m["id"].is_string()) ids.push_back(m["id"].get<std::string>());
    return ids;
}

}  // namespace rs::llm
