#include "agent/reactagent.h"

#include "agent/answerwriter.h"
#include "agent/llmcall.h"

namespace rs::agent {

void ReactLoop::run(const std::string& message, TurnTrace& trace, const TextFn& onToken, const util::Task& task) {
    LlmAgent& a = agent_;
    auto say = [&](const std::string& text) {
        trace.answer = text;
        if (onToken) onToken(text);
    };
    Executor executor(a.tools_, a.options_.executor);
    const ProfileHints hints = a.profileHints();
    std::string scratchpad;
    int toolSteps = 0;
    bool started = false;  // a bus-changing step ran (the bus was reset or refined)
    nlohmann::json planSteps = nlohmann::json::array();
    // Tool steps plus replies that were not usable; bounded so a model that never answers ends.
    for (int calls = 0; calls < a.options_.maxReactSteps + 3; ++calls) {
        const bool mustAnswer = toolSteps >= a.options_.maxReactSteps;
        std::string pad = scratchpad.empty() ? "(none yet)" : scratchpad;
        if (mustAnswer) pad += "\n\nNo tool steps are left: reply with {\"answer\": ...} now.";
        auto system = a.prompts_.render("react_step", {{"table", a.tableFor(message)},
                                                       {"candidates", a.candidatesText()},
                                                       {"profile", a.profile_.describe()},
                                                       {"history", a.historyText()},
                                                       {"request", message},
                                                       {"scratchpad", pad},
                                                       {"max_steps", std::to_string(a.options_.maxReactSteps)}});
        if (!system) return say("Sorry, the step prompt is broken: " + system.message());
        auto request = makeRequest(std::move(*system), message, /*jsonMode=*/true);
        request.maxTokens = 800;
        auto r = callLlm(a.client_, request, "step", trace.llmCalls, {}, task);
        if (!r) {
            trace.errors.push_back("step LLM call: " + r.message());
            return say("Sorry, I could not finish that: the LLM call failed (" + r.message() + ").");
        }
        auto j = firstJsonObject(r->content);
        if (!j || !j->is_object()) {
            scratchpad += "\n- your reply was not a JSON object (" + (j ? std::string("not an object") : j.message()) +
                          "); reply with one JSON object";
            continue;
        }
        if (auto ans = j->find("answer"); ans != j->end() && ans->is_string()) {
            trace.plan = {{"intent", toolSteps ? "recommend" : "chitchat"}, {"plan", planSteps}};
            return say(ans->get<std::string>());
        }
        if (mustAnswer) break;
        ++toolSteps;
        nlohmann::json step = {{"tool", j->value("tool", nlohmann::json())},
                               {"input", j->value("input", nlohmann::json::object())}};
        // One step checked as a plan of its own ("lookup" intent: no order rules beyond map-last).
        const PlanParse parsed = parsePlan({{"intent", "lookup"}, {"plan", {step}}});
        if (!parsed.ok()) {
            std::string errs;
            for (const auto& e : parsed.errors) errs += (errs.empty() ? "" : "; ") + e;
            for (const auto& e : parsed.errors) trace.planValidation.push_back(e);
            scratchpad += "\n- step " + std::to_string(toolSteps - 1) + " " + step.dump() + " -> INVALID: " + errs;
            continue;
        }
        Plan one = *parsed.plan;
        const bool changesBus = step["tool"] != "lookup" && step["tool"] != "map";
        if (changesBus && !started) {
            if (!j->value("refine", false)) a.bus_.reset();
            started = true;
        }
        one.refine = true;  // the reset decision was made above, once per turn
        ExecutionResult res = executor.run(one, a.bus_, hints, task);
        planSteps.push_back(step);
        for (auto& e : res.errors) trace.errors.push_back(e);
        if (!res.items.empty()) trace.items = res.items;
        for (auto& s : res.steps) {
            scratchpad += "\n" + formatToolLog({s}).replace(0, 6, "- step " + std::to_string(toolSteps - 1));
            trace.steps.push_back(std::move(s));
        }
        if (res.cancelled) return say(std::string(util::kCancelledMessage));
    }
    trace.plan = {{"intent", "recommend"}, {"plan", planSteps}};
    trace.errors.push_back("the step-by-step agent did not give an answer within " +
                           std::to_string(a.options_.maxReactSteps) + " steps");
    say("I could not finish this within the step limit. What I found so far:\n" + formatItems(trace.steps));
}

}  // namespace rs::agent
