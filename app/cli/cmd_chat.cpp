// recscope-cli chat: a conversation with the recommender agent, interactive (one user line at a
// time from stdin) or scripted (--script FILE, one user line per line; empty lines and lines
// starting with '#' are skipped). Prints each answer and a short trace; --json prints each turn's
// full trace as one JSON line instead.
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
    {"profile", true, "an LLM endpoint profile for the planner (plan-first: 2 LLM calls per request)", ""},
    {"profiles", true, "JSON file of LLM profiles (else the project's, else the presets)", ""},
    {"domain", true, "prompt domain word for the LLM planner (movie, game)", "the catalog's"},
    {"user", true, "with --project --profile: whose long-term profile to use and update", ""},
    {"script", true, "a file of user lines to play instead of reading stdin", ""},
    {"model", true, "recommender(s) for preference ranking, e.g. ease or ease:lambda=300", "ease"},
    {"json", false, "print each turn's full trace as one JSON line", ""},
    {"help", false, "show this help", ""},
};

int usageError(const std::string& message) {
    std::fprintf(stderr, "recscope-cli chat: %s\n(see recscope-cli chat --help)\n", message.c_str());
    return 2;
}
int failure(const std::string& message) {
    std::fprintf(stderr, "recscope-cli chat: %s\n", message.c_str());
    return 1;
}

}  // namespace

int runChat(int argc, char** argv) {
    Args args(kSpecs, argc, argv, 2);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("chat", "--data PATH | --project FILE [--builtin | --profile NAME] [--script FILE]",
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
    // With --profile the LLM plans and writes (its answer streams to stdout); traces of a project
    // file's conversations are saved in it for `recscope-cli trace show`.
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
    util::Result<agent::Conversation> conversation = util::Error{""};
    if (args.has("profile")) {
        auto planner = makeChatPlanner(args.get("profile"), args.get("profiles"), args.has("project") ? path : "",
                                       args.get("domain", (*data)->domain()));
        if (!planner) {
            cleanup();
            return failure(planner.message());
        }
        if (args.has("user") && saver) {
            if (auto s = saver->attachProfile(planner->get(), args.get("user")); !s) {
                cleanup();
                return failure(s.message());
            }
        }
        conversation = agent::Conversation::create(*data, std::move(*planner), conversationOptions);
    } else {
        conversation = agent::Conversation::createBuiltin(*data, conversationOptions);
    }
    if (conversation && saver) conversation->setTraceSink([&](const agent::TurnTrace& t) { saver->save(t); });
    if (!conversation) {
        cleanup();
        return failure(conversation.message());
    }

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
        std::printf("Chatting about %zu %ss with the built-in planner (no LLM). Empty line or 'quit' ends.\n",
                    (*data)->catalog().size(), (*data)->domain().c_str());
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
        auto turn = conversation->turn(line);
        if (args.has("json")) {
            std::printf("%s\n",
                        turn.trace.toJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        } else {
            // The LLM planner has streamed its answer already.
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
