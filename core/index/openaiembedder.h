#pragma once
// OpenAiEmbedder ("openai"): POST {baseUrl}/embeddings of an OpenAI-compatible server (OpenAI,
// Azure, Ollama, vLLM, llama.cpp, LM Studio), texts sent in batches with encoding_format "float".
// Vectors are returned as the server sends them (normalized() is false: most are unit length, not
// all). The dimension is the option dim, or learned from the first response when dim is 0.
//
// Errors name the endpoint (profile.describe(), never the key) and the cause; 429 (honouring
// Retry-After) and 5xx and connection failures are retried per profile.retry.
// Threading: embed() may be called from several threads (each call uses its own HttpClient);
// dim() learned from a response is published atomically.
#include <atomic>

#include "index/embedder.h"
#include "llm/profile.h"

namespace rs::index {

struct OpenAiEmbedderOptions {
    llm::EndpointProfile profile;  // baseUrl, model, apiKeyEnv (a variable NAME), timeouts, retry
    int32_t dim = 0;               // 0: learn from the first response
    int32_t batchSize = 64;        // texts per request

    // Keys: preset (openai, ollama, …), base, model, key_env, dim, batch. A key itself is refused.
    static util::Result<OpenAiEmbedderOptions> fromParams(const Params& params);
};

class OpenAiEmbedder final : public Embedder {
public:
    explicit OpenAiEmbedder(OpenAiEmbedderOptions options);

    std::string name() const override;  // "openai:<model>@<baseUrl>": no secrets
    int32_t dim() const override { return dim_.load(); }
    bool normalized() const override { return false; }
    util::Result<std::vector<float>> embed(std::span<const std::string> texts,
                                           const util::Task& task = {}) const override;

private:
    util::Result<std::vector<float>> embedRaw(std::span<const std::string> texts, const util::Task& task) const;

    OpenAiEmbedderOptions options_;
    mutable std::atomic<int32_t> dim_;
};

}  // namespace rs::index
