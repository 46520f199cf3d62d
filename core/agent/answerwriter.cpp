#include "agent/answerwriter.h"

#include "agent/executor.h"
#include "agent/llmcall.h"

namespace rs::agent {

util::Result<std::string> writeAnswer(llm::ChatClient& client, const PromptLibrary& prompts, const WriterContext& c,
                                      const std::function<void(std::string_view)>& onToken,
                                      std::vector<LlmCallTrace>& calls, const util::Task& task) {
    auto orNone = [](const std::string& s) { return s.empty() ? std::string("(none)") : s; };
    auto system = prompts.render("writer", {{"request", c.request},
                                            {"profile", orNone(c.profile)},
                                            {"history", orNone(c.history)},
                                            {"tool_log", orNone(c.toolLog)},
                                            {"items", orNone(c.items)}});
    if (!system) return system.status();
    auto request = makeRequest(std::move(*system), c.request, /*jsonMode=*/false);
    request.temperature = 0.3;  // a little variety in wording; facts come from the prompt
    llm::TokenFn tokens = [&](const llm::StreamDelta& d) {
        if (d.kind == llm::StreamDelta::Kind::Content && onToken) onToken(d.text);
    };
    auto r = callLlm(client, request, "writer", calls, tokens, task);
    if (!r) return util::Error{"answer writer: " + r.message()};
    return r->content;
}

std::string writeAnswerOrItems(llm::ChatClient& client, const PromptLibrary& prompts, const WriterContext& ctx,
                               const std::function<void(std::string_view)>& onToken, TurnTrace& trace,
                               const util::Task& task, bool* written) {
    auto text = writeAnswer(client, prompts, ctx, onToken, trace.llmCalls, task);
    if (written) *written = text.isOk();
    if (text) return std::move(*text);
    trace.errors.push_back(text.message());
    // The results are still worth showing when the writer fails.
    std::string fallback = "(The answer writer failed: " + text.message() + ". The results were:)\n" + ctx.items;
    if (onToken) onToken(fallback);
    return fallback;
}

std::string formatToolLog(const std::vector<StepTrace>& steps, size_t maxOutputBytes) {
    std::string out;
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        if (!out.empty()) out += "\n";
        out += "step " + std::to_string(i) + " " + s.tool + " " + s.input.dump();
        if (!s.error.empty()) {
            out += "\n  -> ERROR: " + s.error;
            continue;
        }
        std::string o = s.output.dump();
        if (o.size() > maxOutputBytes)
            o = utf8Prefix(o, maxOutputBytes) + " … (output cut: " + std::to_string(o.size()) + " bytes in all)";
        out += "\n  -> " + o;
    }
    return out.empty() ? "(no tools were run)" : out;
}

std::string formatItems(const std::vector<StepTrace>& steps, std::vector<std::string>* ids) {
    const StepTrace* map = nullptr;
    for (const auto& s : steps)
        if (s.tool == "map" && s.error.empty()) map = &s;
    if (!map || !map->output.contains("items") || !map->output["items"].is_array() || map->output["items"].empty())
        return "(no items)";
    std::string out;
    int n = 0;
    for (const auto& it : map->output["items"]) {
        if (!it.is_object()) continue;
        if (ids && it.contains("item") && it["item"].is_string()) ids->push_back(it["item"].get<std::string>());
        out += (out.empty() ? "" : "\n") + std::to_string(++n) + ". " + it.value("title", std::string("?"));
        for (const auto& [k, v] : it.items()) {
            if (k == "item" || k == "title" || k == "score") continue;
            out += "; " + k + ": ";
            if (v.is_array()) {
                std::string list;
                for (const auto& e : v)
                    list += (list.empty() ? "" : ", ") + (e.is_string() ? e.get<std::string>() : e.dump());
                out += list;
            } else {
                out += v.is_string() ? v.get<std::string>() : v.dump();
            }
        }
    }
    return out;
}

}  // namespace rs::agent
