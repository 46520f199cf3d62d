#pragma once
// The LLM side of `recscope-cli chat`: the planner for --profile NAME and saving each turn's trace
// in the project file (so `recscope-cli trace show` finds it).
#include <memory>
#include <string>

#include "agent/conversation.h"
#include "agent/llmplanner.h"
#include "agent/profilestore.h"
#include "agent/tracestore.h"
#include "store/projectstore.h"
#include "util/status.h"

namespace rs::cli {

// The profile NAME from profilesFile (a JSON file) when given, else the project's stored profiles
// (projectFile may be empty), else the presets; then the plan-first LLM planner for domain, with
// the shipped prompts and demonstrations (agent::defaultResourceDir()). Answers stream to stdout.
util::Result<std::unique_ptr<agent::LlmPlanner>> makeChatPlanner(const std::string& profileName,
                                                                 const std::string& profilesFile,
                                                                 const std::string& projectFile,
                                                                 const std::string& domain);

// Saves the turns of one conversation in a project file: opens it for writing, creates a
// conversation row, and returns the sink to give Conversation::setTraceSink (errors go to stderr:
// a trace that cannot be saved does not end the chat). id() is the conversation's id.
class ChatTraceSaver {
public:
    static util::Result<std::unique_ptr<ChatTraceSaver>> open(const std::string& projectFile,
                                                              const agent::ConversationInfo& info);
    const std::string& id() const { return id_; }
    // Long-term memory: gives planner the user's stored profile now, and after each saved turn
    // records what the planner read from the message (ProfileStore::recordTurn). planner is not owned.
    util::Status attachProfile(agent::LlmPlanner* planner, const std::string& user);
    void save(const agent::TurnTrace& trace);

private:
    explicit ChatTraceSaver(store::ProjectStore project) : project_(std::move(project)) {}
    store::ProjectStore project_;
    std::string id_;
    agent::LlmPlanner* planner_ = nullptr;
    std::string user_;
};

}  // namespace rs::cli
