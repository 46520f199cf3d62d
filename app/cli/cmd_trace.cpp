// recscope-cli trace: the agent's turn traces stored in a project file.
//   trace list --project P [--conversation ID]   conversations and their turns, one line each
//   trace show ID --project P [--json]           one turn in full: LLM calls, plan, steps, answer
// Traces hold no API key (they are scrubbed when saved); this command prints them as stored.
#include <cstdio>
#include <string>

#include "agent/executor.h"
#include "agent/tracestore.h"
#include "args.h"
#include "commands.h"
#include "store/projectstore.h"
#include "util/text.h"

namespace rs::cli {

namespace {

std::vector<OptionSpec> traceSpecs() {
    return {
        {"project", true, "the project file holding the conversations", ""},
        {"conversation", true, "trace list: only this conversation's turns", ""},
        {"json", false, "trace show: print the stored trace JSON as it is", ""},
        {"bus", true, "trace show: candidates shown per bus snapshot (0 = all)", "10"},
        {"help", false, "show this help", ""},
    };
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "recscope-cli trace: %s\n(see recscope-cli trace --help)\n", message.c_str());
    return 2;
}

std::string oneLine(std::string s, size_t max) {
    for (auto& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s.size() > max ? agent::utf8Prefix(s, max) + "…" : s;
}

std::string indent(const std::string& text, const std::string& pad) {
    std::string out = pad;
    for (char c : text) {
        out.push_back(c);
        if (c == '\n') out += pad;
    }
    return out;
}

// A bus snapshot: its size and the first `limit` entries (0 = all).
std::string busText(const nlohmann::json& bus, size_t limit) {
    if (!bus.is_array()) return bus.dump();
    std::string out = std::to_string(bus.size()) + " candidates";
    const size_t n = limit == 0 ? bus.size() : std::min(limit, bus.size());
    for (size_t i = 0; i < n; ++i) out += "\n  " + bus[i].dump();
    if (n < bus.size()) out += "\n  … " + std::to_string(bus.size() - n) + " more (--bus 0 shows all)";
    return out;
}

void printTrace(const nlohmann::json& t, size_t busLimit) {
    auto str = [&](const char* k) { return t.contains(k) && t[k].is_string() ? t[k].get<std::string>() : ""; };
    std::printf("conversation %s, turn %s, planner %s\n", str("conversation").c_str(),
                t.contains("turn") ? t["turn"].dump().c_str() : "?", str("planner").c_str());
    std::printf("user: %s\n", str("user").c_str());
    const auto calls = t.value("llm_calls", nlohmann::json::array());
    std::printf("\nLLM calls: %zu\n", calls.size());
    int i = 0;
    for (const auto& c : calls) {
        std::printf(
            "[%d] %s: %lld prompt + %lld completion tokens, %.1f ms (first token %.1f ms), %d retries, "
            "$%.6f\n",
            i++, c.value("role", std::string()).c_str(), static_cast<long long>(c.value("prompt_tokens", 0LL)),
            static_cast<long long>(c.value("completion_tokens", 0LL)), c.value("latency_ms", 0.0),
            c.value("ttft_ms", -1.0), c.value("retries", 0), c.value("cost", 0.0));
        if (auto r = c.find("request"); r != c.end() && r->contains("messages"))
            for (const auto& m : (*r)["messages"])
                std::printf("    %s:\n%s\n", m.value("role", std::string()).c_str(),
                            indent(m.value("content", std::string()), "      ").c_str());
        std::printf("    response:\n%s\n", indent(c.value("response", std::string()), "      ").c_str());
    }
    std::printf("\nplan: %s\n", t.contains("plan") ? t["plan"].dump(2).c_str() : "null");
    for (const auto& e : t.value("plan_validation", nlohmann::json::array()))
        std::printf("  validation: %s\n", e.is_string() ? e.get<std::string>().c_str() : e.dump().c_str());
    std::printf("repairs: %d\n", t.value("repairs", 0));
    const auto steps = t.value("steps", nlohmann::json::array());
    std::printf("\nsteps: %zu\n", steps.size());
    i = 0;
    for (const auto& s : steps) {
        std::printf(
            "[%d] %s (%.2f ms)%s\n", i++, s.value("tool", std::string()).c_str(), s.value("ms", 0.0),
            s.value("error", std::string()).empty() ? "" : (" ERROR: " + s.value("error", std::string())).c_str());
        std::printf("    input:  %s\n", s.contains("input") ? s["input"].dump().c_str() : "{}");
        std::printf("    output: %s\n", s.contains("output") ? s["output"].dump().c_str() : "{}");
        std::printf(
            "    bus before: %s\n",
            indent(busText(s.value("bus_before", nlohmann::json::array()), busLimit), "    ").substr(4).c_str());
        std::printf("    bus after:  %s\n",
                    indent(busText(s.value("bus_after", nlohmann::json::array()), busLimit), "    ").substr(4).c_str());
    }
    std::printf("\nanswer:\n%s\n", indent(str("answer"), "  ").c_str());
    std::printf("items: %s\n", t.value("items", nlohmann::json::array()).dump().c_str());
    for (const auto& e : t.value("errors", nlohmann::json::array()))
        std::printf("error: %s\n", e.is_string() ? e.get<std::string>().c_str() : e.dump().c_str());
}

}  // namespace

int runTrace(int argc, char** argv) {
    const auto specs = traceSpecs();
    const std::string sub = argc > 2 ? argv[2] : "";
    if (sub.empty() || sub == "--help" || sub == "-h" || sub == "help") {
        printHelp("trace", "(list [--conversation ID] | show TRACE_ID [--json]) --project FILE",
                  "Lists the agent conversations stored in a project file, or prints one turn's trace in full:\n"
                  "every LLM request and response with tokens, latency, cost and retries, the plan and its\n"
                  "validation, each step's input, output and candidate bus, the answer and errors.",
                  specs);
        return sub.empty() ? 2 : 0;
    }
    if (sub != "list" && sub != "show") return usageError("unknown subcommand '" + sub + "' (list, show)");
    Args args(specs, argc, argv, 3);
    if (!args.error().empty()) return usageError(args.error());
    if (!args.has("project")) return usageError("missing --project FILE");
    auto project = store::ProjectStore::open(args.get("project"), /*readOnly=*/true);
    if (!project) return std::fprintf(stderr, "recscope-cli trace: %s\n", project.message().c_str()), 1;
    agent::TraceStore traces(project->database());

    if (sub == "list") {
        if (!args.positional().empty()) return usageError("unexpected argument '" + args.positional().front() + "'");
        auto convs = traces.listConversations();
        if (!convs) return std::fprintf(stderr, "recscope-cli trace: %s\n", convs.message().c_str()), 1;
        auto turns = traces.listTurns(args.get("conversation"));
        if (!turns) return std::fprintf(stderr, "recscope-cli trace: %s\n", turns.message().c_str()), 1;
        if (convs->empty()) std::printf("no conversations in %s\n", args.get("project").c_str());
        for (const auto& c : *convs) {
            if (args.has("conversation") && c.id != args.get("conversation")) continue;
            std::printf("conversation %s  %s  planner=%s  dataset=%s  domain=%s  user=%s  %d turns\n", c.id.c_str(),
                        c.created.c_str(), c.planner.c_str(), c.dataset.c_str(), c.domain.c_str(),
                        c.user.empty() ? "-" : c.user.c_str(), c.turns);
            for (const auto& t : *turns)
                if (t.conversation == c.id)
                    std::printf("  trace %-5lld turn %-3d %d LLM calls, %6lld tokens%s  %s\n",
                                static_cast<long long>(t.id), t.turn, t.llmCalls, static_cast<long long>(t.tokens),
                                t.errors ? (", " + std::to_string(t.errors) + " errors").c_str() : "",
                                oneLine(t.user, 70).c_str());
        }
        return 0;
    }
    if (args.positional().size() != 1) return usageError("trace show takes one TRACE_ID (see trace list)");
    const auto id = util::parseInt64(args.positional().front());
    if (!id) return usageError("TRACE_ID must be a number, got '" + args.positional().front() + "'");
    const auto busLimit = util::parseInt64(args.get("bus", "10"));
    if (!busLimit || *busLimit < 0) return usageError("--bus must be a count >= 0");
    auto j = traces.loadTurnJson(*id);
    if (!j) return std::fprintf(stderr, "recscope-cli trace: %s\n", j.message().c_str()), 1;
    const auto clean = agent::scrubSecrets(*j);
    if (args.has("json"))
        std::printf("%s\n", clean.dump(2).c_str());
    else
        printTrace(clean, static_cast<size_t>(*busLimit));
    return 0;
}

}  // namespace rs::cli
