#include "sasrec/sasrecnet.h"

#include <cmath>
#include <limits>

namespace rs::models::sasrec {

torch::Tensor dropout(const torch::Tensor& x, double p, at::Generator* gen) {
    if (!gen || p <= 0.0) return x;
    auto keep = torch::empty_like(x).bernoulli_(1.0 - p, *gen);
    return x * keep / (1.0 - p);
}

BlockImpl::BlockImpl(int64_t dim, int64_t heads) : dim_(dim), heads_(heads) {
    ln1_ = register_module("ln1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-8)));
    qkv_ = register_module("qkv", torch::nn::Linear(dim, 3 * dim));
    out_ = register_module("out", torch::nn::Linear(dim, dim));
    ln2_ = register_module("ln2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-8)));
    ff1_ = register_module("ff1", torch::nn::Linear(dim, dim));
    ff2_ = register_module("ff2", torch::nn::Linear(dim, dim));
}

torch::Tensor BlockImpl::forward(torch::Tensor x, const torch::Tensor& allowed, double p, at::Generator* gen) {
    const int64_t b = x.size(0), l = x.size(1), dh = dim_ / heads_;
    auto qkv = qkv_(ln1_(x)).view({b, l, 3, heads_, dh}).permute({2, 0, 3, 1, 4});  // 3 × B × H × L × dh
    auto att = torch::matmul(qkv[0], qkv[1].transpose(-2, -1)) / std::sqrt(static_cast<double>(dh));
    att = att.masked_fill(allowed.logical_not(), -std::numeric_limits<float>::infinity()).softmax(-1);
    att = dropout(att, p, gen);
    auto ctx = torch::matmul(att, qkv[2]).transpose(1, 2).reshape({b, l, dim_});
    x = x + dropout(out_(ctx), p, gen);
    auto ff = ff2_(dropout(torch::relu(ff1_(ln2_(x))), p, gen));
    return x + dropout(ff, p, gen);
}

NetImpl::NetImpl(const NetConfig& config) : config_(config) {
    emb_ = register_module(
        "item_emb", torch::nn::Embedding(torch::nn::EmbeddingOptions(config.items + 1, config.dim).padding_idx(0)));
    pos_ = register_module("pos_emb", torch::nn::Embedding(config.maxlen, config.dim));
    for (int64_t i = 0; i < config.blocks; ++i)
        blocks_.push_back(register_module("block" + std::to_string(i), Block(config.dim, config.heads)));
    lnFinal_ = register_module("ln_final", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.dim}).eps(1e-8)));
}

torch::Tensor NetImpl::forward(const torch::Tensor& seqs, at::Generator* gen) {
    const int64_t b = seqs.size(0), l = seqs.size(1);
    const auto present = seqs.ne(0);  // B × L
    auto x = emb_(seqs) * std::sqrt(static_cast<double>(config_.dim)) + pos_->weight.narrow(0, 0, l).unsqueeze(0);
    const auto keep = present.unsqueeze(-1).to(x.scalar_type());
    x = dropout(x, config_.dropout, gen) * keep;
    // A query attends to earlier and equal slots holding items; a padding query attends to itself
    // only, so no softmax row is empty (all −inf would give NaN).
    auto causal = torch::ones({l, l}, torch::kBool).tril();
    auto allowed = causal.unsqueeze(0).logical_and(present.unsqueeze(1)).logical_or(torch::eye(l, torch::kBool));
    allowed = allowed.view({b, 1, l, l});
    for (auto& block : blocks_) x = block(x, allowed, config_.dropout, gen) * keep;
    return lnFinal_(x);
}

void NetImpl::resetParameters(at::Generator& gen) {
    torch::NoGradGuard noGrad;
    for (auto& item : named_parameters()) {
        const std::string& name = item.key();
        auto& p = item.value();
        if (p.dim() >= 2) {
            const double a = std::sqrt(6.0 / static_cast<double>(p.size(0) + p.size(1)));
            p.uniform_(-a, a, gen);
        } else if (name.find("ln") != std::string::npos && name.ends_with(".weight")) {
            p.fill_(1.0);
        } else {
            p.zero_();
        }
    }
    emb_->weight[0].zero_();
}

torch::Tensor packSequences(const std::vector<std::span<const int32_t>>& rows, int64_t maxlen, int64_t items) {
    auto t = torch::zeros({static_cast<int64_t>(rows.size()), maxlen}, torch::kInt64);
    auto acc = t.accessor<int64_t, 2>();
    for (size_t r = 0; r < rows.size(); ++r) {
        int64_t slot = maxlen - 1;
        for (auto it = rows[r].rbegin(); it != rows[r].rend() && slot >= 0; ++it)
            if (*it >= 0 && *it < items) acc[static_cast<int64_t>(r)][slot--] = *it + 1;
    }
    return t;
}

}  // namespace rs::models::sasrec
