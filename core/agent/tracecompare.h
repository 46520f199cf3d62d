#pragma once
// Whether a re-run turn did what the recorded one did: the trace stepper's replay check. Two
// traces are the same turn when the user text, planner, plan (with its validation and repairs),
// every step's tool, input, output, bus before and after and error, every LLM call's role,
// request, response and token counts, the answer, the items and the errors are equal. Times,
// latencies, retries and cost are measurements of the run and are not compared.
// Threading: a pure function over values.
#include <string>
#include <vector>

#include "agent/trace.h"

namespace rs::agent {

// One line per difference ("answer differs: recorded '…', replayed '…'", "step 2 (rank) output
// differs"), empty when the turns are identical. Long values are cut in the message.
std::vector<std::string> compareTurnTraces(const TurnTrace& recorded, const TurnTrace& replayed);

}  // namespace rs::agent
