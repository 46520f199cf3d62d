#include "models/itemknn.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "models/binaryinteractions.h"
#include "models/binaryio.h"
#include "models/parallel.h"
#include "models/params.h"

namespace rs::models {

util::Result<std::unique_ptr<Recommender>> ItemKnn::create(const Params& params) {
    auto m = std::make_unique<ItemKnn>();
    ParamReader r("itemknn", params);
    m->k_ = static_cast<int32_t>(r.getInt("k", m->k_, 1, 1'000'000));
    m->shrink_ = r.getFloat("shrink", m->shrink_, 0.0, 1e9);
    m->threads_ = static_cast<int>(r.getInt("threads", 0, 0, 1024));
    if (auto st = r.finish(); !st) return st;
    return std::unique_ptr<Recommender>(std::move(m));
}

nlohmann::json ItemKnn::params() const {
    return {{"k", k_}, {"shrink", shrink_}};
}

util::Status ItemKnn::fit(const data::Dataset& train, const util::Task& task) {
    const auto m = BinaryInteractions::build(train);
    const int32_t n = m.numItems;
    numItems_ = n;
    const int32_t keep = std::min(k_, std::max(n - 1, 0));
    std::vector<float> norm(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) norm[i] = std::sqrt(static_cast<float>(m.itemOffsets[i + 1] - m.itemOffsets[i]));

    // Fixed-width rows (keep slots per item, count per item) so threads write disjoint ranges;
    // compacted into CSR afterwards.
    std::vector<int32_t> rowNbr(static_cast<size_t>(n) * keep);
    std::vector<float> rowSim(static_cast<size_t>(n) * keep);
    std::vector<int32_t> rowLen(static_cast<size_t>(n), 0);
    const int threads = resolveThreads(threads_);
    std::vector<std::vector<float>> acc(static_cast<size_t>(threads), std::vector<float>(static_cast<size_t>(n), 0.0f));
    std::vector<std::vector<int32_t>> touched(static_cast<size_t>(threads));
    std::atomic<int64_t> done{0};
    const float shrink = static_cast<float>(shrink_);

    parallelFor(n, threads, 64, [&](int64_t b, int64_t e, int t) {
        if (task.cancelled()) return false;
        auto& a = acc[t];
        auto& cand = touched[t];
        for (int64_t ii = b; ii < e; ++ii) {
            const auto i = static_cast<int32_t>(ii);
            cand.clear();
            for (int32_t u : m.usersOf(i))
                for (int32_t j : m.itemsOf(u)) {
                    if (a[j] == 0.0f) cand.push_back(j);
                    a[j] += 1.0f;
                }
            // Similarity replaces the count in place; candidates then sorted by (sim desc, index asc).
            for (int32_t j : cand) a[j] = (j == i) ? -1.0f : a[j] / (norm[i] * norm[j] + shrink);
            auto better = [&](int32_t x, int32_t y) { return a[x] > a[y] || (a[x] == a[y] && x < y); };
            std::erase(cand, i);
            const size_t top = std::min<size_t>(static_cast<size_t>(keep), cand.size());
            std::partial_sort(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(top), cand.end(), better);
            const size_t base = static_cast<size_t>(i) * keep;
            for (size_t r = 0; r < top; ++r) {
                rowNbr[base + r] = cand[r];
                rowSim[base + r] = a[cand[r]];
            }
            rowLen[i] = static_cast<int32_t>(top);
            for (int32_t j : cand) a[j] = 0.0f;
            a[i] = 0.0f;
        }
        const int64_t d = done.fetch_add(e - b) + (e - b);
        task.report(static_cast<double>(d) / n, "item similarities");
        return true;
    });
    if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));

    offsets_.assign(static_cast<size_t>(n) + 1, 0);
    for (int32_t i = 0; i < n; ++i) offsets_[i + 1] = offsets_[i] + rowLen[i];
    nbr_.resize(static_cast<size_t>(offsets_[n]));
    sim_.resize(nbr_.size());
    for (int32_t i = 0; i < n; ++i) {
        std::copy_n(rowNbr.begin() + static_cast<std::ptrdiff_t>(i) * keep, rowLen[i], nbr_.begin() + offsets_[i]);
        std::copy_n(rowSim.begin() + static_cast<std::ptrdiff_t>(i) * keep, rowLen[i], sim_.begin() + offsets_[i]);
    }
    task.report(1.0, "done");
    return util::Status::ok();
}

std::span<const int32_t> ItemKnn::neighbours(int32_t i) const {
    return {nbr_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
}
std::span<const float> ItemKnn::similarities(int32_t i) const {
    return {sim_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
}

void ItemKnn::scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const {
    const auto n = static_cast<size_t>(numItems_);
    for (size_t q = 0; q < queries.size(); ++q) {
        float* row = out.data() + q * n;
        std::fill(row, row + n, 0.0f);
        for (int32_t h : cleanHistory(queries[q].history, numItems_))
            for (int64_t k = offsets_[h]; k < offsets_[h + 1]; ++k) row[nbr_[k]] += sim_[k];
    }
}

util::Status ItemKnn::save(std::ostream& out) const {
    io::writeHeader(out, name(), params().dump());
    io::writePod(out, numItems_);
    io::writeVec(out, offsets_);
    io::writeVec(out, nbr_);
    io::writeVec(out, sim_);
    return out ? util::Status::ok() : util::Status::error("itemknn: write failed");
}

util::Status ItemKnn::load(std::istream& in) {
    auto header = io::readHeader(in, name());
    if (!header) return header.status();
    const auto p = nlohmann::json::parse(*header, nullptr, false);
    if (p.is_discarded() || !p.contains("k") || !p.contains("shrink") || !p["k"].is_number_integer() ||
        !p["shrink"].is_number())
        return util::Status::error("itemknn: model file has bad parameters");
    int32_t n = 0;
    std::vector<int64_t> offsets;
    std::vector<int32_t> nbr;
    std::vector<float> sim;
    constexpr uint64_t kMax = uint64_t{1} << 34;
    if (!io::readPod(in, n) || n < 0 || !io::readVec(in, offsets, kMax) || !io::readVec(in, nbr, kMax) ||
        !io::readVec(in, sim, kMax))
        return util::Status::error("itemknn: model file truncated");
    if (offsets.size() != static_cast<size_t>(n) + 1 || offsets.front() != 0 ||
        !std::is_sorted(offsets.begin(), offsets.end()) || nbr.size() != sim.size() ||
        offsets.back() != static_cast<int64_t>(nbr.size()) ||
        std::any_of(nbr.begin(), nbr.end(), [n](int32_t j) { return j < 0 || j >= n; }))
        return util::Status::error("itemknn: model file is inconsistent");
    k_ = p["k"].get<int32_t>();
    shrink_ = p["shrink"].get<double>();
    numItems_ = n;
    offsets_ = std::move(offsets);
    nbr_ = std::move(nbr);
    sim_ = std::move(sim);
    return util::Status::ok();
}

}  // namespace rs::models
