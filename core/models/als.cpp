#include "models/als.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "models/binaryinteractions.h"
#include "models/binaryio.h"
#include "models/blas.h"
#include "models/parallel.h"
#include "models/params.h"
#include "models/rng.h"

namespace rs::models {
namespace {

// YᵀY (f × f, double, full) of an m × f row-major float matrix, summed in row order so the
// result does not depend on threads.
std::vector<double> gram(const std::vector<float>& y, int32_t f) {
    const auto fs = static_cast<size_t>(f);
    std::vector<double> g(fs * fs, 0.0);
    const size_t rows = y.size() / fs;
    std::vector<double> yd(fs);
    for (size_t r = 0; r < rows; ++r) {
        for (size_t a = 0; a < fs; ++a) yd[a] = y[r * fs + a];
        for (size_t a = 0; a < fs; ++a) {
            const double ya = yd[a];
            double* ga = g.data() + a * fs;
            for (size_t b = 0; b <= a; ++b) ga[b] += ya * yd[b];
        }
    }
    for (size_t a = 0; a < fs; ++a)
        for (size_t b = 0; b < a; ++b) g[b * fs + a] = g[a * fs + b];
    return g;
}

// Scratch for one least-squares row solve.
struct Solver {
    int32_t f;
    std::vector<float> acc;  // f × f lower triangle of Σ alpha·y yᵀ, float for SIMD-friendly axpy
    std::vector<double> a, b;

    explicit Solver(int32_t factors)
        : f(factors), acc(static_cast<size_t>(factors) * factors), a(acc.size()), b(static_cast<size_t>(factors)) {}

    // Solves (gram + reg·I + Σ alpha y_i y_iᵀ) x = Σ (1+alpha) y_i over the given rows of y.
    // Returns false if the system is not positive definite (x is then zeroed).
    bool solve(const std::vector<double>& g, double reg, double alpha, const std::vector<float>& y,
               std::span<const int32_t> rows, float* x) {
        const auto fs = static_cast<size_t>(f);
        std::fill(acc.begin(), acc.end(), 0.0f);
        std::fill(b.begin(), b.end(), 0.0);
        for (int32_t r : rows) {
            const float* yr = y.data() + static_cast<size_t>(r) * fs;
            for (size_t p = 0; p < fs; ++p) {
                const float s = yr[p];
                float* row = acc.data() + p * fs;
                for (size_t q = 0; q <= p; ++q) row[q] += s * yr[q];
                b[p] += yr[p];
            }
        }
        for (size_t p = 0; p < fs; ++p) {
            b[p] *= 1.0 + alpha;
            for (size_t q = 0; q <= p; ++q) a[p * fs + q] = g[p * fs + q] + alpha * acc[p * fs + q];
            a[p * fs + p] += reg;
        }
        // In-place Cholesky A = L Lᵀ (lower triangle), then forward and back substitution.
        for (size_t j = 0; j < fs; ++j) {
            double d = a[j * fs + j];
            for (size_t k = 0; k < j; ++k) d -= a[j * fs + k] * a[j * fs + k];
            if (!(d > 0.0)) {
                std::fill(x, x + fs, 0.0f);
                return false;
            }
            d = std::sqrt(d);
            a[j * fs + j] = d;
            for (size_t i = j + 1; i < fs; ++i) {
                double s = a[i * fs + j];
                for (size_t k = 0; k < j; ++k) s -= a[i * fs + k] * a[j * fs + k];
                a[i * fs + j] = s / d;
            }
        }
        for (size_t i = 0; i < fs; ++i) {
            double s = b[i];
            for (size_t k = 0; k < i; ++k) s -= a[i * fs + k] * b[k];
            b[i] = s / a[i * fs + i];
        }
        for (size_t i = fs; i-- > 0;) {
            double s = b[i];
            for (size_t k = i + 1; k < fs; ++k) s -= a[k * fs + i] * b[k];
            b[i] = s / a[i * fs + i];
        }
        for (size_t i = 0; i < fs; ++i) x[i] = static_cast<float>(b[i]);
        return true;
    }
};

}  // namespace

util::Result<std::unique_ptr<Recommender>> Als::create(const Params& params) {
    auto m = std::make_unique<Als>();
    ParamReader r("als", params);
    m->factors_ = static_cast<int32_t>(r.getInt("factors", m->factors_, 1, 1024));
    m->reg_ = r.getFloat("reg", m->reg_, 0.0, 1e9);
    m->alpha_ = r.getFloat("alpha", m->alpha_, 0.0, 1e9);
    m->iterations_ = static_cast<int32_t>(r.getInt("iterations", m->iterations_, 1, 100000));
    m->seed_ = static_cast<uint64_t>(r.getInt("seed", 42, 0, INT64_MAX));
    m->threads_ = static_cast<int>(r.getInt("threads", 0, 0, 1024));
    if (auto st = r.finish(); !st) return st;
    return std::unique_ptr<Recommender>(std::move(m));
}

nlohmann::json Als::params() const {
    return {{"factors", factors_}, {"reg", reg_}, {"alpha", alpha_}, {"iterations", iterations_}, {"seed", seed_}};
}

util::Status Als::fit(const data::Dataset& train, const util::Task& task) {
    const auto m = BinaryInteractions::build(train);
    numItems_ = m.numItems;
    numUsers_ = m.numUsers;
    const auto fs = static_cast<size_t>(factors_);
    userF_.assign(static_cast<size_t>(numUsers_) * fs, 0.0f);
    itemF_.assign(static_cast<size_t>(numItems_) * fs, 0.0f);
    const float scale = 0.1f / std::sqrt(static_cast<float>(factors_));
    SplitMix64 rng(seed_);
    for (float& v : userF_) v = (rng.uniform() - 0.5f) * scale;
    for (float& v : itemF_) v = (rng.uniform() - 0.5f) * scale;

    const int threads = resolveThreads(threads_);
    std::vector<Solver> solvers(static_cast<size_t>(threads), Solver(factors_));
    // One half-iteration: solve every row of x against the fixed factors y.
    auto half = [&](std::vector<float>& x, const std::vector<float>& y, int32_t rows, auto rowCols) {
        const std::vector<double> g = gram(y, factors_);
        parallelFor(rows, threads, 64, [&](int64_t b, int64_t e, int t) {
            if (task.cancelled()) return false;
            for (int64_t r = b; r < e; ++r)
                solvers[t].solve(g, reg_, alpha_, y, rowCols(static_cast<int32_t>(r)),
                                 x.data() + static_cast<size_t>(r) * fs);
            return true;
        });
    };
    for (int32_t it = 0; it < iterations_; ++it) {
        if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
        half(userF_, itemF_, numUsers_, [&](int32_t u) { return m.itemsOf(u); });
        if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
        half(itemF_, userF_, numItems_, [&](int32_t i) { return m.usersOf(i); });
        task.report(static_cast<double>(it + 1) / iterations_, "als iteration");
    }
    if (task.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
    itemGram_ = gram(itemF_, factors_);
    return util::Status::ok();
}

void Als::scoreBatch(std::span<const UserQuery> queries, std::span<float> out) const {
    const auto fs = static_cast<size_t>(factors_);
    if (numItems_ == 0 || queries.empty()) return;
    std::vector<float> xs(queries.size() * fs, 0.0f);
    Solver solver(factors_);
    for (size_t q = 0; q < queries.size(); ++q) {
        const int32_t u = queries[q].user;
        if (u >= 0 && u < numUsers_) {
            std::copy_n(userF_.begin() + static_cast<std::ptrdiff_t>(static_cast<size_t>(u) * fs), fs,
                        xs.begin() + static_cast<std::ptrdiff_t>(q * fs));
        } else {
            const auto h = cleanHistory(queries[q].history, numItems_);
            solver.solve(itemGram_, reg_, alpha_, itemF_, h, xs.data() + q * fs);
        }
    }
    blas::gemmRowMajorBt(static_cast<int>(queries.size()), numItems_, factors_, 1.0f, xs.data(), itemF_.data(), 0.0f,
                         out.data());
}

util::Status Als::save(std::ostream& out) const {
    io::writeHeader(out, name(), params().dump());
    io::writeFactors(out, numUsers_, numItems_, userF_, itemF_);
    return out ? util::Status::ok() : util::Status::error("als: write failed");
}

util::Status Als::load(std::istream& in) {
    auto header = io::readHeader(in, name());
    if (!header) return header.status();
    const auto p = nlohmann::json::parse(*header, nullptr, false);
    if (p.is_discarded() || !p.is_object()) return util::Status::error("als: model file has bad parameters");
    io::FactorTables t;
    try {
        const int32_t f = p.at("factors").get<int32_t>();
        auto tables = io::readFactors(in, "als", f);
        if (!tables) return tables.status();
        t = std::move(*tables);
        factors_ = f;
        reg_ = p.at("reg").get<double>();
        alpha_ = p.at("alpha").get<double>();
        iterations_ = p.at("iterations").get<int32_t>();
        seed_ = p.at("seed").get<uint64_t>();
    } catch (const std::exception& e) {
        return util::Status::error(std::string("als: model file has bad parameters: ") + e.what());
    }
    numUsers_ = t.users;
    numItems_ = t.items;
    userF_ = std::move(t.user);
    itemF_ = std::move(t.item);
    itemGram_ = gram(itemF_, factors_);
    return util::Status::ok();
}

}  // namespace rs::models
