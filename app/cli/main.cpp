// recscope-cli: the headless front end. Subcommands are dispatched from a table so each lives in
// its own file.
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"

namespace {
struct Command {
    const char* name;
    const char* summary;
    int (*run)(int, char**);
};
constexpr Command kCommands[] = {
    {"import", "import a dataset into a project file and report what was read", rs::cli::runImport},
    {"train", "train a model on a dataset or project and save it", rs::cli::runTrain},
    {"eval", "evaluate models with full ranking (Recall, NDCG, HitRate, MRR)", rs::cli::runEval},
    {"llm", "check an OpenAI-compatible endpoint (llm ping) and list presets", rs::cli::runLlm},
    {"search", "semantic search of a catalog by free text (offline tf-idf + FAISS)", rs::cli::runSearch},
    {"chat", "talk with the recommender agent (an LLM profile, or the built-in planner with no LLM)", rs::cli::runChat},
    {"trace", "list agent conversations in a project, or show one turn's full trace", rs::cli::runTrace},
    {"match", "ground free-text titles in catalog items (title matcher)", rs::cli::runMatch},
};

void usage(std::FILE* out) {
    std::fprintf(out, "usage: recscope-cli <command> [options]\n\ncommands:\n");
    for (const auto& c : kCommands) std::fprintf(out, "  %-8s %s\n", c.name, c.summary);
    std::fprintf(out, "\nrecscope-cli <command> --help shows a command's options.\n");
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        usage(stdout);
        return 0;
    }
    if (cmd == "--version") {
        std::printf("recscope-cli 0.1.0\n");
        return 0;
    }
    for (const auto& c : kCommands)
        if (cmd == c.name) return c.run(argc, argv);
    std::fprintf(stderr, "recscope-cli: unknown command '%s'\n\n", cmd.c_str());
    usage(stderr);
    return 2;
}
