#include "eval/evaluator.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <random>
#include <span>
#include <thread>

#include "eval/metrics.h"

namespace rs::eval {

std::string_view tieRuleName(TieRule r) {
    switch (r) {
        case TieRule::Pessimistic:
            return "pessimistic";
        case TieRule::Optimistic:
            return "optimistic";
        case TieRule::Random:
            return "random";
    }
    return "pessimistic";
}

std::optional<TieRule> tieRuleFromName(std::string_view name) {
    for (TieRule r : {TieRule::Pessimistic, TieRule::Optimistic, TieRule::Random})
        if (tieRuleName(r) == name) return r;
    return std::nullopt;
}

namespace {

uint64_t splitmix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Hash of (seed, user, item) so the random tie break does not depend on which thread or batch
// ranked the user.
uint64_t tieHash(uint64_t seed, int32_t user, int32_t item) {
    return splitmix64(
        seed ^ splitmix64((static_cast<uint64_t>(static_cast<uint32_t>(user)) << 32) | static_cast<uint32_t>(item)));
}

float sanitize(float v) {
    return std::isnan(v) ? -std::numeric_limits<float>::infinity() : v;
}

// Per-worker scratch space. stamp[i] == mark means item i is masked for the current user; marks
// are unique per user so the array never needs clearing.
struct Scratch {
    std::vector<float> scores;
    std::vector<int64_t> stamp;
    std::vector<int32_t> order;
    std::vector<float> sorted;
    std::vector<int64_t> greater, equal;
};

// Ranks the held-out items `targets` of one user from the score row s (numItems floats).
void rankUser(const float* s, int32_t numItems, std::span<const int32_t> known, std::span<const int32_t> targets,
              int32_t user, const EvalOptions& opt, Scratch& sc, std::vector<int64_t>& ranksOut) {
    const int64_t mark = static_cast<int64_t>(user) + 1;
    for (int32_t i : known) sc.stamp[i] = mark;
    // A held-out item the user also had in training (a repeat) stays a candidate: masking it would
    // make it unreachable rather than testing whether the model predicts the repeat.
    for (int32_t t : targets) sc.stamp[t] = 0;

    const size_t h = targets.size();
    sc.order.resize(h);
    for (size_t k = 0; k < h; ++k) sc.order[k] = static_cast<int32_t>(k);
    std::sort(sc.order.begin(), sc.order.end(),
              [&](int32_t a, int32_t b) { return sanitize(s[targets[a]]) < sanitize(s[targets[b]]); });
    sc.sorted.resize(h);
    for (size_t k = 0; k < h; ++k) sc.sorted[k] = sanitize(s[targets[sc.order[k]]]);

    // greater[k]: candidates scoring above sorted[k]; equal[k]: candidates scoring the same (itself
    // included). Built with difference arrays so one pass over the items serves all targets.
    sc.greater.assign(h + 1, 0);
    sc.equal.assign(h + 1, 0);
    for (int32_t j = 0; j < numItems; ++j) {
        if (sc.stamp[j] == mark) continue;
        const float v = sanitize(s[j]);
        const auto lo = std::lower_bound(sc.sorted.begin(), sc.sorted.end(), v) - sc.sorted.begin();
        const auto hi = std::upper_bound(sc.sorted.begin() + lo, sc.sorted.end(), v) - sc.sorted.begin();
        if (lo > 0) {
            ++sc.greater[0];
            --sc.greater[lo];
        }
        if (hi > lo) {
            ++sc.equal[lo];
            --sc.equal[hi];
        }
    }
    ranksOut.assign(h, 0);
    int64_t g = 0, e = 0;
    for (size_t k = 0; k < h; ++k) {
        g += sc.greater[k];
        e += sc.equal[k];
        const int32_t target = targets[sc.order[k]];
        const int64_t ties = std::max<int64_t>(0, e - 1);  // minus the held-out item itself
        int64_t adjust = 0;
        switch (opt.tieRule) {
            case TieRule::Pessimistic:
                adjust = ties;
                break;
            case TieRule::Optimistic:
                adjust = 0;
                break;
            case TieRule::Random:
                adjust = static_cast<int64_t>(tieHash(opt.seed, user, target) % static_cast<uint64_t>(ties + 1));
                break;
        }
        ranksOut[sc.order[k]] = 1 + g + adjust;
    }
}

}  // namespace

util::Result<std::vector<UserRanks>> rankHeldOut(const models::Recommender& model, const data::Dataset& known,
                                                 const data::Dataset& heldOut, const EvalOptions& options,
                                                 const util::Task& task) {
    const int32_t numItems = known.numItems();
    if (heldOut.numItems() != numItems || heldOut.numUsers() != known.numUsers())
        return util::Error{"evaluate: train and test sets do not share id spaces (" + std::to_string(known.numUsers()) +
                           "x" + std::to_string(numItems) + " vs " + std::to_string(heldOut.numUsers()) + "x" +
                           std::to_string(heldOut.numItems()) + " users x items)"};
    if (model.numItems() != numItems)
        return util::Error{"evaluate: model '" + model.name() + "' scores " + std::to_string(model.numItems()) +
                           " items but the dataset has " + std::to_string(numItems) +
                           " (was it fitted on this train set?)"};
    for (int k : options.ks)
        if (k < 1) return util::Error{"evaluate: cut-off k must be >= 1, got " + std::to_string(k)};

    std::vector<int32_t> users;
    for (int32_t u = 0; u < heldOut.numUsers(); ++u)
        if (heldOut.userCount(u) > 0) users.push_back(u);
    std::vector<UserRanks> out(users.size());
    if (users.empty() || numItems == 0) return out;

    // Keep one worker's score buffer under ~64 MB even for very large catalogs.
    const int64_t maxRows = std::max<int64_t>(1, (int64_t{16} << 20) / numItems);
    const int64_t batch = std::clamp<int64_t>(options.batchSize, 1, maxRows);
    const int64_t numBatches = (static_cast<int64_t>(users.size()) + batch - 1) / batch;
    int threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
    threads = static_cast<int>(std::clamp<int64_t>(threads, 1, numBatches));

    std::atomic<int64_t> nextBatch{0}, doneBatches{0};
    std::atomic<bool> failed{false};
    std::mutex errorMutex;
    std::string error;

    auto worker = [&]() {
        Scratch sc;
        std::vector<models::UserQuery> queries;
        try {
            sc.scores.resize(static_cast<size_t>(batch * numItems));
            sc.stamp.assign(static_cast<size_t>(numItems), 0);
            for (;;) {
                if (task.cancelled() || failed.load()) return;
                const int64_t b = nextBatch.fetch_add(1);
                if (b >= numBatches) return;
                const int64_t first = b * batch;
                const int64_t last = std::min<int64_t>(first + batch, static_cast<int64_t>(users.size()));
                queries.clear();
                for (int64_t k = first; k < last; ++k) queries.push_back({users[k], known.userItems(users[k])});
                std::span<float> rows(sc.scores.data(), static_cast<size_t>((last - first) * numItems));
                model.scoreBatch(queries, rows);
                for (int64_t k = first; k < last; ++k) {
                    const int32_t u = users[k];
                    out[k].user = u;
                    rankUser(rows.data() + (k - first) * numItems, numItems, known.userItems(u), heldOut.userItems(u),
                             u, options, sc, out[k].ranks);
                }
                const int64_t done = doneBatches.fetch_add(1) + 1;
                task.report(static_cast<double>(done) / static_cast<double>(numBatches), "ranking users");
            }
        } catch (const std::exception& e) {
            // Exceptions must not escape a std::thread; turn them into the call's error.
            std::lock_guard lock(errorMutex);
            if (error.empty()) error = "evaluate: model '" + model.name() + "' failed while scoring: " + e.what();
            failed = true;
        }
    };

    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        try {
            for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
        } catch (const std::exception& e) {
            failed = true;
            std::lock_guard lock(errorMutex);
            if (error.empty()) error = std::string("evaluate: could not start worker threads: ") + e.what();
        }
        for (auto& t : pool) t.join();
    }
    if (failed) return util::Error{error};
    if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
    return out;
}

namespace {
struct MetricKey {
    std::string name, family;
    int k;
};
std::vector<MetricKey> metricKeys(const std::vector<int>& ks) {
    std::vector<MetricKey> keys;
    for (int k : ks)
        for (const auto& f : metricFamilies()) keys.push_back({f + "@" + std::to_string(k), f, k});
    return keys;
}
}  // namespace

std::map<std::string, double> meanMetrics(const std::vector<UserRanks>& perUser, const std::vector<int>& ks) {
    std::map<std::string, double> means;
    for (const auto& key : metricKeys(ks)) {
        double sum = 0.0;
        for (const auto& u : perUser) sum += metricAt(key.family, u.ranks, static_cast<int64_t>(u.ranks.size()), key.k);
        means[key.name] = perUser.empty() ? 0.0 : sum / static_cast<double>(perUser.size());
    }
    return means;
}

std::map<std::string, std::pair<double, double>> bootstrapCi95(const std::vector<UserRanks>& perUser,
                                                               const std::vector<int>& ks, int samples, uint64_t seed) {
    std::map<std::string, std::pair<double, double>> ci;
    const size_t n = perUser.size();
    if (samples <= 0 || n == 0) return ci;
    const auto keys = metricKeys(ks);
    const size_t m = keys.size();
    std::vector<double> values(n * m);  // user-major: values[u * m + metric]
    for (size_t u = 0; u < n; ++u)
        for (size_t j = 0; j < m; ++j)
            values[u * m + j] =
                metricAt(keys[j].family, perUser[u].ranks, static_cast<int64_t>(perUser[u].ranks.size()), keys[j].k);
    // One resample of users serves every metric, so the intervals are computed on the same draws.
    std::mt19937_64 rng(splitmix64(seed));
    std::uniform_int_distribution<size_t> pick(0, n - 1);
    std::vector<std::vector<double>> means(m, std::vector<double>(static_cast<size_t>(samples)));
    std::vector<double> sums(m);
    for (int b = 0; b < samples; ++b) {
        std::fill(sums.begin(), sums.end(), 0.0);
        for (size_t draw = 0; draw < n; ++draw) {
            const double* row = values.data() + pick(rng) * m;
            for (size_t j = 0; j < m; ++j) sums[j] += row[j];
        }
        for (size_t j = 0; j < m; ++j) means[j][static_cast<size_t>(b)] = sums[j] / static_cast<double>(n);
    }
    auto quantile = [](const std::vector<double>& sorted, double q) {
        const double pos = q * static_cast<double>(sorted.size() - 1);
        const auto lo = static_cast<size_t>(std::floor(pos));
        const size_t hi = std::min(lo + 1, sorted.size() - 1);
        return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
    };
    for (size_t j = 0; j < m; ++j) {
        std::sort(means[j].begin(), means[j].end());
        ci[keys[j].name] = {quantile(means[j], 0.025), quantile(means[j], 0.975)};
    }
    return ci;
}

util::Result<ModelResult> evaluateModel(const models::Recommender& model, const data::Dataset& known,
                                        const data::Dataset& heldOut, const EvalOptions& options,
                                        const util::Task& task) {
    const auto start = std::chrono::steady_clock::now();
    auto ranks = rankHeldOut(model, known, heldOut, options, task);
    if (!ranks) return ranks.status();
    ModelResult r;
    r.model = model.name();
    r.params = model.params();
    r.perUser = std::move(ranks).value();
    r.users = static_cast<int64_t>(r.perUser.size());
    r.metrics = meanMetrics(r.perUser, options.ks);
    r.ci95 = bootstrapCi95(r.perUser, options.ks, options.bootstrapSamples, options.seed);
    r.evalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

nlohmann::json ModelResult::toJson(bool withRanks) const {
    nlohmann::json j;
    j["model"] = model;
    j["params"] = params.is_null() ? nlohmann::json::object() : params;
    j["metrics"] = metrics;
    nlohmann::json ci = nlohmann::json::object();
    for (const auto& [name, lohi] : ci95) ci[name] = {lohi.first, lohi.second};
    j["ci95"] = ci;
    j["fit_seconds"] = fitSeconds;
    j["eval_seconds"] = evalSeconds;
    j["users"] = users;
    if (withRanks) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& u : perUser) rows.push_back({{"user", u.user}, {"ranks", u.ranks}});
        j["per_user_ranks"] = rows;
    }
    return j;
}

}  // namespace rs::eval
