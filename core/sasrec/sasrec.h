#pragma once
// SASRec (Kang & McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018) on libtorch.
//
// Network (pre-LN, as in the authors' reference code and pmixer/SASRec.pytorch): the user's last
// `maxlen` items, right-aligned and left-padded, are embedded (item embedding · √dim + learned
// position embedding of the slot), then `blocks` causal transformer blocks
//   x ← x + Dropout(MHA(LN(x)))      heads `heads`, a query sees itself and earlier non-padding items
//   x ← x + Dropout(FFN(LN(x)))      FFN = Linear(dim, dim) → ReLU → Dropout → Linear(dim, dim)
// and a final LayerNorm. Padding slots are zeroed after the embedding and after every block.
// The hidden state at slot t predicts the item at t+1; an item's score is hidden · its embedding
// (the input embedding table is shared with the output, as in the paper).
//
// Losses (`loss`):
//   bce      one negative per position, drawn uniformly among items the user never interacted
//            with; −log σ(s_pos) − log(1 − σ(s_neg)) (the paper's loss).
//   ce       full softmax cross-entropy over every item (Klenitskiy & Vasilev, RecSys 2023).
//   sampled  softmax cross-entropy over the target and `negatives` items drawn uniformly per
//            batch, shared by every position of the batch; a negative equal to the target is
//            masked out.
//
// Training: Adam (betas 0.9/0.98), mini-batches of `batch` rows in a seeded shuffled order. A row
// is a window of up to maxlen consecutive targets of one user; a user's targets are cut into such
// windows from the most recent backwards, so every training item is a target once per epoch.
// Each user's last training item is held out as validation (users with at least two items);
// after each epoch the model ranks every validation item against all items with the user's other
// training items masked (eval::rankHeldOut, the same protocol as the evaluator) and the epoch
// with the best NDCG@10 is kept; training stops `patience` epochs after the best one.
//
// Determinism: parameter init, dropout and all sampling come from generators seeded by `seed`
// (a private torch CPU generator and SplitMix64 streams), never from global RNG state. Same
// data, params and thread count give identical weights; with a different thread count float
// sums inside torch may round differently.
// Threading: fit() sets torch's intra-op thread count (`threads`, 0 = all cores) for the process
// (torch has one global pool). scoreBatch() runs forward passes with gradients off and may be
// called from several threads at once.
// Memory: the ce loss builds positions × numItems() logits per batch (batch · maxlen · items
// floats at most, twice with gradients); for large catalogs use sampled.
//
// Params: maxlen (50), dim (64; alias hidden), blocks (2), heads (1), dropout (0.2), lr (0.001),
// batch (128), epochs (100, the maximum), patience (10), loss (ce), negatives (256, sampled only),
// seed (42), threads (0 = all cores).
#include <memory>

#include "models/recommender.h"

namespace rs::models {

class SasRec final : public Recommender {
public:
    enum class Loss { Bce, Ce, Sampled };

    static util::Result<std::unique_ptr<Recommender>> create(const Params& params);
    SasRec();
    ~SasRec() override;

    std::string name() const override { return "sasrec"; }
    nlohmann::json params() const override;
    util::Status fit(const data::Dataset& train, const util::Task& task) override;
    // Uses each query's history only (the last maxlen valid items, in the given order; a known
    // user's stored data is not needed). An empty history scores from an all-padding sequence.
    void scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const override;
    util::Status save(std::ostream& out) const override;
    util::Status load(std::istream& in) override;

    // The item embedding table (numItems() × dim, row-major; the output layer too).
    int32_t vectorDim() const override { return hp_.dim; }
    std::vector<float> itemVectors() const override;

    // What the last fit() did: epochs run, the kept epoch (1-based) and its validation NDCG@10.
    struct FitSummary {
        int32_t epochsRun = 0;
        int32_t bestEpoch = 0;
        double bestValNdcg10 = 0.0;
        double lastLoss = 0.0;
        double trainSeconds = 0.0;       // wall time in training steps, all epochs
        double validationSeconds = 0.0;  // wall time ranking the validation items, all epochs
    };
    const FitSummary& fitSummary() const { return summary_; }

private:
    struct Net;  // the torch module, defined in sasrecnet.h (kept out of this header)

    // Hyper-parameters (see the Params list above), kept together so load() can replace them.
    struct Hyper {
        int32_t maxlen = 50;
        int32_t dim = 64;
        int32_t blocks = 2;
        int32_t heads = 1;
        double dropout = 0.2;
        double lr = 0.001;
        int32_t batch = 128;
        int32_t epochs = 100;
        int32_t patience = 10;
        Loss loss = Loss::Ce;
        int32_t negatives = 256;
        uint64_t seed = 42;
    };

    Hyper hp_;
    int threads_ = 0;
    FitSummary summary_;
    std::unique_ptr<Net> net_;
};

}  // namespace rs::models
