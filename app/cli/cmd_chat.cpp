// recscope-cli chat: a conversation with the recommender agent, interactive (one user line at a
// time from stdin) or scripted (--script FILE, one user line per line; empty lines and lines
// starting with '#' are skipped). Prints each answer and a short trace; --json prints each turn's
// full trace as one JSON line instead.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

#include "agent/conversation.h"
#include "args.h"
#include "chatllm.h"
#include "commands.h"
#include "evalcli.h"  // ProgressPrinter
#include "project_or_data.h"
#include "store/projectstore.h"

namespace rs::cli {

namespace {

namespace fs = std::filesystem;

const std::vector<OptionSpec> kSpecs = {
    {"data", true, "dataset folder or file to import, or a project file", ""},
    {"project", true, "a project file holding the dataset (same as --data FILE)", ""},
    {"dataset", true, "with a project file: which stored dataset", "the first"},
    {"format", true, "importer name", "detect"},
    {"mapping", true, "column mapping JSON for csv/tsv/jsonl files (docs/import-mapping.md)", ""},
    {"skip-bad-lines", false, "count and skip malformed lines instead of failing", ""},
    {"builtin", false, "use the built-in rule planner (no LLM; the default for now)", ""},
    {"profile", true, "an LLM endpoint profile for the agent (plan-first: 2 LLM calls per request)", ""},
    {"react", false, "with --profile: step-by-step (ReAct) mode, one LLM call per tool step", ""},
    {"reflection", true, "with --profile: a critic checks each answer; re-plans on \"No\" at most N times", "off"},
    {"llm-memory", false, "with --profile: read likes/dislikes with an LLM call instead of rules", ""},
    {"profiles", true, "JSON file of LLM profiles (else the project's, else the presets)", ""},
    {"domain", true, "prompt domain word for the LLM planner (movie, game)", "the catalog's"},
    {"user", true, "with --project --profile: whose long-term profile to use and update", ""},
    {"script", true, "a file of user lines to play instead of reading stdin", ""},
    {"model", true, "recommender(s) for preference ranking, e.g. ease or ease:lambda=300", "ease"},
    {"json", false, "print each turn's full trace as one JSON line", ""},
    {"help", false, "show this help", ""},
};

int usageError(const std::string& message) {
    return cli::usageError("chat", message);
}
int failure(const std::string& message) {
    return cli::failure("chat", message);
}

// Reads --reflection N: a count of re-plans, 0..5.
bool parseReflections(const std::string& text, int& out) {
    try {
        size_t used = 0;
        out = std::stoi(text, &used);
        return used == text.size() && out >= 0 && out <= 5;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

int runChat(int argc, char** argv) {
    Args args(kSpecs, argc, argv, 2);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("chat",
                  "--data PATH | --project FILE [--builtin | --profile NAME [--react] [--reflection N] "
                  "[--llm-memory]] [--script FILE]",
                  "Talks with the recommender agent about one dataset's catalog. With --builtin (or no LLM\n"
                  "profile) a rule planner answers without any language model.",
                  kSpecs);
        return 0;
    }
    if (!args.positional().empty()) return usageError("unexpected argument '" + args.positional().front() + "'");
    if (args.has("data") == args.has("project")) return usageError("give exactly one of --data or --project");
    if (args.has("profile") && args.has("builtin")) return usageError("--profile and --builtin exclude each other");
    const std::string path = args.has("project") ? args.get("project") : args.get("data");
    if (args.has("project") && !isProjectFile(path)) return failure(path + ": not a RecScope project file");

    ProgressPrinter progress;
    const util::Task task = progress.task();
    auto imported =
        openData(path, args.get("format"), args.get("mapping"), args.has("skip-bad-lines"), task, args.get("dataset"));
    if (!imported) {
        progress.finish();
        return failure(imported.message());
    }
    if (!imported->catalog || imported->catalog->size() == 0) {
        progress.finish();
        return failure(path + ": no item catalog to talk about (import item metadata, e.g. with --mapping)");
    }
    // The SQL sandbox reads a project file; imported folders are saved to a temporary one.
    fs::path project = path;
    std::string datasetName = args.get("dataset");
    fs::path tempProject;
    if (!isProjectFile(path)) {
        std::error_code ec;
        tempProject = fs::temp_directory_path(ec) / ("recscope-chat-" + std::to_string(::getpid()) + ".recscope");
        fs::remove(tempProject, ec);
        auto store = store::ProjectStore::create(tempProject);
        if (!store) return failure(store.message());
        datasetName = imported->name.empty() ? "data" : imported->name;
        if (auto id = store->saveDataset(datasetName, *imported, {}, task); !id) return failure(id.message());
        project = tempProject;
    } else if (datasetName.empty()) {
        auto store = store::ProjectStore::open(path, true);
        auto list = store ? store->listDatasets() : util::Result<std::vector<store::DatasetInfo>>(util::Error{""});
        if (list && !list->empty()) datasetName = list->front().name;
    }
    agent::ToolsDataOptions options;
    options.models = {args.get("model", "ease")};
    auto data = agent::ToolsData::build(std::move(*imported), project, datasetName, options, task);
    progress.finish();
    auto cleanup = [&] {
        std::error_code ec;
        if (!tempProject.empty()) fs::remove(tempProject, ec);
    };
    if (!data) {
        cleanup();
        return failure(data.message());
    }
    // With --profile the LLM agent plans and writes (its answer streams to stdout); traces of a
    // project file's conversations are saved in it for `recscope-cli trace show`.
    std::unique_ptr<ChatTraceSaver> saver;
    agent::ConversationOptions conversationOptions;
    if (args.has("project")) {
        agent::ConversationInfo info;
        info.planner = args.has("profile") ? args.get("profile") : "builtin";
        info.dataset = datasetName;
        info.domain = args.get("domain", (*data)->domain());
        auto s = ChatTraceSaver::open(path, info);
        if (!s) {
            cleanup();
            return failure(s.message());
        }
        saver = std::move(*s);
        conversationOptions.id = saver->id();
    }
    std::unique_ptr<agent::LlmSession> session;
    util::Result<agent::Conversation> conversation = util::Error{""};
    if (args.has("profile")) {
        agent::LlmAgentOptions agentOptions;
        agentOptions.mode = args.has("react") ? agent::AgentMode::React : agent::AgentMode::PlanFirst;
        agentOptions.reflection = args.has("reflection");
        if (agentOptions.reflection && !parseReflections(args.get("reflection"), agentOptions.maxReflections)) {
            cleanup();
            return usageError("--reflection takes the number of re-plans, 0 to 5 (got '" + args.get("reflection") +
                              "')");
        }
        agentOptions.llmMemory = args.has("llm-memory");
        auto made = makeChatSession(args.get("profile"), args.get("profiles"), args.has("project") ? path : "",
                                    args.get("domain", (*data)->domain()), *data, agentOptions);
        if (!made) {
            cleanup();
            return failure(made.message());
        }
        session = std::move(*made);
        session->agent().setConversationId(conversationOptions.id);
        if (args.has("user") && saver) {
            if (auto s = saver->attachProfile(&session->agent(), args.get("user")); !s) {
                cleanup();
                return failure(s.message());
            }
        }
    } else {
        for (const char* llmOnly : {"react", "reflection", "llm-memory"})
            if (args.has(llmOnly)) {
                cleanup();
                return usageError(std::string("--") + llmOnly + " needs an LLM (--profile NAME)");
            }
        conversation = agent::Conversation::createBuiltin(*data, conversationOptions);
        if (!conversation) {
            cleanup();
            return failure(conversation.message());
        }
        if (saver) conversation->setTraceSink([&](const agent::TurnTrace& t) { saver->save(t); });
    }
    // One turn either way: the LLM agent streams its answer to stdout as it comes.
    auto runTurn = [&](const std::string& line) {
        if (!session) return conversation->turn(line);
        const auto start = std::chrono::steady_clock::now();
        agent::TurnResult r;
        const bool json = args.has("json");  // the JSON line carries the answer; no stream then
        r.trace = session->agent().turn(line, [json](std::string_view t) {
            if (json) return;
            std::fwrite(t.data(), 1, t.size(), stdout);
            std::fflush(stdout);
        });
        r.totalMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        for (const auto& step : r.trace.steps) r.toolMs += step.ms;
        r.answer = r.trace.answer;
        if (saver) saver->save(r.trace);
        return r;
    };

    std::ifstream script;
    if (args.has("script")) {
        script.open(args.get("script"));
        if (!script) {
            cleanup();
            return failure(args.get("script") + ": cannot open script file");
        }
    }
    std::istream& in = args.has("script") ? static_cast<std::istream&>(script) : std::cin;
    const bool interactive = !args.has("script");
    if (interactive)
        std::printf("Chatting about %zu %ss with %s. Empty line or 'quit' ends.\n", (*data)->catalog().size(),
                    (*data)->domain().c_str(),
                    session ? ("LLM profile '" + args.get("profile") + "'").c_str() : "the built-in planner (no LLM)");
    std::string line;
    while (true) {
        if (interactive) {
            std::printf("> ");
            std::fflush(stdout);
        }
        if (!std::getline(in, line)) break;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (interactive && (line.empty() || line == "quit" || line == "exit")) break;
        if (!interactive && (line.empty() || line[0] == '#')) continue;
        if (!interactive) std::printf("> %s\n", line.c_str());
        auto turn = runTurn(line);
        if (args.has("json")) {
            std::printf("%s\n",
                        turn.trace.toJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        } else {
            // The LLM agent has streamed its answer already.
            std::printf("%s\n", args.has("profile") ? "" : turn.answer.c_str());
            std::printf("-- trace: %s", turn.trace.summary().c_str());
            std::printf("   %.1f ms (tools %.1f ms)\n\n", turn.totalMs, turn.toolMs);
        }
        std::fflush(stdout);
    }
    cleanup();
    return 0;
}

}  // namespace rs::cli
