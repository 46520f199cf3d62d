#pragma once
// The answer writer: the plan-first agent's second LLM call. It gets the user's message, the
// profile, the recent conversation, the tool log (each step's input and output, cut to a budget)
// and the items to present, and streams its reply token by token to the caller. Recorded in the
// trace with role "writer".
// Threading: as ChatClient (one client per thread); onToken runs on the calling thread.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/prompttemplates.h"
#include "agent/trace.h"
#include "llm/chatclient.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

struct WriterContext {
    std::string request, profile, history, toolLog, items;
};

// Streams the reply to onToken (content only, not reasoning) and returns it whole.
util::Result<std::string> writeAnswer(llm::ChatClient& client, const PromptLibrary& prompts, const WriterContext& ctx,
                                      const std::function<void(std::string_view)>& onToken,
                                      std::vector<LlmCallTrace>& calls, const util::Task& task = {});

// writeAnswer, or when the writer fails a message listing ctx.items, also sent to onToken; the
// error goes to trace.errors. written (optional) tells which happened.
std::string writeAnswerOrItems(llm::ChatClient& client, const PromptLibrary& prompts, const WriterContext& ctx,
                               const std::function<void(std::string_view)>& onToken, TurnTrace& trace,
                               const util::Task& task = {}, bool* written = nullptr);

// "step 0 hard_filter {input}\n  -> {output}" per step (errors as "-> ERROR: ..."); each output cut
// to maxOutputBytes of compact JSON with a note, so a huge lookup cannot flood the prompt.
std::string formatToolLog(const std::vector<StepTrace>& steps, size_t maxOutputBytes = 2000);

// The items of the last map step's output as numbered lines ("1. Title (1995) — genres: …"),
// or "(no items)"; the ids of those items go to ids when given.
std::string formatItems(const std::vector<StepTrace>& steps, std::vector<std::string>* ids = nullptr);

}  // namespace rs::agent
