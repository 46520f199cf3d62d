#pragma once
// Executor: runs a validated Plan step by step on a conversation's CandidateBus with the Tools,
// recording one StepTrace per step (input, output, bus before/after, milliseconds, error).
//
// Handled states, never crashes or hangs:
//   - a step that fails (titles matching nothing, a refused SQL statement, an unknown column, a
//     bad value) records its error, leaves the bus as it was, and the plan goes on: later steps
//     often still make sense (rank what the filters left). The error is in the result for the
//     answer to mention;
//   - an output larger than maxOutputBytes of JSON is replaced by a note and a prefix;
//   - cancellation stops between steps with util::kCancelledMessage.
// The bus is reset first unless plan.refine, or when the plan only looks things up or maps
// (so "when was X released?" between two turns keeps the candidates).
// Bus snapshots in the trace list the first busSnapshotLimit candidates (the bus itself may hold
// the whole catalog); "bus_size" in each step's output gives the full count.
// Threading: as Tools (one per conversation thread).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/candidatebus.h"
#include "agent/plan.h"
#include "agent/tools.h"
#include "agent/trace.h"
#include "util/task.h"

namespace rs::agent {

struct ExecutorOptions {
    size_t busSnapshotLimit = 50;
    size_t maxOutputBytes = 32 * 1024;
};

struct ExecutionResult {
    std::vector<StepTrace> steps;
    std::vector<size_t> itemRows;                      // the last map step's items (catalog rows), in order
    std::vector<std::string> items;                    // their ids
    nlohmann::json outputs = nlohmann::json::array();  // full (untruncated-by-size) outputs per step, null on error
    std::vector<std::string> errors;                   // "step 2 (soft_filter): none of the seeds matched ..."
    double toolMs = 0;                                 // time inside the steps, bookkeeping included
    bool cancelled = false;
};

class Executor {
public:
    explicit Executor(Tools& tools, ExecutorOptions options = {}) : tools_(tools), options_(options) {}

    ExecutionResult run(const Plan& plan, CandidateBus& bus, const ProfileHints& profile = {},
                        const util::Task& task = {});

private:
    Tools& tools_;
    ExecutorOptions options_;
};

// A JSON value cut to about maxBytes when serialised: {"truncated": true, "bytes": n, "note",
// "preview": first bytes (valid UTF-8)}; smaller values are returned as they are.
nlohmann::json truncateJson(const nlohmann::json& value, size_t maxBytes);
// s cut to at most maxBytes without splitting a UTF-8 sequence.
std::string utf8Prefix(const std::string& s, size_t maxBytes);

}  // namespace rs::agent
