// SasRec::fit: mini-batch training with the three losses, validation and early stopping.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "data/split.h"
#include "eval/evaluator.h"
#include "models/binaryinteractions.h"
#include "models/params.h"
#include "models/rng.h"
#include "sasrec/sasrec.h"
#include "sasrec/sasrecnet.h"

namespace rs::models {

namespace {

// One mini-batch: inputs and next-item targets as right-aligned tokens (B × maxlen, 0 = none).
struct Batch {
    torch::Tensor inputs, targets, negatives;  // negatives: B × maxlen (bce) or K (sampled)
};

// A training row: targets are the user's items [begin, end), inputs the items [begin-1, end-1).
struct Window {
    int32_t user, begin, end;
};

// Uniform item not in seen (sorted); after 64 rejected draws any item (users who saw nearly the
// whole catalogue).
int32_t drawNegative(SplitMix64& rng, std::span<const int32_t> seen, int32_t items) {
    int32_t j = 0;
    for (int attempt = 0; attempt < 64; ++attempt) {
        j = static_cast<int32_t>(rng.below(static_cast<uint32_t>(items)));
        if (!std::binary_search(seen.begin(), seen.end(), j)) break;
    }
    return j;
}

}  // namespace

util::Status SasRec::fit(const data::Dataset& train, const util::Task& task) {
    const util::Status cancelled = util::Status::error(std::string(util::kCancelledMessage));
    const int32_t n = train.numItems();
    numItems_ = n;
    summary_ = {};
    at::set_num_threads(resolveThreads(threads_));
    at::Generator gen = at::detail::createCPUGenerator(hp_.seed);
    net_ = std::make_unique<Net>();
    net_->module = sasrec::Net(sasrec::NetConfig{n, hp_.maxlen, hp_.dim, hp_.blocks, hp_.heads, hp_.dropout});
    auto& net = net_->module;
    net->resetParameters(gen);
    if (n == 0) return util::Status::ok();

    // The last training item of each user with at least two is the validation target; the rest
    // is what the network trains on.
    const data::Split split = data::splitLeaveOneOut(train);
    const data::Dataset& seqs = split.train;
    const bool validate = split.test.numInteractions() > 0;
    const auto seen = BinaryInteractions::build(train);
    // Training rows: every target is used. A user's targets (items 1..n-1 of its sequence) are cut
    // into windows of maxlen from the most recent backwards; each window is one row, its inputs the
    // items one step earlier. Rows are shuffled together each epoch.
    std::vector<Window> rows;
    for (int32_t u = 0; u < seqs.numUsers(); ++u)
        for (auto end = static_cast<int32_t>(seqs.userCount(u)); end > 1; end -= hp_.maxlen)
            rows.push_back({u, std::max(1, end - hp_.maxlen), end});
    if (rows.empty()) return util::Status::ok();

    torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(hp_.lr).betas({0.9, 0.98}));
    const int64_t maxlen = hp_.maxlen, dim = hp_.dim;

    auto makeBatch = [&](std::span<const Window> batchRows, int32_t epoch, int64_t batchIndex) {
        std::vector<std::span<const int32_t>> in, out;
        std::vector<std::vector<int32_t>> negs;
        for (const Window& w : batchRows) {
            auto items = seqs.userItems(w.user);
            const auto len = static_cast<size_t>(w.end - w.begin);
            in.push_back(items.subspan(static_cast<size_t>(w.begin - 1), len));
            out.push_back(items.subspan(static_cast<size_t>(w.begin), len));
            if (hp_.loss == Loss::Bce) {
                SplitMix64 rng(streamSeed(hp_.seed, static_cast<uint64_t>(epoch),
                                          (static_cast<uint64_t>(w.user) << 32) + static_cast<uint64_t>(w.end)));
                auto& row = negs.emplace_back();
                for (size_t k = 0; k < len; ++k) row.push_back(drawNegative(rng, seen.itemsOf(w.user), n));
            }
        }
        Batch b{sasrec::packSequences(in, maxlen, n), sasrec::packSequences(out, maxlen, n), {}};
        if (hp_.loss == Loss::Bce) {
            std::vector<std::span<const int32_t>> rows(negs.begin(), negs.end());
            b.negatives = sasrec::packSequences(rows, maxlen, n);
        } else if (hp_.loss == Loss::Sampled) {
            // Stream index above any bce (user, end) index, so it never repeats a bce stream.
            SplitMix64 rng(streamSeed(hp_.seed, static_cast<uint64_t>(epoch), (uint64_t{1} << 63) + batchIndex));
            b.negatives = torch::empty({hp_.negatives}, torch::kInt64);
            auto acc = b.negatives.accessor<int64_t, 1>();
            for (int64_t k = 0; k < hp_.negatives; ++k) acc[k] = 1 + rng.below(static_cast<uint32_t>(n));
        }
        return b;
    };

    auto batchLoss = [&](const Batch& b) {
        const auto h = net->forward(b.inputs, &gen).reshape({-1, dim});
        const auto mask = b.targets.reshape({-1}).ne(0);
        const auto hs = h.index({mask});                            // P × dim
        const auto target = b.targets.reshape({-1}).index({mask});  // P tokens
        const auto emb = net->embeddings();
        switch (hp_.loss) {
            case Loss::Ce:
                return torch::nn::functional::cross_entropy(hs.matmul(emb.narrow(0, 1, n).t()), target - 1);
            case Loss::Bce: {
                const auto neg = b.negatives.reshape({-1}).index({mask});
                const auto pos = (hs * emb.index_select(0, target)).sum(-1);
                const auto negScore = (hs * emb.index_select(0, neg)).sum(-1);
                namespace F = torch::nn::functional;
                return F::binary_cross_entropy_with_logits(pos, torch::ones_like(pos)) +
                       F::binary_cross_entropy_with_logits(negScore, torch::zeros_like(negScore));
            }
            case Loss::Sampled: {
                const auto pos = (hs * emb.index_select(0, target)).sum(-1, true);
                auto negScores = hs.matmul(emb.index_select(0, b.negatives).t());  // P × K
                negScores = negScores.masked_fill(b.negatives.unsqueeze(0).eq(target.unsqueeze(1)),
                                                  -std::numeric_limits<float>::infinity());
                const auto logits = torch::cat({pos, negScores}, 1);
                return torch::nn::functional::cross_entropy(logits, torch::zeros({logits.size(0)}, torch::kInt64));
            }
        }
        return torch::Tensor();
    };

    // Validation NDCG@10 with the evaluator's protocol (user's other training items masked).
    eval::EvalOptions valOptions;
    valOptions.ks = {10};
    valOptions.threads = 1;  // torch already parallelises each forward pass
    valOptions.bootstrapSamples = 0;
    const util::Task valTask{task.cancel, {}};

    std::vector<torch::Tensor> best;
    double bestNdcg = -1.0;
    const int64_t batchCount = (static_cast<int64_t>(rows.size()) + hp_.batch - 1) / hp_.batch;
    for (int32_t epoch = 0; epoch < hp_.epochs; ++epoch) {
        // Seeded Fisher–Yates shuffle of the training rows.
        SplitMix64 order(streamSeed(hp_.seed, static_cast<uint64_t>(epoch), (uint64_t{1} << 63) - 1));
        for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[order.below(static_cast<uint32_t>(i))]);
        double lossSum = 0.0;
        const auto trainStart = std::chrono::steady_clock::now();
        net->train();
        for (int64_t bi = 0; bi < batchCount; ++bi) {
            if (task.cancelled()) return cancelled;
            const int64_t b0 = bi * hp_.batch, count = std::min<int64_t>(hp_.batch, rows.size() - b0);
            const Batch batch = makeBatch(std::span<const Window>(rows).subspan(b0, count), epoch, bi);
            adam.zero_grad();
            auto loss = batchLoss(batch);
            loss.backward();
            adam.step();
            lossSum += loss.item<double>();
        }
        net->eval();
        const auto valStart = std::chrono::steady_clock::now();
        summary_.trainSeconds += std::chrono::duration<double>(valStart - trainStart).count();
        summary_.epochsRun = epoch + 1;
        summary_.lastLoss = lossSum / static_cast<double>(batchCount);
        double ndcg = 0.0;
        if (validate) {
            auto ranks = eval::rankHeldOut(*this, seqs, split.test, valOptions, valTask);
            if (!ranks) return ranks.status();
            ndcg = eval::meanMetrics(*ranks, {10})["ndcg@10"];
            if (ndcg > bestNdcg) {
                bestNdcg = ndcg;
                summary_.bestEpoch = epoch + 1;
                summary_.bestValNdcg10 = ndcg;
                torch::NoGradGuard noGrad;
                best.clear();
                for (const auto& p : net->parameters()) best.push_back(p.detach().clone());
            }
        } else {
            summary_.bestEpoch = epoch + 1;
        }
        summary_.validationSeconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - valStart).count();
        char stage[160];
        std::snprintf(stage, sizeof stage, "sasrec epoch %d/%d: loss %.4f, val ndcg@10 %.4f (best %.4f at %d)",
                      epoch + 1, hp_.epochs, summary_.lastLoss, ndcg, summary_.bestValNdcg10, summary_.bestEpoch);
        task.report(static_cast<double>(epoch + 1) / hp_.epochs, stage);
        if (validate && epoch + 1 - summary_.bestEpoch >= hp_.patience) break;
    }
    if (!best.empty()) {
        torch::NoGradGuard noGrad;
        auto params = net->parameters();
        for (size_t i = 0; i < params.size(); ++i) params[i].copy_(best[i]);
    }
    if (summary_.epochsRun < hp_.epochs) task.report(1.0, "sasrec stopped early, kept the best epoch");
    return util::Status::ok();
}

}  // namespace rs::models
