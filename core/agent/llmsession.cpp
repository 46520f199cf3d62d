#include "agent/llmsession.h"

namespace rs::agent {

util::Result<AgentResources> loadAgentResources(const std::string& domain, const std::filesystem::path& resourceDir) {
    auto prompts = PromptLibrary::load(resourceDir / "prompts", domain);
    if (!prompts) return prompts.status();
    AgentResources r{std::move(*prompts), nullptr, nullptr};
    const auto demoFile = resourceDir / "demos" / (domain + ".jsonl");
    std::error_code ec;
    if (std::filesystem::exists(demoFile, ec)) {
        auto list = loadDemonstrations(demoFile);
        if (!list) return list.status();
        auto retriever = DemonstrationRetriever::buildOffline(std::move(*list));
        if (!retriever) return retriever.status();
        r.demos = std::make_shared<const DemonstrationRetriever>(std::move(*retriever));
    }
    if (auto table = llm::PriceTable::load(resourceDir / "llm" / "prices.json"))
        r.prices = std::make_shared<const llm::PriceTable>(std::move(*table));
    return r;
}

util::Result<std::unique_ptr<LlmSession>> LlmSession::create(std::shared_ptr<const ToolsData> data,
                                                             const llm::EndpointProfile& profile,
                                                             const std::string& domain,
                                                             const std::filesystem::path& resourceDir,
                                                             LlmAgentOptions options) {
    auto resources = loadAgentResources(domain, resourceDir);
    if (!resources) return resources.status();
    auto tools = Tools::create(std::move(data));
    if (!tools) return tools.status();
    std::unique_ptr<LlmSession> s(new LlmSession());
    s->resources_ = std::move(*resources);
    s->tools_ = std::make_unique<Tools>(std::move(*tools));
    s->client_ = std::make_unique<llm::ChatClient>(profile, s->resources_.prices);
    s->agent_ = std::make_unique<LlmAgent>(*s->tools_, *s->client_, s->resources_.prompts, s->resources_.demos.get(),
                                           std::move(options));
    return s;
}

}  // namespace rs::agent
