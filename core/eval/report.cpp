#include "eval/report.h"

#include <algorithm>
#include <cstdio>
#include <exception>

#include "eval/metrics.h"

namespace rs::eval {

namespace {
// Spelled out in every protocol so a results file says how its ranks were computed.
std::string rankRuleText(TieRule r) {
    const std::string base = "rank = 1 + candidates scoring strictly higher";
    switch (r) {
        case TieRule::Pessimistic:
            return base + " + all candidates with an equal score";
        case TieRule::Optimistic:
            return base + " (candidates with an equal score rank behind)";
        case TieRule::Random:
            return base + " + a seeded uniform draw from 0..(candidates with an equal score)";
    }
    return base;
}
}  // namespace

nlohmann::json Protocol::toJson() const {
    return {{"dataset", dataset},
            {"filters", filters},
            {"split", split},
            {"candidates", candidates},
            {"tie_rule", std::string(tieRuleName(tieRule))},
            {"rank_rule", rankRuleText(tieRule)},
            {"users", users},
            {"items", items},
            {"seed", seed},
            {"k", ks},
            {"metrics", metricFamilies()},
            {"data", data}};
}

util::Result<Protocol> Protocol::fromJson(const nlohmann::json& j) {
    try {
        Protocol p;
        p.dataset = j.at("dataset").get<std::string>();
        p.filters = j.value("filters", nlohmann::json::array());
        p.split = j.value("split", nlohmann::json::object());
        p.candidates = j.value("candidates", p.candidates);
        const auto tie = tieRuleFromName(j.at("tie_rule").get<std::string>());
        if (!tie) return util::Error{"protocol: unknown tie_rule '" + j.at("tie_rule").get<std::string>() + "'"};
        p.tieRule = *tie;
        p.users = j.at("users").get<int64_t>();
        p.items = j.value("items", int64_t{0});
        p.seed = j.value("seed", uint64_t{42});
        p.ks = j.at("k").get<std::vector<int>>();
        p.data = j.value("data", nlohmann::json::object());
        return p;
    } catch (const std::exception& e) {
        return util::Error{std::string("protocol: ") + e.what()};
    }
}

nlohmann::json EvalReport::toJson(bool withRanks) const {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : results) rows.push_back(r.toJson(withRanks));
    return {{"protocol", protocol.toJson()}, {"results", rows}};
}

util::Result<EvalReport> EvalReport::fromJson(const nlohmann::json& j) {
    EvalReport report;
    if (!j.is_object() || !j.contains("protocol") || !j.contains("results"))
        return util::Error{"evaluation report: expected an object with 'protocol' and 'results'"};
    auto p = Protocol::fromJson(j["protocol"]);
    if (!p) return p.status();
    report.protocol = std::move(p).value();
    try {
        for (const auto& row : j.at("results")) {
            ModelResult r;
            r.model = row.at("model").get<std::string>();
            r.params = row.value("params", nlohmann::json::object());
            r.metrics = row.at("metrics").get<std::map<std::string, double>>();
            if (row.contains("ci95"))
                for (const auto& [name, v] : row["ci95"].items())
                    r.ci95[name] = {v.at(0).get<double>(), v.at(1).get<double>()};
            r.fitSeconds = row.value("fit_seconds", 0.0);
            r.evalSeconds = row.value("eval_seconds", 0.0);
            r.users = row.value("users", int64_t{0});
            if (row.contains("per_user_ranks"))
                for (const auto& u : row["per_user_ranks"])
                    r.perUser.push_back({u.at("user").get<int32_t>(), u.at("ranks").get<std::vector<int64_t>>()});
            report.results.push_back(std::move(r));
        }
    } catch (const std::exception& e) {
        return util::Error{std::string("evaluation report: results: ") + e.what()};
    }
    return report;
}

std::string EvalReport::toTable() const {
    std::vector<std::string> header{"model"};
    for (int k : protocol.ks)
        for (const auto& f : metricFamilies()) header.push_back(f + "@" + std::to_string(k));
    header.push_back("fit_s");
    header.push_back("eval_s");

    std::vector<std::vector<std::string>> rows;
    char buf[64];
    for (const auto& r : results) {
        std::vector<std::string> row{r.model};
        for (size_t c = 1; c + 2 < header.size(); ++c) {
            auto it = r.metrics.find(header[c]);
            std::snprintf(buf, sizeof buf, "%.4f", it == r.metrics.end() ? 0.0 : it->second);
            row.emplace_back(buf);
        }
        std::snprintf(buf, sizeof buf, "%.2f", r.fitSeconds);
        row.emplace_back(buf);
        std::snprintf(buf, sizeof buf, "%.2f", r.evalSeconds);
        row.emplace_back(buf);
        rows.push_back(std::move(row));
    }
    std::vector<size_t> width(header.size());
    for (size_t c = 0; c < header.size(); ++c) {
        width[c] = header[c].size();
        for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
    }
    // Model names left-aligned, numbers right-aligned so decimal points line up.
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(width[c] - cells[c].size(), ' ');
            if (c > 0) s += "  ";
            s += c == 0 ? cells[c] + pad : pad + cells[c];
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        return s + "\n";
    };
    std::string out = line(header);
    for (const auto& row : rows) out += line(row);
    return out;
}

}  // namespace rs::eval
