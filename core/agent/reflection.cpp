#include "agent/reflection.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "agent/llmcall.h"
#include "util/text.h"

namespace rs::agent {

namespace {
std::optional<bool> verdictWord(std::string_view s) {
    s = util::trim(s);
    while (!s.empty() && (s.front() == '*' || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
    auto word = [&](std::string_view w) {
        return s.size() >= w.size() && util::iequals(s.substr(0, w.size()), w) &&
               (s.size() == w.size() || !std::isalpha(static_cast<unsigned char>(s[w.size()])));
    };
    if (word("yes")) return true;
    if (word("no")) return false;
    return std::nullopt;
}
}  // namespace

util::Result<Critique> parseCritique(std::string_view text) {
    if (auto j = firstJsonObject(text); j && j->is_object()) {
        auto v = j->find("verdict");
        if (v == j->end() || !v->is_string())
            return util::Error{"critic: the answer has no \"verdict\": \"Yes\" or \"No\""};
        auto verdict = verdictWord(v->get<std::string>());
        if (!verdict) return util::Error{"critic: verdict must be Yes or No, got '" + v->get<std::string>() + "'"};
        Critique c;
        c.satisfied = *verdict;
        if (auto cr = j->find("critique"); cr != j->end() && cr->is_string()) c.critique = cr->get<std::string>();
        if (c.satisfied) c.critique.clear();
        return c;
    }
    auto verdict = verdictWord(text);
    if (!verdict) return util::Error{"critic: the answer starts with neither Yes nor No"};
    Critique c;
    c.satisfied = *verdict;
    if (!c.satisfied) {
        std::string_view rest = util::trim(text);
        rest.remove_prefix(std::min<size_t>(rest.size(), rest.find_first_of(" \n,.:;-") == std::string_view::npos
                                                             ? rest.size()
                                                             : rest.find_first_of(" \n,.:;-")));
        while (!rest.empty() && std::string_view(" \n,.:;-").find(rest.front()) != std::string_view::npos)
            rest.remove_prefix(1);
        c.critique = std::string(util::trim(rest));
    }
    return c;
}

util::Result<Critique> runCritic(llm::ChatClient& client, const PromptLibrary& prompts, const CriticInput& in,
                                 std::vector<LlmCallTrace>& calls, const util::Task& task) {
    auto system = prompts.render("critic", {{"request", in.request},
                                            {"profile", in.profile},
                                            {"plan", in.plan},
                                            {"tool_log", in.toolLog},
                                            {"answer", in.answer}});
    if (!system) return system.status();
    auto request = makeRequest(std::move(*system), "Judge the answer: Yes or No, with a critique.", true);
    request.maxTokens = 300;
    auto r = callLlm(client, request, "critic", calls, {}, task);
    if (!r) return util::Error{"critic: " + r.message()};
    return parseCritique(r->content);
}

}  // namespace rs::agent
