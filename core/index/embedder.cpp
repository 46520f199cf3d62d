#include "index/embedder.h"

#include <cmath>

#include "index/openaiembedder.h"
#include "index/tfidfembedder.h"
#include "models/recommender.h"

namespace rs::index {

namespace {

util::Result<std::unique_ptr<Embedder>> createTfidf(const Params& params) {
    auto options = TfidfOptions::fromParams(params);
    if (!options) return options.status();
    return std::unique_ptr<Embedder>(std::make_unique<TfidfEmbedder>(*options));
}

util::Result<std::unique_ptr<Embedder>> createOpenAi(const Params& params) {
    auto options = OpenAiEmbedderOptions::fromParams(params);
    if (!options) return options.status();
    return std::unique_ptr<Embedder>(std::make_unique<OpenAiEmbedder>(std::move(*options)));
}

}  // namespace

const std::vector<EmbedderInfo>& embedderRegistry() {
    // Immutable after first use (function-local static: thread-safe initialisation).
    static const std::vector<EmbedderInfo> registry = {
        {"tfidf",
         "Offline TF-IDF over words and character n-grams, feature-hashed to dim floats (params dim, nmin, nmax, "
         "word_weight, char_weight, threads)",
         &createTfidf},
        {"openai",
         "OpenAI-compatible POST {base}/embeddings (params preset, base, model, key_env = the NAME of the key's "
         "environment variable, dim, batch)",
         &createOpenAi},
    };
    return registry;
}

std::vector<std::string> embedderNames() {
    std::vector<std::string> names;
    for (const auto& e : embedderRegistry()) names.push_back(e.name);
    return names;
}

util::Result<std::unique_ptr<Embedder>> createEmbedder(const std::string& name, const Params& params) {
    for (const auto& e : embedderRegistry())
        if (e.name == name) return e.create(params);
    std::string known;
    for (const auto& n : embedderNames()) known += (known.empty() ? "" : ", ") + n;
    return util::Error{"unknown embedder '" + name + "' (known: " + known + ")"};
}

util::Result<std::unique_ptr<Embedder>> createEmbedder(const std::string& spec) {
    // Same "name:key=value,…" syntax as model specs.
    auto parsed = models::parseModelSpec(spec);
    if (!parsed) return parsed.status();
    return createEmbedder(parsed->first, parsed->second);
}

void l2NormalizeRows(std::span<float> rows, int32_t dim) {
    if (dim <= 0) return;
    const size_t d = static_cast<size_t>(dim);
    for (size_t r = 0; r + d <= rows.size(); r += d) {
        double n2 = 0;
        for (size_t j = 0; j < d; ++j) n2 += double(rows[r + j]) * rows[r + j];
        if (n2 <= 0) continue;
        const float inv = static_cast<float>(1.0 / std::sqrt(n2));
        for (size_t j = 0; j < d; ++j) rows[r + j] *= inv;
    }
}

std::vector<float> meanOfRows(std::span<const float> table, int32_t dim, std::span<const int32_t> rows) {
    const size_t d = static_cast<size_t>(dim);
    std::vector<float> out(d, 0.0f);
    if (rows.empty()) return out;
    for (int32_t r : rows)
        for (size_t j = 0; j < d; ++j) out[j] += table[size_t(r) * d + j];
    const float inv = 1.0f / static_cast<float>(rows.size());
    for (auto& v : out) v *= inv;
    return out;
}

}  // namespace rs::index
