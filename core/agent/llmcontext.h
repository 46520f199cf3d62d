#pragma once
// What the LLM prompts are told about the conversation, shared by the plan-first planner behind
// Conversation (LlmPlanner), LlmAgent and its ReAct mode: the recent turns, the current candidates,
// profile extraction by rules over the catalog's vocabulary, and the profile's exclusions.
// Pure functions over their arguments; thread-safe.
#include <string>
#include <vector>

#include "agent/candidatebus.h"
#include "agent/plan.h"
#include "agent/profilememory.h"
#include "agent/toolsdata.h"
#include "agent/trace.h"

namespace rs::agent {

// The last `turns` turns as "User: …\nAssistant: …" (answers cut to 600 bytes), or
// "(this is the first message)".
std::string conversationText(const std::vector<TurnTrace>& history, size_t turns = 3);

// "N candidates, best first: Title; Title; …" (at most limit titles), or a note that a new request
// starts from the whole catalog when the bus is inactive.
std::string candidatesText(const CandidateBus& bus, const data::ItemCatalog& catalog, size_t limit = 20);

// Rule extraction set up for a catalog: its tag values are the attributes, titles that ground with
// score >= 0.9 keep their "and".
UserProfile extractProfileForCatalog(std::string_view message, const ToolsData& data);

// The profile's disliked items grounded in the catalog (score >= 0.8), as catalog rows.
std::vector<size_t> groundedRows(const std::vector<std::string>& titles, const ToolsData& data);

// Adds the profile's disliked items to every rank step's "disliked" list, so an item the user
// rejected is removed whatever the LLM planned. Returns how many titles were added.
size_t excludeDisliked(Plan& plan, const UserProfile& profile);

// User text cut to maxBytes (at a UTF-8 boundary), invalid UTF-8 read as Latin-1.
std::string sanitizeUserText(std::string_view text, size_t maxBytes);

}  // namespace rs::agent
