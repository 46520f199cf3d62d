#include "models/ease.h"

#include <algorithm>
#include <atomic>

#include "models/binaryinteractions.h"
#include "models/binaryio.h"
#include "models/blas.h"
#include "models/parallel.h"
#include "models/params.h"

namespace rs::models {

util::Result<std::unique_ptr<Recommender>> Ease::create(const Params& params) {
    auto m = std::make_unique<Ease>();
    ParamReader r("ease", params);
    m->lambda_ = r.getFloat("lambda", m->lambda_, 1e-6, 1e12);
    m->threads_ = static_cast<int>(r.getInt("threads", 0, 0, 1024));
    if (auto st = r.finish(); !st) return st;
    return std::unique_ptr<Recommender>(std::move(m));
}

util::Status Ease::fit(const data::Dataset& train, const util::Task& task) {
    const util::Status cancelled = util::Status::error(std::string(util::kCancelledMessage));
    const auto m = BinaryInteractions::build(train);
    const int32_t n = m.numItems;
    const auto nn = static_cast<size_t>(n);
    numItems_ = n;
    b_.clear();
    if (n == 0) return util::Status::ok();
    if (task.cancelled()) return cancelled;
    task.report(0.0, "gram matrix");

    // Gram: row i gets co-occurrence counts with items j >= i (row-major upper = column-major
    // lower, the triangle LAPACK reads with uplo 'L'). Rows are independent, so threads write
    // disjoint memory and counts are exact integers in float up to 2^24 users per pair.
    std::vector<float> g(nn * nn, 0.0f);
    std::atomic<int64_t> done{0};
    parallelFor(n, resolveThreads(threads_), 32, [&](int64_t b, int64_t e, int) {
        if (task.cancelled()) return false;
        for (int64_t i = b; i < e; ++i) {
            float* row = g.data() + static_cast<size_t>(i) * nn;
            for (int32_t u : m.usersOf(static_cast<int32_t>(i))) {
                auto items = m.itemsOf(u);
                for (auto it = std::lower_bound(items.begin(), items.end(), static_cast<int32_t>(i)); it != items.end();
                     ++it)
                    row[*it] += 1.0f;
            }
            row[i] += static_cast<float>(lambda_);
        }
        task.report(0.2 * static_cast<double>(done.fetch_add(e - b) + (e - b)) / n, "gram matrix");
        return true;
    });
    if (task.cancelled()) return cancelled;

    // P = G⁻¹ by Cholesky. LAPACK calls cannot be interrupted; cancellation is checked between them.
    task.report(0.2, "cholesky factorization");
    const char uplo = 'L';
    int info = 0;
    spotrf_(&uplo, &n, g.data(), &n, &info);
    if (info != 0)
        return util::Status::error("ease: Cholesky factorization failed (info " + std::to_string(info) +
                                   "); the Gram matrix is not positive definite, try a larger lambda");
    if (task.cancelled()) return cancelled;
    task.report(0.5, "inverse");
    spotri_(&uplo, &n, g.data(), &n, &info);
    if (info != 0) return util::Status::error("ease: inverse failed (info " + std::to_string(info) + ")");
    if (task.cancelled()) return cancelled;
    task.report(0.9, "weights");

    // spotri filled the row-major upper triangle (j >= i) of P. Mirror it in cache-sized blocks,
    // then B_ij = −P_ij / P_jj with a zero diagonal.
    constexpr size_t kBlock = 64;
    for (size_t ib = 0; ib < nn; ib += kBlock)
        for (size_t jb = 0; jb <= ib; jb += kBlock)
            for (size_t i = ib; i < std::min(nn, ib + kBlock); ++i)
                for (size_t j = jb; j < std::min(i, jb + kBlock); ++j) g[i * nn + j] = g[j * nn + i];
    std::vector<float> invDiag(nn);
    for (size_t j = 0; j < nn; ++j) invDiag[j] = -1.0f / g[j * nn + j];
    for (size_t i = 0; i < nn; ++i) {
        float* row = g.data() + i * nn;
        for (size_t j = 0; j < nn; ++j) row[j] *= invDiag[j];
        row[i] = 0.0f;
    }
    b_ = std::move(g);
    task.report(1.0, "done");
    return util::Status::ok();
}

void Ease::scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const {
    const auto n = static_cast<size_t>(numItems_);
    if (n == 0) return;
    std::vector<float> x;
    std::vector<uint8_t> seen(n, 0);
    std::vector<int32_t> unique;
    for (size_t q0 = 0; q0 < queries.size(); q0 += kScoreBlock) {
        const size_t qn = std::min(kScoreBlock, queries.size() - q0);
        size_t historyTotal = 0;
        for (size_t q = 0; q < qn; ++q) historyTotal += queries[q0 + q].history.size();
        if (historyTotal * kSparseRatio < qn * n) {
            // Short histories: x_u B is the sum of the history items' rows of B, |h| × n work per
            // user instead of the n × n of a dense row product.
            for (size_t q = 0; q < qn; ++q) {
                float* row = out.data() + (q0 + q) * n;
                std::fill(row, row + n, 0.0f);
                unique.clear();
                for (int32_t h : queries[q0 + q].history)
                    if (h >= 0 && static_cast<size_t>(h) < n && !seen[static_cast<size_t>(h)]) {
                        seen[static_cast<size_t>(h)] = 1;
                        unique.push_back(h);
                    }
                for (int32_t h : unique) {
                    const float* b = b_.data() + static_cast<size_t>(h) * n;
                    for (size_t j = 0; j < n; ++j) row[j] += b[j];
                    seen[static_cast<size_t>(h)] = 0;
                }
            }
            continue;
        }
        x.assign(qn * n, 0.0f);
        for (size_t q = 0; q < qn; ++q)
            for (int32_t h : queries[q0 + q].history)
                if (h >= 0 && static_cast<size_t>(h) < n) x[q * n + static_cast<size_t>(h)] = 1.0f;
        blas::gemmRowMajor(static_cast<int>(qn), numItems_, numItems_, 1.0f, x.data(), b_.data(), 0.0f,
                           out.data() + q0 * n);
    }
}

util::Status Ease::save(std::ostream& out) const {
    io::writeHeader(out, name(), params().dump());
    io::writePod(out, numItems_);
    io::writeVec(out, b_);
    return out ? util::Status::ok() : util::Status::error("ease: write failed");
}

util::Status Ease::load(std::istream& in) {
    auto header = io::readHeader(in, name());
    if (!header) return header.status();
    const auto p = nlohmann::json::parse(*header, nullptr, false);
    if (p.is_discarded() || !p.contains("lambda") || !p["lambda"].is_number())
        return util::Status::error("ease: model file has bad parameters");
    int32_t n = 0;
    std::vector<float> b;
    if (!io::readPod(in, n) || n < 0 || !io::readVec(in, b, uint64_t{1} << 34))
        return util::Status::error("ease: model file truncated");
    if (b.size() != static_cast<size_t>(n) * static_cast<size_t>(n))
        return util::Status::error("ease: model file is inconsistent (weights are not numItems × numItems)");
    lambda_ = p["lambda"].get<double>();
    numItems_ = n;
    b_ = std::move(b);
    return util::Status::ok();
}

}  // namespace rs::models
