#include "models/bpr.h"

#include <algorithm>
#include <barrier>
#include <cmath>
#include <thread>

#include "models/binaryinteractions.h"
#include "models/binaryio.h"
#include "models/blas.h"
#include "models/params.h"
#include "models/rng.h"

namespace rs::models {

util::Result<std::unique_ptr<Recommender>> Bpr::create(const Params& params) {
    auto m = std::make_unique<Bpr>();
    ParamReader r("bpr", params);
    m->factors_ = static_cast<int32_t>(r.getInt("factors", m->factors_, 1, 1024));
    m->lr_ = r.getFloat("lr", m->lr_, 1e-9, 100.0);
    m->reg_ = r.getFloat("reg", m->reg_, 0.0, 1e6);
    m->epochs_ = static_cast<int32_t>(r.getInt("epochs", m->epochs_, 1, 100000));
    m->batch_ = r.getInt("batch", m->batch_, 1, 1 << 20);
    m->seed_ = static_cast<uint64_t>(r.getInt("seed", 42, 0, INT64_MAX));
    m->threads_ = static_cast<int>(r.getInt("threads", m->threads_, 0, 1024));
    if (auto st = r.finish(); !st) return st;
    return std::unique_ptr<Recommender>(std::move(m));
}

nlohmann::json Bpr::params() const {
    return {{"factors", factors_}, {"lr", lr_}, {"reg", reg_}, {"epochs", epochs_}, {"batch", batch_}, {"seed", seed_}};
}

util::Status Bpr::fit(const data::Dataset& train, const util::Task& task) {
    const auto m = BinaryInteractions::build(train);
    numItems_ = m.numItems;
    numUsers_ = m.numUsers;
    const auto fs = static_cast<size_t>(factors_);
    userF_.assign(static_cast<size_t>(numUsers_) * fs, 0.0f);
    itemF_.assign(static_cast<size_t>(numItems_) * fs, 0.0f);
    itemBias_.assign(static_cast<size_t>(numItems_), 0.0f);
    SplitMix64 init(seed_);
    for (float& v : userF_) v = (init.uniform() - 0.5f) * 0.1f;
    for (float& v : itemF_) v = (init.uniform() - 0.5f) * 0.1f;
    const int64_t nnz = m.nnz();
    if (nnz == 0 || numItems_ < 2) return util::Status::ok();

    std::vector<int32_t> userOf(static_cast<size_t>(nnz));
    for (int32_t u = 0; u < numUsers_; ++u)
        std::fill(userOf.begin() + m.userOffsets[u], userOf.begin() + m.userOffsets[u + 1], u);

    const int64_t kBatch = batch_;
    struct Triple {
        int32_t u, i, j;  // j < 0: no negative exists, the triple is skipped
        float g;          // σ(−x_uij), the common factor of every gradient
    };
    std::vector<Triple> triples(static_cast<size_t>(kBatch));
    const float lr = static_cast<float>(lr_), reg = static_cast<float>(reg_);
    const int threads = std::max(1, static_cast<int>(std::min<int64_t>(resolveThreads(threads_), kBatch)));

    // Phase 1: draw triple s of the epoch and its σ(−x_uij) from the batch-start parameters.
    auto drawTriple = [&](int32_t epoch, int64_t s, int64_t slot) {
        SplitMix64 rng(streamSeed(seed_, static_cast<uint64_t>(epoch), static_cast<uint64_t>(s)));
        const int64_t k = static_cast<int64_t>(rng.below(static_cast<uint32_t>(nnz)));
        Triple tr{userOf[k], m.userItems[k], -1, 0.0f};
        auto seen = m.itemsOf(tr.u);
        if (static_cast<int64_t>(seen.size()) < numItems_) {
            // Rejection sampling; users who saw most of the catalogue give up after a bounded
            // number of tries (the triple is then skipped, deterministically).
            for (int attempt = 0; attempt < 64; ++attempt) {
                const auto j = static_cast<int32_t>(rng.below(static_cast<uint32_t>(numItems_)));
                if (!std::binary_search(seen.begin(), seen.end(), j)) {
                    tr.j = j;
                    break;
                }
            }
        }
        if (tr.j >= 0) {
            const float* pu = userF_.data() + static_cast<size_t>(tr.u) * fs;
            const float* qi = itemF_.data() + static_cast<size_t>(tr.i) * fs;
            const float* qj = itemF_.data() + static_cast<size_t>(tr.j) * fs;
            float x = itemBias_[tr.i] - itemBias_[tr.j];
            for (size_t d = 0; d < fs; ++d) x += pu[d] * (qi[d] - qj[d]);
            tr.g = 1.0f / (1.0f + std::exp(x));
        }
        triples[static_cast<size_t>(slot)] = tr;
    };
    // Rows go to threads in blocks of 16 so that no two threads write the same cache line of
    // itemBias_ (16 floats = 64 bytes).
    auto owner = [](int32_t row, int owners) { return (row >> 4) % owners; };
    // Phase 2: user rows owned by thread t, in triple order. Items are not
    // written in this phase, so q_i − q_j are the batch-start values.
    auto applyUsers = [&](int64_t count, int t, int owners) {
        for (int64_t s = 0; s < count; ++s) {
            const Triple& tr = triples[static_cast<size_t>(s)];
            if (tr.j < 0 || owner(tr.u, owners) != t) continue;
            float* pu = userF_.data() + static_cast<size_t>(tr.u) * fs;
            const float* qi = itemF_.data() + static_cast<size_t>(tr.i) * fs;
            const float* qj = itemF_.data() + static_cast<size_t>(tr.j) * fs;
            for (size_t d = 0; d < fs; ++d) pu[d] += lr * (tr.g * (qi[d] - qj[d]) - reg * pu[d]);
        }
    };
    // Phase 3: item rows owned by thread t, in triple order, against the users updated in phase 2
    // (users are not written in this phase).
    auto applyItems = [&](int64_t count, int t, int owners) {
        for (int64_t s = 0; s < count; ++s) {
            const Triple& tr = triples[static_cast<size_t>(s)];
            if (tr.j < 0) continue;
            const float* pu = userF_.data() + static_cast<size_t>(tr.u) * fs;
            if (owner(tr.i, owners) == t) {
                float* qi = itemF_.data() + static_cast<size_t>(tr.i) * fs;
                for (size_t d = 0; d < fs; ++d) qi[d] += lr * (tr.g * pu[d] - reg * qi[d]);
                itemBias_[tr.i] += lr * (tr.g - reg * itemBias_[tr.i]);
            }
            if (owner(tr.j, owners) == t) {
                float* qj = itemF_.data() + static_cast<size_t>(tr.j) * fs;
                for (size_t d = 0; d < fs; ++d) qj[d] += lr * (-tr.g * pu[d] - reg * qj[d]);
                itemBias_[tr.j] += lr * (-tr.g - reg * itemBias_[tr.j]);
            }
        }
    };

    const int64_t batches = (nnz + kBatch - 1) / kBatch;
    for (int32_t epoch = 0; epoch < epochs_; ++epoch) {
        if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
        if (threads == 1) {
            for (int64_t bi = 0; bi < batches; ++bi) {
                const int64_t b0 = bi * kBatch, count = std::min(kBatch, nnz - b0);
                for (int64_t s = 0; s < count; ++s) drawTriple(epoch, b0 + s, s);
                applyUsers(count, 0, 1);
                applyItems(count, 0, 1);
            }
        } else {
            // Every thread walks every batch in lock step: its slice of triples, its user rows,
            // its item rows, with a barrier after each phase.
            std::barrier sync(threads);
            auto worker = [&](int t) {
                for (int64_t bi = 0; bi < batches; ++bi) {
                    const int64_t b0 = bi * kBatch, count = std::min(kBatch, nnz - b0);
                    const int64_t lo = count * t / threads, hi = count * (t + 1) / threads;
                    for (int64_t s = lo; s < hi; ++s) drawTriple(epoch, b0 + s, s);
                    sync.arrive_and_wait();
                    applyUsers(count, t, threads);
                    sync.arrive_and_wait();
                    applyItems(count, t, threads);
                    sync.arrive_and_wait();
                }
            };
            std::vector<std::thread> pool;
            for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
            worker(0);
            for (auto& th : pool) th.join();
        }
        task.report(static_cast<double>(epoch + 1) / epochs_, "bpr epoch");
    }
    return util::Status::ok();
}

void Bpr::scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const {
    const auto fs = static_cast<size_t>(factors_);
    const auto n = static_cast<size_t>(numItems_);
    if (n == 0 || queries.empty()) return;
    std::vector<float> xs(queries.size() * fs, 0.0f);
    for (size_t q = 0; q < queries.size(); ++q) {
        float* x = xs.data() + q * fs;
        const int32_t u = queries[q].user;
        if (u >= 0 && u < numUsers_) {
            std::copy_n(userF_.data() + static_cast<size_t>(u) * fs, fs, x);
            continue;
        }
        const auto h = cleanHistory(queries[q].history, numItems_);
        for (int32_t i : h)
            for (size_t d = 0; d < fs; ++d) x[d] += itemF_[static_cast<size_t>(i) * fs + d];
        if (!h.empty())
            for (size_t d = 0; d < fs; ++d) x[d] /= static_cast<float>(h.size());
    }
    // Start from the biases (beta = 1 adds the product on top).
    for (size_t q = 0; q < queries.size(); ++q)
        std::copy(itemBias_.begin(), itemBias_.end(), out.begin() + static_cast<std::ptrdiff_t>(q * n));
    blas::gemmRowMajorBt(static_cast<int>(queries.size()), numItems_, factors_, 1.0f, xs.data(), itemF_.data(), 1.0f,
                         out.data());
}

util::Status Bpr::save(std::ostream& out) const {
    io::writeHeader(out, name(), params().dump());
    io::writeFactors(out, numUsers_, numItems_, userF_, itemF_);
    io::writeVec(out, itemBias_);
    return out ? util::Status::ok() : util::Status::error("bpr: write failed");
}

util::Status Bpr::load(std::istream& in) {
    auto header = io::readHeader(in, name());
    if (!header) return header.status();
    const auto p = nlohmann::json::parse(*header, nullptr, false);
    if (p.is_discarded() || !p.is_object()) return util::Status::error("bpr: model file has bad parameters");
    io::FactorTables t;
    std::vector<float> bias;
    try {
        const int32_t f = p.at("factors").get<int32_t>();
        auto tables = io::readFactors(in, "bpr", f);
        if (!tables) return tables.status();
        t = std::move(*tables);
        if (!io::readVec(in, bias, uint64_t{1} << 31)) return util::Status::error("bpr: model file truncated");
        if (bias.size() != static_cast<size_t>(t.items))
            return util::Status::error("bpr: model file is inconsistent (item biases)");
        factors_ = f;
        lr_ = p.at("lr").get<double>();
        reg_ = p.at("reg").get<double>();
        epochs_ = p.at("epochs").get<int32_t>();
        batch_ = p.at("batch").get<int64_t>();
        seed_ = p.at("seed").get<uint64_t>();
    } catch (const std::exception& e) {
        return util::Status::error(std::string("bpr: model file has bad parameters: ") + e.what());
    }
    numUsers_ = t.users;
    numItems_ = t.items;
    userF_ = std::move(t.user);
    itemF_ = std::move(t.item);
    itemBias_ = std::move(bias);
    return util::Status::ok();
}

}  // namespace rs::models
