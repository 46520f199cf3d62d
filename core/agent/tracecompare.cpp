#include "agent/tracecompare.h"

#include "agent/executor.h"

namespace rs::agent {

namespace {

std::string shown(const std::string& s) {
    const std::string cut = utf8Prefix(s, 80);
    return "'" + cut + (cut.size() < s.size() ? "…'" : "'");
}

std::string shown(const nlohmann::json& j) {
    return shown(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

template <class T>
void same(std::vector<std::string>& out, const std::string& what, const T& recorded, const T& replayed) {
    if (recorded == replayed) return;
    if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, nlohmann::json>)
        out.push_back(what + " differs: recorded " + shown(recorded) + ", replayed " + shown(replayed));
    else
        out.push_back(what + " differs");
}

}  // namespace

std::vector<std::string> compareTurnTraces(const TurnTrace& a, const TurnTrace& b) {
    std::vector<std::string> out;
    same(out, "user text", a.user, b.user);
    same(out, "planner", a.planner, b.planner);
    same(out, "plan", a.plan, b.plan);
    same(out, "plan validation", a.planValidation, b.planValidation);
    same(out, "repairs", a.repairs, b.repairs);
    if (a.llmCalls.size() != b.llmCalls.size())
        out.push_back("LLM calls differ: recorded " + std::to_string(a.llmCalls.size()) + ", replayed " +
                      std::to_string(b.llmCalls.size()));
    for (size_t i = 0; i < std::min(a.llmCalls.size(), b.llmCalls.size()); ++i) {
        const auto &x = a.llmCalls[i], &y = b.llmCalls[i];
        const std::string call = "LLM call " + std::to_string(i + 1) + " (" + x.role + ")";
        same(out, call + " role", x.role, y.role);
        same(out, call + " request", x.request, y.request);
        same(out, call + " response", x.response, y.response);
        if (x.promptTokens != y.promptTokens || x.completionTokens != y.completionTokens)
            out.push_back(call + " tokens differ");
    }
    if (a.steps.size() != b.steps.size())
        out.push_back("steps differ: recorded " + std::to_string(a.steps.size()) + ", replayed " +
                      std::to_string(b.steps.size()));
    for (size_t i = 0; i < std::min(a.steps.size(), b.steps.size()); ++i) {
        const auto &x = a.steps[i], &y = b.steps[i];
        const std::string step = "step " + std::to_string(i) + " (" + x.tool + ")";
        same(out, step + " tool", x.tool, y.tool);
        same(out, step + " input", x.input, y.input);
        same(out, step + " output", x.output, y.output);
        same(out, step + " bus before", x.busBefore, y.busBefore);
        same(out, step + " bus after", x.busAfter, y.busAfter);
        same(out, step + " error", x.error, y.error);
    }
    same(out, "answer", a.answer, b.answer);
    same(out, "items", a.items, b.items);
    same(out, "errors", a.errors, b.errors);
    return out;
}

}  // namespace rs::agent
