#pragma once
// What an LLM conversation needs, loaded and owned in one place: the domain's prompts and
// demonstrations, the price table, a ChatClient for the endpoint profile, the tools over one
// dataset, and the LlmAgent over them (llmagent.h: plan-first or ReAct, reflection, LLM memory).
// The CLI's `chat --profile` and the workbench's chat panel make their conversations here.
//
// Resources come from resourceDir (agent::defaultResourceDir()): prompts/<domain>/ (required),
// demos/<domain>.jsonl (optional: without it the prompt has no examples), llm/prices.json
// (optional: without it costs are 0). Errors name the missing file or domain.
// Threading: like LlmAgent, one thread at a time.
#include <filesystem>
#include <memory>
#include <string>

#include "agent/demonstrations.h"
#include "agent/llmagent.h"
#include "agent/prompttemplates.h"
#include "agent/tools.h"
#include "llm/chatclient.h"
#include "llm/pricetable.h"
#include "llm/profile.h"
#include "util/status.h"

namespace rs::agent {

struct AgentResources {
    PromptLibrary prompts;
    std::shared_ptr<const DemonstrationRetriever> demos;  // null when the domain has none
    std::shared_ptr<const llm::PriceTable> prices;        // null when there is no price table
};

util::Result<AgentResources> loadAgentResources(const std::string& domain, const std::filesystem::path& resourceDir);

class LlmSession {
public:
    static util::Result<std::unique_ptr<LlmSession>> create(std::shared_ptr<const ToolsData> data,
                                                            const llm::EndpointProfile& profile,
                                                            const std::string& domain,
                                                            const std::filesystem::path& resourceDir,
                                                            LlmAgentOptions options = {});
    LlmAgent& agent() { return *agent_; }
    llm::ChatClient& client() { return *client_; }

private:
    LlmSession() = default;
    // Declaration order is destruction order in reverse: the agent goes first.
    AgentResources resources_;
    std::unique_ptr<Tools> tools_;
    std::unique_ptr<llm::ChatClient> client_;
    std::unique_ptr<LlmAgent> agent_;
};

}  // namespace rs::agent
