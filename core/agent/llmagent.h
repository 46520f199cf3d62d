#pragma once
// LlmAgent: one conversation with the LLM-driven agent over one dataset's tools.
//
// Plan-first turn (the default):
//   1. profile memory: the message's likes/dislikes/expectations (rules, or one "memory" LLM call
//      when options.llmMemory) merged into the conversation profile;
//   2. planner: ONE LLM call returns the plan JSON (LlmPlanCaller; one repair round-trip for an
//      invalid plan, then a clear failure message as the answer); chit-chat comes back answered in
//      that same call;
//   3. the Executor runs the plan on the conversation's CandidateBus (kept across turns, so
//      follow-ups refine the previous candidates); the profile's disliked items are removed by rank;
//   4. the answer writer: ONE LLM call streaming tokens to the caller, given the tool log and items;
//   5. optional reflection: a critic call; on "No" the turn re-plans with the critique (bus restored
//      to its state before the turn), at most options.maxReflections times.
// So a recommendation turn costs 2 LLM calls without reflection or LLM memory. ReAct mode
// (options.mode = React) instead makes one LLM call per tool step (reactagent.h).
// Every call, the plan, its validation, each step and the answer go into the turn's TurnTrace.
//
// Threading: one LlmAgent per conversation and thread; onToken runs on the calling thread.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/candidatebus.h"
#include "agent/demonstrations.h"
#include "agent/executor.h"
#include "agent/llmplanner.h"
#include "agent/profilememory.h"
#include "agent/prompttemplates.h"
#include "agent/tools.h"
#include "agent/trace.h"
#include "llm/chatclient.h"
#include "util/task.h"

namespace rs::agent {

enum class AgentMode { PlanFirst, React };

struct LlmAgentOptions {
    AgentMode mode = AgentMode::PlanFirst;
    LlmPlannerOptions planner;
    ExecutorOptions executor;
    bool reflection = false;  // run the critic after each answer
    int maxReflections = 1;   // re-plans on a "No" verdict
    bool llmMemory = false;   // extract the profile with an LLM call (else rules)
    size_t historyTurns = 3;  // earlier turns shown to the LLM
    int maxReactSteps = 8;    // ReAct: tool steps per turn before it must answer
    std::string table;        // the catalog description for the prompts; empty = describeTable() per turn
};

using TextFn = std::function<void(std::string_view)>;

class LlmAgent {
public:
    // Nothing is owned: tools, client, prompts and demos (may be nullptr) must outlive the agent.
    LlmAgent(Tools& tools, llm::ChatClient& client, const PromptLibrary& prompts, const DemonstrationRetriever* demos,
             LlmAgentOptions options = {});

    // One user turn: returns its trace (answer, items, calls, steps, errors). Never fails: LLM and
    // tool failures end in an answer that says what went wrong (and in trace.errors).
    TurnTrace turn(const std::string& message, const TextFn& onToken = {}, const util::Task& task = {});

    void setConversationId(std::string id) { conversation_ = std::move(id); }
    const std::string& conversationId() const { return conversation_; }
    // The profile the conversation starts from (e.g. the user's long-term profile).
    void setProfile(UserProfile profile) { profile_ = std::move(profile); }
    const UserProfile& profile() const { return profile_; }
    // What the last turn extracted from the message (for ProfileStore::recordTurn).
    const UserProfile& lastExtracted() const { return lastExtracted_; }
    const CandidateBus& bus() const { return bus_; }
    const LlmAgentOptions& options() const { return options_; }
    int turns() const { return turn_; }

    // Text pieces the prompts get (public for the ReAct loop and tests).
    std::string historyText() const;
    std::string candidatesText(size_t limit = 20) const;
    ProfileHints profileHints() const;

private:
    friend class ReactLoop;
    void updateProfile(const std::string& message, TurnTrace& trace, const util::Task& task);
    void planFirstTurn(const std::string& message, TurnTrace& trace, const TextFn& onToken, const util::Task& task);
    // Writes the answer for an executed plan (writer call); false when the writer failed.
    bool writeFromSteps(const std::string& message, TurnTrace& trace, const TextFn& onToken, const util::Task& task);
    std::string tableFor(const std::string& message) const;

    Tools& tools_;
    llm::ChatClient& client_;
    const PromptLibrary& prompts_;
    const DemonstrationRetriever* demos_;
    LlmAgentOptions options_;
    CandidateBus bus_;
    UserProfile profile_, lastExtracted_;
    std::vector<TurnTrace> history_;
    std::string conversation_;
    int turn_ = 0;
};

}  // namespace rs::agent
