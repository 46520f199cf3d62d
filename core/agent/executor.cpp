#include "agent/executor.h"

#include <chrono>

namespace rs::agent {

using nlohmann::json;

std::string utf8Prefix(const std::string& s, size_t maxBytes) {
    if (s.size() <= maxBytes) return s;
    size_t end = maxBytes;
    // Step back over continuation bytes so the cut lands on a code point boundary.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

json truncateJson(const json& value, size_t maxBytes) {
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() <= maxBytes) return value;
    return {{"truncated", true},
            {"bytes", text.size()},
            {"note", "output too large (" + std::to_string(text.size()) + " bytes); showing the first " +
                         std::to_string(maxBytes / 2) + " bytes"},
            {"preview", utf8Prefix(text, maxBytes / 2)}};
}

ExecutionResult Executor::run(const Plan& plan, CandidateBus& bus, const ProfileHints& profile,
                              const util::Task& task) {
    using Clock = std::chrono::steady_clock;
    ExecutionResult result;
    const auto start = Clock::now();
    bool changesBus = false;
    for (const auto& s : plan.steps)
        if (s.tool != "lookup" && s.tool != "map") changesBus = true;
    if (changesBus && !plan.refine) bus.reset();

    const auto& ids = tools_.data().catalog().ids();
    std::vector<std::vector<size_t>> stepRows(plan.steps.size());
    for (size_t i = 0; i < plan.steps.size(); ++i) {
        if (task.cancelled()) {
            result.cancelled = true;
            result.errors.push_back(std::string(util::kCancelledMessage));
            break;
        }
        const PlanStep& step = plan.steps[i];
        StepTrace st;
        st.tool = step.tool;
        st.input = toJson(step)["input"];
        st.busBefore = bus.toJson(ids, options_.busSnapshotLimit);
        StepContext ctx;
        ctx.index = i;
        ctx.stepRows = &stepRows;
        ctx.profile = &profile;
        ctx.task = task;
        const auto t0 = Clock::now();
        auto out = tools_.run(step, bus, ctx);
        if (out) {
            (*out)["bus_size"] = bus.size();
            st.output = truncateJson(*out, options_.maxOutputBytes);
            if (step.tool == "map") {
                result.itemRows.clear();
                result.items.clear();
                const size_t n = out->value("shown", size_t(0));
                for (size_t k = 0; k < n && k < bus.size(); ++k) {
                    result.itemRows.push_back(bus.items()[k].row);
                    result.items.push_back(ids[bus.items()[k].row]);
                }
            }
            result.outputs.push_back(*out);
        } else {
            st.error = out.message();
            st.output = {{"bus_size", bus.size()}};
            result.errors.push_back("step " + std::to_string(i) + " (" + step.tool + "): " + out.message());
            result.outputs.push_back(nullptr);
            if (out.message() == util::kCancelledMessage) result.cancelled = true;
        }
        st.busAfter = bus.toJson(ids, options_.busSnapshotLimit);
        st.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        result.steps.push_back(std::move(st));
        if (result.cancelled) break;
    }
    result.toolMs = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return result;
}

}  // namespace rs::agent
