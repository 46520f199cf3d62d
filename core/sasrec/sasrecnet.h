#pragma once
// The SASRec torch module (see sasrec.h for the architecture). Private to core/sasrec/sasrec*.cpp:
// it includes torch, which no other header of the project does, so the rest of core compiles
// without it.
//
// Ids: item i of the dataset is token i + 1; token 0 is padding. Sequences are B × maxlen int64
// tensors, right-aligned (the most recent item in the last slot).
#include <torch/torch.h>

#include <cstdint>
#include <span>
#include <vector>

#include "sasrec/sasrec.h"

namespace rs::models::sasrec {

struct NetConfig {
    int64_t items = 0;  // dataset items (tokens 1..items)
    int64_t maxlen = 200;
    int64_t dim = 64;
    int64_t blocks = 2;
    int64_t heads = 1;
    double dropout = 0.2;
};

class BlockImpl : public torch::nn::Module {
public:
    BlockImpl(int64_t dim, int64_t heads);
    // x: B × L × dim; allowed: B × 1 × L × L bool (query row may attend key column).
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& allowed, double dropout, at::Generator* gen);

private:
    int64_t dim_, heads_;
    torch::nn::LayerNorm ln1_{nullptr}, ln2_{nullptr};
    torch::nn::Linear qkv_{nullptr}, out_{nullptr}, ff1_{nullptr}, ff2_{nullptr};
};
TORCH_MODULE(Block);

class NetImpl : public torch::nn::Module {
public:
    explicit NetImpl(const NetConfig& config);

    // Hidden states B × L × dim for token sequences B × L. gen non-null: training (dropout drawn
    // from it); null: inference (no dropout).
    torch::Tensor forward(const torch::Tensor& seqs, at::Generator* gen);
    // The token embedding table (items + 1) × dim; row 0 is padding and stays zero.
    torch::Tensor embeddings() const { return emb_->weight; }
    // Re-initialises every parameter from gen: Xavier-uniform matrices, zero biases, unit LayerNorm
    // gains, zero padding row. Torch's own initialisers would draw from the global generator.
    void resetParameters(at::Generator& gen);

    const NetConfig& config() const { return config_; }

private:
    NetConfig config_;
    torch::nn::Embedding emb_{nullptr}, pos_{nullptr};
    std::vector<Block> blocks_;
    torch::nn::LayerNorm lnFinal_{nullptr};
};
TORCH_MODULE(Net);

// Inverted dropout with an explicit generator (identity when gen is null or p == 0).
torch::Tensor dropout(const torch::Tensor& x, double p, at::Generator* gen);

// Right-aligned token tensor (rows × maxlen) from per-row item lists: the last maxlen items of
// each (items outside [0, items) are skipped), item i stored as token i + 1.
torch::Tensor packSequences(const std::vector<std::span<const int32_t>>& rows, int64_t maxlen, int64_t items);

}  // namespace rs::models::sasrec

namespace rs::models {
// Owned by SasRec through a pointer so that sasrec.h stays free of torch.
struct SasRec::Net {
    sasrec::Net module{nullptr};
};
}  // namespace rs::models
