#include "agent/demonstrations.h"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>

#include "index/tfidfembedder.h"
#include "util/text.h"

namespace rs::agent {

nlohmann::json Demonstration::shown() const {
    nlohmann::json j = plan;
    if (!answer.empty() && j.is_object()) j["answer"] = answer;
    return j;
}

util::Result<std::vector<Demonstration>> parseDemonstrations(std::string_view text, const std::string& source) {
    std::vector<Demonstration> out;
    int lineNo = 0;
    for (auto raw : util::split(text, '\n')) {
        ++lineNo;
        const auto line = util::trim(raw);
        if (line.empty() || line.front() == '#') continue;
        const std::string where = source + ":" + std::to_string(lineNo) + ": ";
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return util::Error{where + "not a JSON object"};
        Demonstration d;
        d.line = lineNo;
        if (!j.contains("request") || !j["request"].is_string() || j["request"].get<std::string>().empty())
            return util::Error{where + "field 'request' must be a non-empty string"};
        d.request = j["request"].get<std::string>();
        if (!j.contains("plan") || !j["plan"].is_object())
            return util::Error{where + "field 'plan' must be an object {\"intent\": ..., \"plan\": [...]}"};
        d.plan = j["plan"];
        if (!d.plan.contains("intent") || !d.plan["intent"].is_string())
            return util::Error{where + "field 'plan.intent' must be a string"};
        if (!d.plan.contains("plan") || !d.plan["plan"].is_array())
            return util::Error{where + "field 'plan.plan' must be an array of steps"};
        if (j.contains("answer")) {
            if (!j["answer"].is_string()) return util::Error{where + "field 'answer' must be a string"};
            d.answer = j["answer"].get<std::string>();
        }
        for (const auto& [key, value] : j.items())
            if (key != "request" && key != "plan" && key != "answer")
                return util::Error{where + "unknown field '" + key + "' (request, plan, answer)"};
        out.push_back(std::move(d));
    }
    return out;
}

util::Result<std::vector<Demonstration>> loadDemonstrations(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return util::Error{"cannot read demonstrations " + file.string()};
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseDemonstrations(ss.str(), file.string());
}

std::string formatDemonstrations(const std::vector<const Demonstration*>& demos) {
    if (demos.empty()) return "(none)";
    std::string out;
    for (const auto* d : demos) {
        if (!out.empty()) out += "\n\n";
        out += "User: " + d->request + "\nPlan: " + d->shown().dump();
    }
    return out;
}

util::Result<DemonstrationRetriever> DemonstrationRetriever::build(std::vector<Demonstration> demos,
                                                                   std::unique_ptr<index::Embedder> embedder,
                                                                   const util::Task& task) {
    if (demos.empty()) return util::Error{"no demonstrations to retrieve from"};
    if (!embedder) return util::Error{"no embedder for the demonstrations"};
    std::vector<std::string> requests;
    requests.reserve(demos.size());
    for (const auto& d : demos) requests.push_back(d.request);
    if (embedder->needsFit())
        if (auto s = embedder->fit(requests, task); !s)
            return util::Error{"demonstrations: fitting " + embedder->name() + ": " + s.message()};
    auto vectors = embedder->embed(requests, task);
    if (!vectors) return util::Error{"demonstrations: embedding with " + embedder->name() + ": " + vectors.message()};
    DemonstrationRetriever r;
    r.dim_ = embedder->dim();
    if (vectors->size() != demos.size() * static_cast<size_t>(r.dim_))
        return util::Error{"demonstrations: " + embedder->name() + " returned vectors of the wrong size"};
    index::l2NormalizeRows(*vectors, r.dim_);
    r.vectors_ = std::move(*vectors);
    r.demos_ = std::move(demos);
    r.embedder_ = std::move(embedder);
    return r;
}

util::Result<DemonstrationRetriever> DemonstrationRetriever::buildOffline(std::vector<Demonstration> demos) {
    index::TfidfOptions o;
    o.dim = 1024;
    o.threads = 1;  // a few dozen short requests: threads cost more than they save
    return build(std::move(demos), std::make_unique<index::TfidfEmbedder>(o));
}

util::Result<std::vector<ScoredDemonstration>> DemonstrationRetriever::nearest(std::string_view message, size_t k,
                                                                               const util::Task& task) const {
    k = std::min(k, demos_.size());
    std::vector<ScoredDemonstration> out;
    if (util::trim(message).empty()) {
        for (size_t i = 0; i < k; ++i) out.push_back({&demos_[i], 0.0f});
        return out;
    }
    const std::string text(message);
    auto q = embedder_->embed(std::span<const std::string>(&text, 1), task);
    if (!q) return util::Error{"demonstrations: embedding the message: " + q.message()};
    if (q->size() != static_cast<size_t>(dim_)) return util::Error{"demonstrations: message vector of the wrong size"};
    index::l2NormalizeRows(*q, dim_);
    std::vector<float> sims(demos_.size());
    for (size_t i = 0; i < demos_.size(); ++i) {
        const float* row = vectors_.data() + i * static_cast<size_t>(dim_);
        sims[i] = std::inner_product(row, row + dim_, q->data(), 0.0f);
    }
    std::vector<size_t> order(demos_.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sims[a] > sims[b]; });
    for (size_t i = 0; i < k; ++i) out.push_back({&demos_[order[i]], sims[order[i]]});
    return out;
}

}  // namespace rs::agent
