#pragma once
// Answers of the built-in planner, written from templates (no LLM): what was understood (the
// conditions, seeds, exclusions), the items found, and every problem in plain words (a title
// that matched nothing, a step that failed, no item left). Each answer starts with
// kBuiltinLabel so the user always knows no language model wrote it.
// Pure functions, thread-safe.
#include <string>
#include <string_view>

#include "agent/builtinplanner.h"
#include "agent/executor.h"
#include "agent/toolsdata.h"

namespace rs::agent {

inline constexpr std::string_view kBuiltinLabel = "Built-in planner (no LLM)";

std::string builtinAnswer(const BuiltinAnalysis& analysis, const ExecutionResult& result, const ToolsData& data);

}  // namespace rs::agent
