#pragma once
// Profile extraction by one cheap JSON-mode LLM call with the domain's "memory" prompt (the LLM
// counterpart of extractProfileByRules in profilememory.h). The call is recorded in calls with role
// "memory".
// Threading: as ChatClient (one client per thread).
#include <string_view>
#include <vector>

#include "agent/profilememory.h"
#include "agent/prompttemplates.h"
#include "agent/trace.h"
#include "llm/chatclient.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

// Fails on an LLM error or an answer that is not the profile JSON (naming the field); the caller
// then keeps the profile it had (and may fall back to the rules).
util::Result<UserProfile> extractProfileByLlm(llm::ChatClient& client, const PromptLibrary& prompts,
                                              std::string_view message, std::string_view history,
                                              std::vector<LlmCallTrace>& calls, const util::Task& task = {});

}  // namespace rs::agent
