#include "agent/llmagent.h"

#include "agent/answerwriter.h"
#include "agent/conversation.h"
#include "agent/llmcall.h"
#include "agent/llmcontext.h"
#include "agent/memoryextractor.h"
#include "agent/reactagent.h"
#include "agent/reflection.h"
#include "agent/tabledescription.h"
#include "index/titlematcher.h"

namespace rs::agent {

LlmAgent::LlmAgent(Tools& tools, llm::ChatClient& client, const PromptLibrary& prompts,
                   const DemonstrationRetriever* demos, LlmAgentOptions options)
    : tools_(tools), client_(client), prompts_(prompts), demos_(demos), options_(std::move(options)) {}

std::string LlmAgent::historyText() const {
    return conversationText(history_, options_.historyTurns);
}

std::string LlmAgent::candidatesText(size_t limit) const {
    return agent::candidatesText(bus_, tools_.data().catalog(), limit);
}

ProfileHints LlmAgent::profileHints() const {
    ProfileHints hints;
    hints.liked = groundedRows(profile_.liked.items, tools_.data());
    hints.disliked = groundedRows(profile_.disliked.items, tools_.data());
    return hints;
}

void LlmAgent::updateProfile(const std::string& message, TurnTrace& trace, const util::Task& task) {
    lastExtracted_ = {};
    if (options_.llmMemory) {
        auto p = extractProfileByLlm(client_, prompts_, message, historyText(), trace.llmCalls, task);
        if (p) {
            lastExtracted_ = std::move(*p);
            profile_.merge(lastExtracted_);
            return;
        }
        trace.errors.push_back(p.message() + " (the profile was read by rules instead)");
    }
    lastExtracted_ = extractProfileForCatalog(message, tools_.data());
    profile_.merge(lastExtracted_);
}

std::string LlmAgent::tableFor(const std::string& message) const {
    if (!options_.table.empty()) return options_.table;
    TableDescriptionOptions o;
    o.userText = message;
    return describeTable(tools_.data(), tools_.sql().columns(), o);
}

TurnTrace LlmAgent::turn(const std::string& message, const TextFn& onToken, const util::Task& task) {
    TurnTrace trace;
    trace.conversation = conversation_;
    trace.turn = ++turn_;
    trace.user = sanitizeUserText(message, kMaxUserBytes);
    const std::string& text = trace.user;
    trace.planner = client_.profile().name.empty() ? client_.profile().model : client_.profile().name;
    updateProfile(text, trace, task);
    if (options_.mode == AgentMode::React)
        ReactLoop(*this).run(text, trace, onToken, task);
    else
        planFirstTurn(text, trace, onToken, task);
    history_.push_back(trace);
    return trace;
}

void LlmAgent::planFirstTurn(const std::string& message, TurnTrace& trace, const TextFn& onToken,
                             const util::Task& task) {
    auto say = [&](const std::string& text) {
        trace.answer = text;
        if (onToken) onToken(text);
    };
    LlmPlanCaller planner(client_, prompts_, demos_, options_.planner);
    Executor executor(tools_, options_.executor);
    const CandidateBus before = bus_;
    std::string critique;
    for (int round = 0;; ++round) {
        PlannerContext ctx{message, tableFor(message), candidatesText(), profile_.describe(), historyText(), critique};
        PlannerOutcome outcome = planner.plan(ctx, trace, task);
        if (!outcome.ok()) {
            trace.errors.push_back(outcome.error);
            say("Sorry, I could not work out how to answer that. " + outcome.error);
            return;
        }
        excludeDisliked(*outcome.plan, profile_);
        if (outcome.plan->intent == Intent::Chitchat) {
            if (!outcome.directAnswer.empty()) return say(outcome.directAnswer);
            // The planner gave no reply with its chit-chat plan: one more call with the chit-chat prompt.
            auto system = prompts_.render("chitchat", {{"profile", profile_.describe()}, {"history", historyText()}});
            if (!system) return say("Hello! " + system.message());
            llm::TokenFn tokens = [&](const llm::StreamDelta& d) {
                if (d.kind == llm::StreamDelta::Kind::Content && onToken) onToken(d.text);
            };
            auto r = callLlm(client_, makeRequest(std::move(*system), message, false), "writer", trace.llmCalls, tokens,
                             task);
            if (!r) trace.errors.push_back("chit-chat: " + r.message());
            trace.answer = r ? r->content : "Sorry, I could not reply just now (" + r.message() + ").";
            if (!r && onToken) onToken(trace.answer);
            return;
        }
        ExecutionResult result = executor.run(*outcome.plan, bus_, profileHints(), task);
        trace.steps = std::move(result.steps);
        trace.items = result.items;
        for (auto& e : result.errors) trace.errors.push_back(std::move(e));
        if (result.cancelled) return say(std::string(util::kCancelledMessage));
        if (round > 0 && onToken) onToken("\n\n[revised after review]\n\n");
        if (!writeFromSteps(message, trace, onToken, task)) return;
        if (!options_.reflection || round >= options_.maxReflections) return;

        CriticInput in{message, profile_.describe(), trace.plan.dump(), formatToolLog(trace.steps), trace.answer};
        auto verdict = runCritic(client_, prompts_, in, trace.llmCalls, task);
        if (!verdict) {
            trace.errors.push_back(verdict.message());
            return;
        }
        if (verdict->satisfied) return;
        critique = verdict->critique.empty() ? "the answer does not satisfy the request" : verdict->critique;
        bus_ = before;  // the re-plan starts from the candidates the turn began with
    }
}

bool LlmAgent::writeFromSteps(const std::string& message, TurnTrace& trace, const TextFn& onToken,
                              const util::Task& task) {
    std::vector<std::string> ids;
    WriterContext w{message, profile_.describe(), historyText(), formatToolLog(trace.steps),
                    formatItems(trace.steps, &ids)};
    bool written = false;
    trace.answer = writeAnswerOrItems(client_, prompts_, w, onToken, trace, task, &written);
    return written;
}

}  // namespace rs::agent
