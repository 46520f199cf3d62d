#pragma once
// The LLM side of `recscope-cli chat`: the agent for --profile NAME and saving each turn's trace
// in the project file (so `recscope-cli trace show` finds it).
#include <memory>
#include <string>

#include "agent/conversation.h"
#include "agent/llmsession.h"
#include "agent/profilestore.h"
#include "agent/tracestore.h"
#include "store/projectstore.h"
#include "util/status.h"

namespace rs::cli {

// The profile NAME from profilesFile (a JSON file) when given, else the project's stored profiles
// (projectFile may be empty), else the presets; then the LLM agent for domain over data, with the
// shipped prompts and demonstrations (agent::defaultResourceDir()).
util::Result<std::unique_ptr<agent::LlmSession>> makeChatSession(
    const std::string& profileName, const std::string& profilesFile, const std::string& projectFile,
    const std::string& domain, std::shared_ptr<const agent::ToolsData> data, agent::LlmAgentOptions options);

// Saves the turns of one conversation in a project file: opens it for writing, creates a
// conversation row, and returns the sink to give Conversation::setTraceSink (errors go to stderr:
// a trace that cannot be saved does not end the chat). id() is the conversation's id.
class ChatTraceSaver {
public:
    static util::Result<std::unique_ptr<ChatTraceSaver>> open(const std::string& projectFile,
                                                              const agent::ConversationInfo& info);
    const std::string& id() const { return id_; }
    // Long-term memory: gives the agent the user's stored profile now, and after each saved turn
    // records what the agent read from the message (ProfileStore::recordTurn). agent is not owned.
    util::Status attachProfile(agent::LlmAgent* agent, const std::string& user);
    void save(const agent::TurnTrace& trace);

private:
    explicit ChatTraceSaver(store::ProjectStore project) : project_(std::move(project)) {}
    store::ProjectStore project_;
    std::string id_;
    agent::LlmAgent* agent_ = nullptr;
    std::string user_;
};

}  // namespace rs::cli
