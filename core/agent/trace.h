#pragma once
// TurnTrace: everything one agent turn did, as data. It is what the trace store keeps per turn
// in the project file, what `recscope-cli trace show` prints and what the trace stepper replays.
//
// JSON form (toJson / fromJson round-trip exactly):
//   {"conversation": id, "turn": n, "user": "...", "planner": "builtin" | "<profile name>",
//    "llm_calls": [{"role", "request", "response", "prompt_tokens", "completion_tokens",
//                   "latency_ms", "ttft_ms", "retries", "cost"}],
//    "plan": {...} | null, "plan_validation": ["error", ...], "repairs": n,
//    "steps": [{"tool", "input", "output", "bus_before", "bus_after", "ms", "error"}],
//    "answer": "...", "items": ["id", ...], "errors": ["...", ...]}
// bus_before / bus_after are CandidateBus::toJson() lists of {"item", "score", "provenance"}.
// Units: milliseconds for every time, USD for cost. API keys never go into a trace: requests are
// stored as the JSON bodies sent (which hold no key) and errors come from the scrubbed client.
// Threading: plain values; thread-safe to read.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace rs::llm {
struct CallStats;
}

namespace rs::agent {

struct LlmCallTrace {
    std::string role;  // "planner", "writer", "critic", "memory", "step"
    nlohmann::json request;
    std::string response;
    int64_t promptTokens = 0, completionTokens = 0;
    double latencyMs = 0;
    double ttftMs = -1;  // -1 when no token arrived (non-streamed or failed)
    int retries = 0;
    double cost = 0;  // USD

    // Fills the token counts, times, retries and cost from a ChatClient call's stats.
    void setStats(const llm::CallStats& stats);
};

struct StepTrace {
    std::string tool;
    nlohmann::json input = nlohmann::json::object();
    nlohmann::json output = nlohmann::json::object();
    nlohmann::json busBefore = nlohmann::json::array();
    nlohmann::json busAfter = nlohmann::json::array();
    double ms = 0;
    std::string error;  // empty when the step succeeded
};

struct TurnTrace {
    std::string conversation;
    int turn = 0;  // 1-based within the conversation
    std::string user;
    std::string planner;  // "builtin" or the LLM profile name
    std::vector<LlmCallTrace> llmCalls;
    nlohmann::json plan;  // null when no plan was made (chit-chat answered directly, planner failure)
    std::vector<std::string> planValidation;
    int repairs = 0;
    std::vector<StepTrace> steps;
    std::string answer;
    std::vector<std::string> items;  // item ids shown with the answer, in order
    std::vector<std::string> errors;

    nlohmann::json toJson() const;
    // Fails with a message naming the field when j is not a trace.
    static util::Result<TurnTrace> fromJson(const nlohmann::json& j);
    // A few lines for a terminal: planner, plan steps with their time, errors.
    std::string summary() const;
};

}  // namespace rs::agent
