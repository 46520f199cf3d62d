#pragma once
// LlmPlanCaller: the plan-first planner's LLM side. One JSON-mode call with the domain's "planner"
// prompt (tool descriptions, plan format, table description, the k nearest demonstrations, the user
// profile, the current candidates and the recent conversation) returns the plan JSON, validated
// by parsePlan. An invalid plan gets exactly one repair round-trip (the validation errors sent
// back with repairMessage()); a plan still invalid after it ends the turn with a clear failure
// that lists the errors. A chit-chat reply comes back in the same call ("answer" next to the empty
// plan), so greetings cost one call.
//
// Every call is recorded in the turn trace (role "planner"); the plan, its validation errors and
// the number of repairs too.
// Threading: one per conversation and thread (it uses one ChatClient).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent/conversation.h"
#include "agent/demonstrations.h"
#include "agent/plan.h"
#include "agent/profilememory.h"
#include "agent/prompttemplates.h"
#include "agent/trace.h"
#include "llm/chatclient.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

// What the planner prompt is filled with; all plain text.
struct PlannerContext {
    std::string request;     // the user's message
    std::string table;       // the catalog description (columns, types, statistics, values)
    std::string candidates;  // the current bus, e.g. "12 candidates from earlier turns: ...", or "(none)"
    std::string profile;     // UserProfile::describe()
    std::string history;     // recent turns, "User: …\nAssistant: …"
    std::string critique;    // reflection: the critic's complaint about the previous attempt
};

struct PlannerOutcome {
    std::optional<Plan> plan;  // set on success
    std::string directAnswer;  // chit-chat: the reply given with the (empty) plan
    std::string error;         // set on failure: what went wrong, fit to show the user
    bool ok() const { return plan.has_value(); }
};

struct LlmPlannerOptions {
    size_t demonstrations = 4;  // nearest demonstrations shown in the prompt
    int maxRepairs = 1;         // repair round-trips for an invalid plan
    std::optional<int> maxTokens = 800;
};

class LlmPlanCaller {
public:
    // prompts and demos are not owned and must outlive the caller; demos may be nullptr (no examples).
    LlmPlanCaller(llm::ChatClient& client, const PromptLibrary& prompts, const DemonstrationRetriever* demos,
                  LlmPlannerOptions options = {})
        : client_(client), prompts_(prompts), demos_(demos), options_(options) {}

    // Plans one turn. LLM errors, template errors and invalid plans end in an outcome with error
    // set (never a crash); trace gets the calls, plan, plan_validation and repairs (the caller
    // decides where the error goes).
    PlannerOutcome plan(const PlannerContext& context, TurnTrace& trace, const util::Task& task = {});

    // The rendered system prompt for context (for tests and the trace viewer).
    util::Result<std::string> systemPrompt(const PlannerContext& context, const util::Task& task = {}) const;

private:
    llm::ChatClient& client_;
    const PromptLibrary& prompts_;
    const DemonstrationRetriever* demos_;
    LlmPlannerOptions options_;
};

// LlmPlanner: the plan-first LLM planner behind Conversation's Planner interface (what
// `recscope-cli chat --profile NAME` runs). plan(): the profile is updated from the message by rules,
// then one planner call (LlmPlanCaller; one repair); the profile's disliked items are added to every
// rank step. answer(): chit-chat gets the reply that came with the plan (no second call); anything
// else one streamed writer call over the tool log and items. So 2 calls per recommendation turn.
// Reflection and the ReAct mode need control over execution and live in LlmAgent.
class LlmPlanner final : public Planner {
public:
    // demos may be nullptr (no examples in the prompt).
    LlmPlanner(std::unique_ptr<llm::ChatClient> client, PromptLibrary prompts,
               std::shared_ptr<const DemonstrationRetriever> demos, LlmPlannerOptions options = {});

    std::string name() const override;
    util::Result<Plan> plan(const TurnContext& ctx, TurnTrace& trace, const util::Task& task) override;
    std::string answer(const TurnContext& ctx, const Plan& plan, const ExecutionResult& result, TurnTrace& trace,
                       const util::Task& task) override;

    // Receives the answer's tokens as they stream (chit-chat and failures: the whole text once).
    void setTokenSink(std::function<void(std::string_view)> sink) { sink_ = std::move(sink); }
    void setProfile(UserProfile profile) { profile_ = std::move(profile); }
    const UserProfile& profile() const { return profile_; }
    const UserProfile& lastExtracted() const { return lastExtracted_; }
    llm::ChatClient& client() { return *client_; }

private:
    std::unique_ptr<llm::ChatClient> client_;
    PromptLibrary prompts_;
    std::shared_ptr<const DemonstrationRetriever> demos_;
    LlmPlannerOptions options_;
    UserProfile profile_, lastExtracted_;
    std::string directAnswer_;
    std::function<void(std::string_view)> sink_;
};

// Loads the domain's prompts (resourceDir/prompts/<domain>/) and demonstrations
// (resourceDir/demos/<domain>.jsonl, optional: without it the prompt has no examples) and the price
// table (resourceDir/llm/prices.json, optional), and makes a planner talking to profile. Errors name
// the missing file or domain.
util::Result<std::unique_ptr<LlmPlanner>> makeLlmPlanner(const llm::EndpointProfile& profile, const std::string& domain,
                                                         const std::filesystem::path& resourceDir,
                                                         LlmPlannerOptions options = {});

// Splits an LLM planner answer into the plan JSON (intent + plan) and the chit-chat "answer" (and
// drops a "thought" the model may add); then validates the plan. Errors are repair-ready sentences.
struct ParsedPlannerAnswer {
    PlanParse parse;
    std::string answer;
};
ParsedPlannerAnswer parsePlannerAnswer(std::string_view text);

}  // namespace rs::agent
