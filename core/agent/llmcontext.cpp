#include "agent/llmcontext.h"

#include <algorithm>

#include "agent/executor.h"
#include "util/text.h"

namespace rs::agent {

std::string conversationText(const std::vector<TurnTrace>& history, size_t turns) {
    std::string out;
    const size_t from = history.size() > turns ? history.size() - turns : 0;
    for (size_t i = from; i < history.size(); ++i) {
        if (!out.empty()) out += "\n";
        out += "User: " + history[i].user + "\nAssistant: " + utf8Prefix(history[i].answer, 600);
    }
    return out.empty() ? "(this is the first message)" : out;
}

std::string candidatesText(const CandidateBus& bus, const data::ItemCatalog& catalog, size_t limit) {
    if (!bus.active()) return "(none: a new request starts from the whole catalog)";
    std::string out = std::to_string(bus.size()) + " candidates, best first:";
    for (size_t i = 0; i < bus.size() && i < limit; ++i) out += (i ? "; " : " ") + catalog.title(bus.items()[i].row);
    if (bus.size() > limit) out += "; …";
    return out;
}

UserProfile extractProfileForCatalog(std::string_view message, const ToolsData& data) {
    RuleExtractorOptions o;
    for (const auto& [column, vocab] : data.tagVocabularies())
        o.attributeVocabulary.insert(o.attributeVocabulary.end(), vocab.values().begin(), vocab.values().end());
    const auto& matcher = data.matcher();
    o.isKnownTitle = [&](std::string_view t) {
        auto m = matcher.match(t, 1);
        return m && !m->empty() && m->front().score >= 0.9;
    };
    return extractProfileByRules(message, o);
}

std::vector<size_t> groundedRows(const std::vector<std::string>& titles, const ToolsData& data) {
    std::vector<size_t> rows;
    for (const auto& t : titles) {
        auto m = data.matcher().match(t, 1);
        if (m && !m->empty() && m->front().score >= 0.8) rows.push_back(m->front().row);
    }
    return rows;
}

size_t excludeDisliked(Plan& plan, const UserProfile& profile) {
    size_t added = 0;
    for (auto& step : plan.steps) {
        auto* rank = std::get_if<RankInput>(&step.typed);
        if (!rank || rank->disliked.fromStep) continue;
        for (const auto& item : profile.disliked.items) {
            auto& list = rank->disliked.titles;
            if (std::none_of(list.begin(), list.end(), [&](const std::string& s) { return util::iequals(s, item); })) {
                list.push_back(item);
                ++added;
            }
        }
        step.input = toJson(step)["input"];
    }
    return added;
}

std::string sanitizeUserText(std::string_view text, size_t maxBytes) {
    std::string user = utf8Prefix(std::string(text.substr(0, std::min(text.size(), maxBytes + 4))), maxBytes);
    if (!util::isValidUtf8(user)) user = util::latin1ToUtf8(user);
    return user;
}

}  // namespace rs::agent
