// The rank tool (tools.h): popularity, similarity or preference, dislikes removed, and an
// optional MMR re-ordering for diversity.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "agent/tools.h"

namespace rs::agent {

using nlohmann::json;

namespace {

float dot(std::span<const float> a, std::span<const float> b) {
    float s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

}  // namespace

util::Result<json> Tools::rank(const RankInput& in, CandidateBus& bus, StepContext& ctx) {
    const std::string stepLabel = "step " + std::to_string(ctx.index) + " rank";
    json likedReport, dislikedReport;
    std::vector<size_t> liked = ground(in.liked, ctx, likedReport);
    std::vector<size_t> disliked = ground(in.disliked, ctx, dislikedReport);
    if (ctx.profile) {
        for (size_t r : ctx.profile->liked)
            if (std::find(liked.begin(), liked.end(), r) == liked.end()) liked.push_back(r);
        for (size_t r : ctx.profile->disliked)
            if (std::find(disliked.begin(), disliked.end(), r) == disliked.end()) disliked.push_back(r);
    }
    if (!bus.active()) bus.set(allRows(), {}, stepLabel);

    // Disliked and already-liked items are never recommended.
    std::unordered_set<size_t> drop(disliked.begin(), disliked.end());
    drop.insert(liked.begin(), liked.end());
    const size_t before = bus.size();
    json removed = json::array();
    for (const auto& c : bus.items())
        if (drop.count(c.row)) removed.push_back(data_->catalog().ids()[c.row]);
    if (!removed.empty()) bus.filter([&](size_t r) { return !drop.count(r); }, stepLabel);

    json notes = json::array();
    RankBy by = in.by;
    const models::Recommender* model = nullptr;
    std::vector<int32_t> history;
    if (by == RankBy::Preference) {
        model = data_->model(in.model);
        if (!in.model.empty() && !model)
            notes.push_back("model '" + in.model + "' is not available" +
                            (data_->modelNames().empty() ? std::string(" (no trained models)")
                                                         : " (have: " + data_->modelNames().front() + ")") +
                            "; used " + (data_->model() ? "the default model" : "similarity"));
        if (!model) model = data_->model();
        for (size_t r : liked)
            if (auto i = data_->datasetItem(r)) history.push_back(*i);
        if (liked.empty()) {
            notes.push_back("no liked items known: ranked by popularity");
            by = RankBy::Popularity;
        } else if (!model) {
            notes.push_back("no trained model for this catalog: ranked by similarity to the liked items");
            by = RankBy::Similarity;
        } else if (history.empty()) {
            notes.push_back("the liked items have no interactions: ranked by similarity to them");
            by = RankBy::Similarity;
        }
    }
    bool hasBusScores = false;
    for (const auto& c : bus.items())
        if (c.score != 0.0) hasBusScores = true;
    if (by == RankBy::Similarity && liked.empty() && !hasBusScores) {
        notes.push_back("nothing to be similar to (no liked items or soft-filter scores): ranked by popularity");
        by = RankBy::Popularity;
    }

    const auto& pop = data_->popularity();
    std::string used;
    if (by == RankBy::Popularity) {
        used = "popularity (" + data_->popularitySource() + ")";
        bus.rescore([&](size_t r) { return pop[r]; }, stepLabel);
    } else if (by == RankBy::Similarity) {
        if (!liked.empty()) {
            const int32_t dim = data_->dim();
            std::vector<float> q(size_t(dim), 0.0f);
            for (size_t r : liked) {
                const auto v = data_->vector(r);
                for (int32_t j = 0; j < dim; ++j) q[size_t(j)] += v[size_t(j)];
            }
            index::l2NormalizeRows(q, dim);
            used = "similarity to the liked items";
            bus.rescore([&](size_t r) { return double(dot(q, data_->vector(r))); }, stepLabel);
        } else {
            used = "similarity (soft-filter scores)";
            std::unordered_map<size_t, double> current;
            for (const auto& c : bus.items()) current.emplace(c.row, c.score);
            bus.rescore([&](size_t r) { return current[r]; }, stepLabel);
        }
    } else {
        std::vector<float> scores(size_t(model->numItems()));
        models::UserQuery q{-1, history};
        model->scoreBatch({&q, 1}, scores);
        used = "preference (" + model->name() + ", " + std::to_string(history.size()) + " liked items)";
        bus.rescore(
            [&](size_t r) {
                auto i = data_->datasetItem(r);
                return i ? double(scores[size_t(*i)]) : -std::numeric_limits<double>::infinity();
            },
            stepLabel);
    }

    if (in.mode == RankMode::Diversity && bus.size() > 2) {
        // MMR (Carbonell & Goldstein 1998): pick argmax λ·rel − (1−λ)·max sim to the picked ones,
        // relevance min-max scaled to [0, 1] so it is comparable with cosine similarity.
        const size_t pool = std::min(bus.size(), options_.mmrPool);
        std::vector<size_t> rows;
        std::vector<double> rel;
        for (size_t i = 0; i < pool; ++i) {
            rows.push_back(bus.items()[i].row);
            rel.push_back(bus.items()[i].score);
        }
        const auto [mn, mx] = std::minmax_element(rel.begin(), rel.end());
        const double lo = std::isfinite(*mn) ? *mn : 0.0, span = std::isfinite(*mx) && *mx > lo ? *mx - lo : 1.0;
        std::vector<double> maxSim(pool, -1.0);
        std::vector<uint8_t> picked(pool, 0);
        std::vector<size_t> order;
        std::vector<double> orderScores;
        for (size_t step = 0; step < pool; ++step) {
            size_t best = pool;
            double bestValue = -std::numeric_limits<double>::infinity();
            for (size_t i = 0; i < pool; ++i) {
                if (picked[i]) continue;
                const double r = std::isfinite(rel[i]) ? (rel[i] - lo) / span : 0.0;
                const double v = options_.mmrLambda * r - (1.0 - options_.mmrLambda) * (step ? maxSim[i] : 0.0);
                if (v > bestValue) {
                    bestValue = v;
                    best = i;
                }
            }
            picked[best] = 1;
            order.push_back(rows[best]);
            orderScores.push_back(rel[best]);
            for (size_t i = 0; i < pool; ++i)
                if (!picked[i])
                    maxSim[i] = std::max(maxSim[i], double(dot(data_->vector(rows[i]), data_->vector(rows[best]))));
        }
        for (size_t i = pool; i < bus.size(); ++i) {
            order.push_back(bus.items()[i].row);
            orderScores.push_back(bus.items()[i].score);
        }
        bus.reorder(order, orderScores, stepLabel + " diversity");
        used += ", diversified (MMR)";
    }
    json top = json::array();
    for (size_t i = 0; i < bus.size() && i < 10; ++i) top.push_back(itemJson(bus.items()[i].row, bus.items()[i].score));
    json out = {{"by", used}, {"before", before}, {"ranked", bus.size()}, {"top", top}};
    if (!removed.empty()) out["removed"] = removed;
    if (!in.liked.empty()) out["liked"] = likedReport;
    if (!in.disliked.empty()) out["disliked"] = dislikedReport;
    if (!notes.empty()) out["notes"] = notes;
    return out;
}

}  // namespace rs::agent
