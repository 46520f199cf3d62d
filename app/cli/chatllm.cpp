#include "chatllm.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "agent/prompttemplates.h"
#include "llm/profilestore.h"

namespace rs::cli {

util::Result<std::unique_ptr<agent::LlmSession>> makeChatSession(
    const std::string& profileName, const std::string& profilesFile, const std::string& projectFile,
    const std::string& domain, std::shared_ptr<const agent::ToolsData> data, agent::LlmAgentOptions options) {
    llm::ProfileSet set;
    if (!profilesFile.empty()) {
        std::ifstream in(profilesFile, std::ios::binary);
        if (!in) return util::Error{"cannot read " + profilesFile};
        std::ostringstream ss;
        ss << in.rdbuf();
        auto parsed = llm::parseProfileSet(ss.str());
        if (!parsed) return util::Error{profilesFile + ": " + parsed.message()};
        set = std::move(*parsed);
    } else if (!projectFile.empty()) {
        auto project = store::ProjectStore::open(projectFile, /*readOnly=*/true);
        if (!project) return project.status();
        auto stored = llm::loadProfiles(*project);
        if (!stored) return stored.status();
        set = std::move(*stored);
    }
    auto profile = set.find(profileName);
    if (!profile)
        return util::Error{"unknown LLM profile '" + profileName +
                           "' (give --profiles FILE, store profiles with `recscope-cli llm profiles`, or use a "
                           "preset: recscope-cli llm presets)"};
    if (profile->model.empty()) return util::Error{"LLM profile '" + profileName + "' names no model"};
    return agent::LlmSession::create(std::move(data), *profile, domain, agent::defaultResourceDir(),
                                     std::move(options));
}

util::Result<std::unique_ptr<ChatTraceSaver>> ChatTraceSaver::open(const std::string& projectFile,
                                                                   const agent::ConversationInfo& info) {
    auto project = store::ProjectStore::open(projectFile);
    if (!project) return project.status();
    std::unique_ptr<ChatTraceSaver> saver(new ChatTraceSaver(std::move(*project)));
    auto id = agent::TraceStore(saver->project_.database()).createConversation(info);
    if (!id) return id.status();
    saver->id_ = *id;
    return saver;
}

util::Status ChatTraceSaver::attachProfile(agent::LlmAgent* agent, const std::string& user) {
    auto profile = agent::ProfileStore(project_.database()).loadUser(user);
    if (!profile) return profile.status();
    agent->setProfile(std::move(*profile));
    agent_ = agent;
    user_ = user;
    return util::Status::ok();
}

void ChatTraceSaver::save(const agent::TurnTrace& trace) {
    if (agent_) {
        auto p = agent::ProfileStore(project_.database()).recordTurn(id_, user_, agent_->lastExtracted());
        if (!p) std::fprintf(stderr, "recscope-cli chat: the profile was not saved: %s\n", p.message().c_str());
    }
    auto id = agent::TraceStore(project_.database()).saveTurn(trace);
    if (!id)
        std::fprintf(stderr, "recscope-cli chat: the trace was not saved: %s\n", id.message().c_str());
    else
        std::fprintf(stderr, "(trace %lld saved; recscope-cli trace show %lld --project %s)\n",
                     static_cast<long long>(*id), static_cast<long long>(*id), project_.path().c_str());
}

}  // namespace rs::cli
