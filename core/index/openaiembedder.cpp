#include "index/openaiembedder.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "llm/httpclient.h"
#include "models/params.h"

namespace rs::index {

namespace {

util::Error cancelled() {
    return util::Error{std::string(util::kCancelledMessage)};
}

// Sleeps in short steps so cancellation stays prompt; false when cancelled.
bool sleepFor(double seconds, const util::Task& task) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        if (task.cancelled()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return !task.cancelled();
}

std::string serverMessage(const std::string& body) {
    try {
        const auto j = nlohmann::json::parse(body);
        if (j.contains("error") && j["error"].is_object()) return j["error"].value("message", body);
    } catch (const std::exception&) {
    }
    return body.substr(0, 200);
}

}  // namespace

util::Result<OpenAiEmbedderOptions> OpenAiEmbedderOptions::fromParams(const Params& params) {
    OpenAiEmbedderOptions o;
    Params rest = params;
    auto take = [&](const std::string& key) {
        auto it = rest.find(key);
        if (it == rest.end()) return std::string();
        std::string v = it->second;
        rest.erase(it);
        return v;
    };
    if (rest.count("api_key") || rest.count("key"))
        return util::Error{"openai embedder: pass the NAME of an environment variable with key_env, never the key"};
    const std::string preset = take("preset");
    if (!preset.empty()) {
        auto p = llm::presetProfile(preset);
        if (!p) return util::Error{"openai embedder: unknown preset '" + preset + "'"};
        o.profile = *p;
    } else {
        o.profile.name = "openai-embeddings";
        o.profile.baseUrl = "https://api.openai.com/v1";
        o.profile.apiKeyEnv = "OPENAI_API_KEY";
    }
    if (auto v = take("base"); !v.empty()) o.profile.baseUrl = v;
    if (auto v = take("model"); !v.empty()) o.profile.model = v;
    if (params.count("key_env")) o.profile.apiKeyEnv = take("key_env");
    if (o.profile.model.empty()) o.profile.model = "text-embedding-3-small";
    models::ParamReader r("openai", rest);
    o.dim = static_cast<int32_t>(r.getInt("dim", 0, 0, 1 << 16));
    o.batchSize = static_cast<int32_t>(r.getInt("batch", 64, 1, 4096));
    if (auto s = r.finish(); !s) return s;
    return o;
}

OpenAiEmbedder::OpenAiEmbedder(OpenAiEmbedderOptions options) : options_(std::move(options)), dim_(options_.dim) {}

std::string OpenAiEmbedder::name() const {
    return "openai:" + options_.profile.model + "@" + options_.profile.baseUrl;
}

util::Result<std::vector<float>> OpenAiEmbedder::embed(std::span<const std::string> texts,
                                                       const util::Task& task) const {
    auto r = embedRaw(texts, task);
    if (r || options_.profile.apiKeyEnv.empty()) return r;
    // Some servers echo the key they rejected in the error body: never let it out in a message.
    const char* key = std::getenv(options_.profile.apiKeyEnv.c_str());
    if (!key || std::string_view(key).size() < 4) return r;
    std::string message = r.message();
    const std::string k(key);
    for (size_t p = message.find(k); p != std::string::npos; p = message.find(k, p))
        message.replace(p, k.size(), "***");
    return util::Error{message};
}

util::Result<std::vector<float>> OpenAiEmbedder::embedRaw(std::span<const std::string> texts,
                                                          const util::Task& task) const {
    std::vector<float> out;
    if (texts.empty()) return out;
    const auto& profile = options_.profile;
    const std::string where = "embeddings at " + profile.describe();
    auto headers = profile.authHeaders();
    if (!headers) return util::Error{where + ": " + headers.message()};
    headers->emplace_back("Content-Type", "application/json");
    llm::HttpClient http;
    std::mt19937_64 rng(std::random_device{}());
    const size_t batch = size_t(options_.batchSize);
    for (size_t b = 0; b < texts.size(); b += batch) {
        if (task.cancelled()) return cancelled();
        task.report(double(b) / double(texts.size()), "embedding");
        const size_t e = std::min(texts.size(), b + batch);
        nlohmann::json body = {{"model", profile.model},
                               {"input", std::vector<std::string>(texts.begin() + long(b), texts.begin() + long(e))},
                               {"encoding_format", "float"}};
        if (options_.dim > 0 && !profile.local) body["dimensions"] = options_.dim;
        llm::HttpRequest req;
        req.url = profile.url("/embeddings");
        req.endpoint = "/embeddings";
        req.headers = *headers;
        req.body = body.dump();
        req.timeouts = profile.timeouts;
        llm::HttpResponse resp;
        for (int attempt = 0;; ++attempt) {
            resp = http.send(req, task.cancel);
            if (resp.transport == llm::Transport::Cancelled) return cancelled();
            const bool retryable = !resp.ok() || resp.status == 429 || resp.status >= 500;
            if (!retryable || attempt >= profile.retry.maxRetries) break;
            double wait = std::min(profile.retry.maxBackoffSeconds,
                                   profile.retry.initialBackoffSeconds * double(1 << std::min(attempt, 20)));
            wait *= 1.0 + profile.retry.jitter * std::uniform_real_distribution<double>(-1.0, 1.0)(rng);
            if (auto ra = resp.retryAfterSeconds()) {
                if (*ra > profile.retry.maxRetryAfterSeconds)
                    return util::Error{where + ": rate limited, the server asks to wait " + std::to_string(int(*ra)) +
                                       " s (more than the allowed " +
                                       std::to_string(int(profile.retry.maxRetryAfterSeconds)) + " s)"};
                wait = *ra;
            }
            if (!sleepFor(wait, task)) return cancelled();
        }
        if (!resp.ok()) return util::Error{where + ": " + resp.error};
        if (resp.status != 200)
            return util::Error{where + ": HTTP " + std::to_string(resp.status) + ": " + serverMessage(resp.body)};
        try {
            const auto j = nlohmann::json::parse(resp.body);
            const auto& data = j.at("data");
            if (!data.is_array() || data.size() != e - b)
                return util::Error{where + ": expected " + std::to_string(e - b) + " embeddings, got " +
                                   std::to_string(data.is_array() ? data.size() : 0)};
            std::vector<std::vector<float>> rows(e - b);
            for (size_t i = 0; i < data.size(); ++i) {
                const size_t idx = data[i].value("index", i);
                if (idx >= rows.size())
                    return util::Error{where + ": embedding index " + std::to_string(idx) + " out of range"};
                rows[idx] = data[i].at("embedding").get<std::vector<float>>();
            }
            for (const auto& row : rows) {
                int32_t expected = dim_.load();
                if (expected == 0 && !row.empty()) {
                    dim_.compare_exchange_strong(expected, static_cast<int32_t>(row.size()));
                    expected = dim_.load();
                }
                if (row.size() != size_t(expected))
                    return util::Error{where + ": an embedding has " + std::to_string(row.size()) +
                                       " floats, expected " + std::to_string(expected)};
                out.insert(out.end(), row.begin(), row.end());
            }
        } catch (const std::exception& ex) {
            return util::Error{where + ": malformed response: " + ex.what()};
        }
    }
    task.report(1.0, "embedding");
    return out;
}

}  // namespace rs::index
