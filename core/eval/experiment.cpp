#include "eval/experiment.h"

#include <charconv>
#include <chrono>
#include <cmath>

namespace rs::eval {

namespace {

std::optional<double> parseRatio(const std::string& s) {
    double v = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Train and validation interactions together, in the split's shared id spaces.
data::Dataset mergeParts(const data::Dataset& a, const data::Dataset& b) {
    std::vector<int64_t> offsets{0};
    std::vector<int32_t> items;
    std::vector<float> ratings;
    std::vector<int64_t> timestamps;
    for (int32_t u = 0; u < a.numUsers(); ++u) {
        for (const data::Dataset* d : {&a, &b}) {
            const auto it = d->userItems(u);
            const auto ra = d->userRatings(u);
            const auto ts = d->userTimestamps(u);
            items.insert(items.end(), it.begin(), it.end());
            ratings.insert(ratings.end(), ra.begin(), ra.end());
            timestamps.insert(timestamps.end(), ts.begin(), ts.end());
        }
        offsets.push_back(static_cast<int64_t>(items.size()));
    }
    auto r = data::Dataset::fromCsr(a.userIds(), a.itemIds(), std::move(offsets), std::move(items), std::move(ratings),
                                    std::move(timestamps), a.hasRatings() || b.hasRatings(),
                                    a.hasTimestamps() || b.hasTimestamps());
    return std::move(r).value();  // shapes are correct by construction
}

nlohmann::json sizes(const data::Dataset& d) {
    return {{"users", d.numUsers()}, {"items", d.numItems()}, {"interactions", d.numInteractions()}};
}

// Forwards a stage's progress with the stage name prefixed; shares the cancel flag.
util::Task subTask(const util::Task& task, std::string prefix) {
    util::Task t;
    t.cancel = task.cancel;
    if (task.progress)
        t.progress = [&task, prefix = std::move(prefix)](double f, std::string_view stage) {
            task.report(f, stage.empty() ? prefix : prefix + ": " + std::string(stage));
        };
    return t;
}

}  // namespace

util::Result<SplitSpec> parseSplitSpec(const std::string& text) {
    SplitSpec s;
    s.text = text;
    if (text == "loo") return s;
    if (text == "loo-val") {
        s.validation = true;
        return s;
    }
    if (text.rfind("ratio:", 0) == 0) {
        s.kind = SplitSpec::Kind::TemporalRatio;
        std::string rest = text.substr(6), second;
        if (auto colon = rest.find(':'); colon != std::string::npos) {
            second = rest.substr(colon + 1);
            rest = rest.substr(0, colon);
        }
        auto t = parseRatio(rest);
        if (!t || *t <= 0.0 || *t >= 1.0)
            return util::Error{"split '" + text + "': train ratio must be a number in (0, 1), got '" + rest + "'"};
        s.trainRatio = *t;
        if (!second.empty()) {
            auto v = parseRatio(second);
            if (!v || *v < 0.0 || *t + *v >= 1.0)
                return util::Error{"split '" + text +
                                   "': validation ratio must be >= 0 and leave room for test, got '" + second + "'"};
            s.validationRatio = *v;
        }
        return s;
    }
    return util::Error{"unknown split '" + text + "' (expected loo, loo-val or ratio:T[:V], e.g. ratio:0.8)"};
}

data::Dataset applyFilters(const data::Dataset& input, const ExperimentConfig& config, nlohmann::json* applied) {
    data::Dataset d = input;
    auto record = [&](const char* name, const nlohmann::json& value) {
        if (!applied) return;
        nlohmann::json f = sizes(d);
        f["name"] = name;
        if (!value.is_null()) f["value"] = value;
        applied->push_back(std::move(f));
    };
    if (config.dedupe) {
        d = data::dedupeInteractions(d);
        record("dedupe", nullptr);
    }
    if (config.minRating) {
        d = data::filterMinRating(d, *config.minRating);
        record("min-rating", *config.minRating);
    }
    if (config.kcore > 0) {
        d = data::filterKCore(d, config.kcore, config.kcore);
        record("kcore", config.kcore);
    }
    if (config.minUserInteractions > 0) {
        d = data::filterMinUserInteractions(d, config.minUserInteractions);
        record("min-user-interactions", config.minUserInteractions);
    }
    return d;
}

util::Result<PreparedData> prepareData(const data::Dataset& input, const ExperimentConfig& config,
                                       const util::Task& task) {
    PreparedData out;
    Protocol& p = out.protocol;
    p.dataset = config.datasetName;
    p.tieRule = config.eval.tieRule;
    p.seed = config.eval.seed;
    p.ks = config.eval.ks;

    task.report(0.0, "filter");
    data::Dataset d = applyFilters(input, config, &p.filters);
    if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
    if (d.numInteractions() == 0) return util::Error{"no interactions left after filtering"};
    p.data = sizes(d);
    p.items = d.numItems();

    task.report(0.5, "split");
    const SplitSpec& s = config.split;
    out.split = s.kind == SplitSpec::Kind::LeaveOneOut ? data::splitLeaveOneOut(d, s.validation)
                                                       : data::splitTemporalRatio(d, s.trainRatio, s.validationRatio);
    out.known = out.split.validation.numInteractions() > 0 ? mergeParts(out.split.train, out.split.validation)
                                                           : out.split.train;
    p.split = out.split.describe;
    p.split["spec"] = s.text;
    if (out.split.test.numInteractions() == 0)
        return util::Error{"split '" + s.text + "' left no test interactions (users need at least 2 interactions)"};
    task.report(1.0, "split");
    return out;
}

util::Result<std::unique_ptr<models::Recommender>> createConfiguredModel(
    const std::pair<std::string, models::Params>& spec, const EvalOptions& options) {
    auto model = models::createRecommender(spec.first, spec.second);
    if (!model) return model;
    const nlohmann::json defaults = (*model)->params();
    models::Params params = spec.second;
    bool changed = false;
    if (defaults.is_object() && defaults.contains("seed") && !params.count("seed")) {
        params["seed"] = std::to_string(options.seed);
        changed = true;
    }
    if (options.threads > 0 && defaults.is_object() && defaults.contains("threads") && !params.count("threads")) {
        params["threads"] = std::to_string(options.threads);
        changed = true;
    }
    return changed ? models::createRecommender(spec.first, params) : std::move(model);
}

util::Result<EvalReport> runExperiment(const data::Dataset& data, const ExperimentConfig& config,
                                       const util::Task& task,
                                       const std::function<void(const ModelResult&)>& onResult) {
    if (config.models.empty()) return util::Error{"no models to evaluate"};
    auto prepared = prepareData(data, config, subTask(task, "prepare"));
    if (!prepared) return prepared.status();
    PreparedData& pd = prepared.value();

    EvalReport report;
    report.protocol = pd.protocol;
    for (const auto& spec : config.models) {
        auto model = createConfiguredModel(spec, config.eval);
        if (!model) return model.status();
        models::Recommender& m = *model.value();

        const auto start = std::chrono::steady_clock::now();
        const util::Status fitted = m.fit(pd.split.train, subTask(task, "fit " + m.name()));
        if (!fitted.isOk()) {
            if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
            return util::Error{"fitting " + m.name() + ": " + fitted.message()};
        }
        const double fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        auto result = evaluateModel(m, pd.known, pd.split.test, config.eval, subTask(task, "eval " + m.name()));
        if (!result) return result.status();
        result->fitSeconds = fitSeconds;
        report.protocol.users = result->users;
        if (onResult) onResult(result.value());
        report.results.push_back(std::move(result).value());
    }
    return report;
}

}  // namespace rs::eval
