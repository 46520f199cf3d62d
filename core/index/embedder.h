#pragma once
// Embedders turn texts into dense vectors; EmbeddingTable holds one vector per item.
//
// Shapes: embed() of n texts returns n × dim() floats, row-major, row i for texts[i]. Whether rows
// are L2-normalised is stated by normalized(); the built-in "tfidf" embedder always normalises,
// remote embedders return what the server sends (OpenAI's are unit length, others may not be).
// Callers that need cosine similarity should use VectorIndex with Metric::Cosine, which
// normalises itself, rather than rely on it.
//
// Registry: embedders are created by name with string parameters ("tfidf:dim=1024"), like
// models. Some embedders must be fitted on a corpus (the catalog's texts) before embed(): for
// them needsFit() is true and embed() fails until fit() succeeded.
//
// Threading: after fit(), embed() is const and may be called from several threads at once
// unless the embedder's header says otherwise (remote embedders serialise their HTTP calls).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "util/status.h"
#include "util/task.h"

namespace rs::index {

using Params = std::map<std::string, std::string>;

class Embedder {
public:
    virtual ~Embedder() = default;

    // Identifies the vector space: two embedders with the same name() give the same vector for
    // the same text (after fitting on the same corpus). Used as the embedding-cache key, so it
    // holds the model and dimension, never a secret.
    virtual std::string name() const = 0;
    virtual int32_t dim() const = 0;
    virtual bool normalized() const = 0;

    virtual bool needsFit() const { return false; }
    // Learns corpus statistics (vocabulary, IDF). A no-op for embedders without state.
    virtual util::Status fit(std::span<const std::string> corpus, const util::Task& task) {
        (void)corpus;
        (void)task;
        return util::Status::ok();
    }

    // n × dim() floats, row-major. Empty input gives an empty vector. Cancellable between batches.
    virtual util::Result<std::vector<float>> embed(std::span<const std::string> texts,
                                                   const util::Task& task = {}) const = 0;
};

using EmbedderFactory = std::function<util::Result<std::unique_ptr<Embedder>>(const Params&)>;

struct EmbedderInfo {
    std::string name;
    std::string description;
    EmbedderFactory create;
};

// Built-in embedders: "tfidf" (offline) and "openai" (POST {base}/embeddings).
const std::vector<EmbedderInfo>& embedderRegistry();
std::vector<std::string> embedderNames();
// "tfidf:dim=1024" or a bare name. Unknown names list the known ones; bad parameters name the key.
util::Result<std::unique_ptr<Embedder>> createEmbedder(const std::string& spec);
util::Result<std::unique_ptr<Embedder>> createEmbedder(const std::string& name, const Params& params);

// One vector per item: row r of vectors (dim floats) belongs to ids[r].
struct EmbeddingTable {
    int32_t dim = 0;
    std::vector<std::string> ids;
    std::vector<float> vectors;  // ids.size() × dim, row-major

    size_t size() const { return ids.size(); }
    std::span<const float> row(size_t r) const { return {vectors.data() + r * static_cast<size_t>(dim), size_t(dim)}; }
};

// Scales each of the n rows of dim floats to unit L2 length; all-zero rows stay zero.
void l2NormalizeRows(std::span<float> rows, int32_t dim);
// The mean of the given rows of table (dim floats); zeros when rows is empty.
std::vector<float> meanOfRows(std::span<const float> table, int32_t dim, std::span<const int32_t> rows);

}  // namespace rs::index
