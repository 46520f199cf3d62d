#pragma once
// ReactLoop: the step-by-step (ReAct) mode of LlmAgent, kept for comparison with plan-first. Each
// LLM call ("react_step" prompt, JSON mode, role "step" in the trace) sees the steps so far with
// their results and returns either the next tool call {"tool", "input"} or the final
// {"answer"}; so a turn with n tool steps costs n + 1 calls. A step whose input is invalid or
// whose tool fails is shown to the model as an error on the next call. After maxReactSteps tool
// steps the model is told to answer; a model that still does not answer ends the turn with the
// items found so far.
// Threading: as LlmAgent.
#include <string>

#include "agent/llmagent.h"

namespace rs::agent {

class ReactLoop {
public:
    explicit ReactLoop(LlmAgent& agent) : agent_(agent) {}
    void run(const std::string& message, TurnTrace& trace, const TextFn& onToken, const util::Task& task);

private:
    LlmAgent& agent_;
};

}  // namespace rs::agent
