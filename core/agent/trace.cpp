#include "agent/trace.h"

#include <cstdio>

#include "llm/chatmessage.h"

namespace rs::agent {

using nlohmann::json;

void LlmCallTrace::setStats(const llm::CallStats& stats) {
    promptTokens = stats.promptTokens;
    completionTokens = stats.completionTokens;
    latencyMs = stats.latencySeconds * 1000.0;
    ttftMs = stats.firstTokenSeconds < 0 ? -1.0 : stats.firstTokenSeconds * 1000.0;
    retries = stats.retries;
    cost = stats.costUsd;
}

json TurnTrace::toJson() const {
    json calls = json::array();
    for (const auto& c : llmCalls)
        calls.push_back({{"role", c.role},
                         {"request", c.request},
                         {"response", c.response},
                         {"prompt_tokens", c.promptTokens},
                         {"completion_tokens", c.completionTokens},
                         {"latency_ms", c.latencyMs},
                         {"ttft_ms", c.ttftMs},
                         {"retries", c.retries},
                         {"cost", c.cost}});
    json stepsJson = json::array();
    for (const auto& s : steps)
        stepsJson.push_back({{"tool", s.tool},
                             {"input", s.input},
                             {"output", s.output},
                             {"bus_before", s.busBefore},
                             {"bus_after", s.busAfter},
                             {"ms", s.ms},
                             {"error", s.error}});
    return {{"conversation", conversation},
            {"turn", turn},
            {"user", user},
            {"planner", planner},
            {"llm_calls", calls},
            {"plan", plan},
            {"plan_validation", planValidation},
            {"repairs", repairs},
            {"steps", stepsJson},
            {"answer", answer},
            {"items", items},
            {"errors", errors}};
}

util::Result<TurnTrace> TurnTrace::fromJson(const json& j) {
    // nlohmann throws on a wrong type; the message is turned into one naming the field.
    std::string field = "(root)";
    try {
        if (!j.is_object()) return util::Error{"turn trace: expected a JSON object"};
        TurnTrace t;
        auto get = [&](const json& obj, const char* key, auto& out) {
            field = key;
            if (auto it = obj.find(key); it != obj.end() && !it->is_null()) it->get_to(out);
        };
        get(j, "conversation", t.conversation);
        get(j, "turn", t.turn);
        get(j, "user", t.user);
        get(j, "planner", t.planner);
        field = "plan";
        if (auto it = j.find("plan"); it != j.end()) t.plan = *it;
        get(j, "plan_validation", t.planValidation);
        get(j, "repairs", t.repairs);
        get(j, "answer", t.answer);
        get(j, "items", t.items);
        get(j, "errors", t.errors);
        if (auto it = j.find("llm_calls"); it != j.end()) {
            for (const auto& c : *it) {
                LlmCallTrace call;
                get(c, "role", call.role);
                field = "llm_calls.request";
                if (auto r = c.find("request"); r != c.end()) call.request = *r;
                get(c, "response", call.response);
                get(c, "prompt_tokens", call.promptTokens);
                get(c, "completion_tokens", call.completionTokens);
                get(c, "latency_ms", call.latencyMs);
                get(c, "ttft_ms", call.ttftMs);
                get(c, "retries", call.retries);
                get(c, "cost", call.cost);
                t.llmCalls.push_back(std::move(call));
            }
        }
        if (auto it = j.find("steps"); it != j.end()) {
            for (const auto& s : *it) {
                StepTrace step;
                get(s, "tool", step.tool);
                field = "steps";
                if (s.contains("input")) step.input = s["input"];
                if (s.contains("output")) step.output = s["output"];
                if (s.contains("bus_before")) step.busBefore = s["bus_before"];
                if (s.contains("bus_after")) step.busAfter = s["bus_after"];
                get(s, "ms", step.ms);
                get(s, "error", step.error);
                t.steps.push_back(std::move(step));
            }
        }
        return t;
    } catch (const json::exception& e) {
        return util::Error{"turn trace: field \"" + field + "\": " + e.what()};
    }
}

std::string TurnTrace::summary() const {
    std::string out = "[" + (planner == "builtin" ? std::string("Built-in planner (no LLM)") : planner) + "] turn " +
                      std::to_string(turn) + ", " + std::to_string(llmCalls.size()) + " LLM call(s)";
    if (repairs > 0) out += ", " + std::to_string(repairs) + " repair(s)";
    out += "\n";
    if (plan.is_object() && plan.contains("intent")) out += "  intent: " + plan["intent"].dump() + "\n";
    char buf[64];
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        std::snprintf(buf, sizeof buf, "%.2f ms", s.ms);
        std::string input = s.input.dump(-1, ' ', false, json::error_handler_t::replace);
        if (input.size() > 120) input = input.substr(0, 117) + "...";
        out += "  " + std::to_string(i) + ". " + s.tool + " " + input + " -> " + std::to_string(s.busAfter.size()) +
               " candidates (" + buf + ")";
        if (!s.error.empty()) out += " ERROR: " + s.error;
        out += "\n";
    }
    for (const auto& e : errors) out += "  error: " + e + "\n";
    return out;
}

}  // namespace rs::agent
