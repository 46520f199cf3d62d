#include "agent/memoryextractor.h"

#include "agent/llmcall.h"

namespace rs::agent {

util::Result<UserProfile> extractProfileByLlm(llm::ChatClient& client, const PromptLibrary& prompts,
                                              std::string_view message, std::string_view history,
                                              std::vector<LlmCallTrace>& calls, const util::Task& task) {
    auto system = prompts.render(
        "memory", {{"history", history.empty() ? "(none)" : std::string(history)}, {"message", std::string(message)}});
    if (!system) return system.status();
    auto request = makeRequest(std::move(*system), std::string(message), /*jsonMode=*/true);
    request.maxTokens = 400;  // six short lists
    auto r = callLlm(client, request, "memory", calls, {}, task);
    if (!r) return util::Error{"memory: " + r.message()};
    auto j = firstJsonObject(r->content);
    if (!j) return util::Error{"memory: " + j.message()};
    auto p = UserProfile::fromJson(*j);
    if (!p) return util::Error{"memory: " + p.message()};
    return p;
}

}  // namespace rs::agent
