#pragma once
// Conversation: one agent conversation — turn in (user text), answer, items and a TurnTrace out.
//
// The planning and answer writing are behind the Planner interface, so the same conversation
// runs the built-in rule planner (BuiltinPlannerAdapter, no LLM) or an LLM planner:
//
//   user text ─► Planner::plan ─► Plan ─► Executor (tools on the CandidateBus) ─► Planner::answer
//
// A Planner adds what it did to the trace (llm_calls, plan_validation, repairs); the conversation
// fills the rest (plan, steps, answer, items, errors). A plan that cannot be made ends the turn
// with the planner's message as the answer, never an exception.
// The bus persists across turns: a plan with "refine": true works on the previous candidates.
// User text of any length or encoding is accepted: it is cut to kMaxUserBytes and invalid UTF-8
// is read as Latin-1.
// Threading: one thread at a time per conversation; conversations sharing a ToolsData may run
// on different threads.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "agent/builtinplanner.h"
#include "agent/candidatebus.h"
#include "agent/executor.h"
#include "agent/plan.h"
#include "agent/tools.h"
#include "agent/trace.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

inline constexpr size_t kMaxUserBytes = 8000;

// What a planner sees of the conversation at the start of a turn.
struct TurnContext {
    std::string user;  // valid UTF-8, at most kMaxUserBytes
    int turn = 1;
    const ToolsData* data = nullptr;
    const CandidateBus* bus = nullptr;                // before this turn
    const std::vector<TurnTrace>* history = nullptr;  // earlier turns, oldest first
    const ProfileHints* profile = nullptr;
    const std::vector<CatalogColumnInfo>* columns = nullptr;  // the catalog's SQL columns
};

class Planner {
public:
    virtual ~Planner() = default;
    // "builtin" or the LLM profile name; goes into TurnTrace::planner.
    virtual std::string name() const = 0;
    // A validated plan, or an error the user can read (after the planner's own repair attempt).
    virtual util::Result<Plan> plan(const TurnContext& ctx, TurnTrace& trace, const util::Task& task) = 0;
    // The answer for the user from the plan and what the tools returned.
    virtual std::string answer(const TurnContext& ctx, const Plan& plan, const ExecutionResult& result,
                               TurnTrace& trace, const util::Task& task) = 0;
};

// The rule planner behind the Planner interface; answers come from answertemplates.h.
class BuiltinPlannerAdapter final : public Planner {
public:
    BuiltinPlannerAdapter(std::shared_ptr<const ToolsData> data, std::vector<CatalogColumnInfo> columns)
        : planner_(std::move(data), std::move(columns)) {}
    std::string name() const override { return "builtin"; }
    util::Result<Plan> plan(const TurnContext& ctx, TurnTrace& trace, const util::Task& task) override;
    std::string answer(const TurnContext& ctx, const Plan& plan, const ExecutionResult& result, TurnTrace& trace,
                       const util::Task& task) override;
    const BuiltinAnalysis& lastAnalysis() const { return last_; }
    const BuiltinPlanner& planner() const { return planner_; }

private:
    BuiltinPlanner planner_;
    BuiltinAnalysis last_;
};

struct TurnResult {
    std::string answer;
    std::vector<std::string> items;   // item ids, in order
    std::vector<std::string> titles;  // their titles
    TurnTrace trace;
    double totalMs = 0;  // the whole turn
    double toolMs = 0;   // tools, grounding and bookkeeping (Executor::run)
};

struct ConversationOptions {
    std::string id = "c1";
    ToolOptions tools;
    ExecutorOptions executor;
};

class Conversation {
public:
    // The planner is chosen by the caller: BuiltinPlannerAdapter, or an LLM planner.
    static util::Result<Conversation> create(std::shared_ptr<const ToolsData> data, std::unique_ptr<Planner> planner,
                                             ConversationOptions options = {});
    // With the built-in planner.
    static util::Result<Conversation> createBuiltin(std::shared_ptr<const ToolsData> data,
                                                    ConversationOptions options = {});

    TurnResult turn(std::string_view userText, const util::Task& task = {});

    const CandidateBus& bus() const { return bus_; }
    const std::vector<TurnTrace>& traces() const { return traces_; }
    void setProfile(ProfileHints profile) { profile_ = std::move(profile); }
    const ProfileHints& profile() const { return profile_; }
    // Called with each finished turn's trace (e.g. to save it in the project file).
    void setTraceSink(std::function<void(const TurnTrace&)> sink) { sink_ = std::move(sink); }
    Planner& planner() { return *planner_; }
    Tools& tools() { return *tools_; }
    const ToolsData& data() const { return *data_; }

private:
    Conversation() = default;
    std::shared_ptr<const ToolsData> data_;
    std::unique_ptr<Tools> tools_;
    std::unique_ptr<Planner> planner_;
    ConversationOptions options_;
    CandidateBus bus_;
    ProfileHints profile_;
    std::vector<TurnTrace> traces_;
    std::function<void(const TurnTrace&)> sink_;
};

}  // namespace rs::agent
