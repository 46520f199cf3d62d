#pragma once
// Reflection: a critic LLM call judges a turn's answer against the request and the tool log
// ("critic" prompt). On "No" the turn re-plans with the critique (the LLM planner does this, at
// most AgentOptions::maxReflections times).
// Threading: as ChatClient (one client per thread).
#include <string>
#include <string_view>
#include <vector>

#include "agent/prompttemplates.h"
#include "agent/trace.h"
#include "llm/chatclient.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

struct Critique {
    bool satisfied = true;  // "Yes"
    std::string critique;   // why not, and how to change the plan (empty for Yes)
};

// The critic's answer: {"verdict": "Yes"|"No", "critique": "..."} or text starting with Yes/No
// (case-insensitive, punctuation after it allowed) followed by the critique. Anything else fails.
util::Result<Critique> parseCritique(std::string_view text);

struct CriticInput {
    std::string request, profile, plan, toolLog, answer;
};

// One critic call (JSON mode) recorded in calls with role "critic".
util::Result<Critique> runCritic(llm::ChatClient& client, const PromptLibrary& prompts, const CriticInput& input,
                                 std::vector<LlmCallTrace>& calls, const util::Task& task = {});

}  // namespace rs::agent
