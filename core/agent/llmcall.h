#pragma once
// One traced LLM exchange for the agent: every planner, writer, critic, memory and ReAct-step call
// goes through callLlm, so each leaves an LlmCallTrace (the request body as sent — it holds no
// key —, the response text, tokens, latency, first-token time, retries, cost) in the turn's trace,
// failed calls included.
// Threading: as ChatClient (one client per thread).
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/trace.h"
#include "llm/chatclient.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

// Sends request (streamed to onToken when it is set, else one complete() call) and appends the
// call to calls. A failed call is appended too, with the error as its response prefixed "error: ".
util::Result<llm::ChatResponse> callLlm(llm::ChatClient& client, const llm::ChatRequest& request,
                                        const std::string& role, std::vector<LlmCallTrace>& calls,
                                        const llm::TokenFn& onToken = {}, const util::Task& task = {});

// The first balanced {...} in LLM text (code fences and prose around it tolerated; strings and
// escapes respected). Errors say what is wrong in words fit for a repair message.
util::Result<nlohmann::json> firstJsonObject(std::string_view text);

// System + user message request; temperature 0 (plans and judgements should not vary), JSON mode
// when asked.
llm::ChatRequest makeRequest(std::string system, std::string user, bool jsonMode);

}  // namespace rs::agent
