// recscope-cli llm: check an OpenAI-compatible endpoint from the shell.
//   llm ping    lists /models and runs a one-token completion, printing what works and what not
//   llm presets lists the built-in endpoint presets
// The API key is read from the environment variable the profile names; it is never printed.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "args.h"
#include "commands.h"
#include "evalcli.h"
#include "llm/chatclient.h"
#include "llm/profile.h"

namespace rs::cli {

namespace {
std::vector<OptionSpec> pingSpecs() {
    return {
        {"profile", true, "a preset (openai, azure, ollama, llamacpp, vllm, lmstudio) or a profile in --profiles", ""},
        {"profiles", true, "JSON file with {\"profiles\": [...], \"roles\": {...}}", ""},
        {"base", true, "base URL, e.g. http://localhost:11434/v1 (instead of or over --profile)", ""},
        {"model", true, "model name (overrides the profile's)", ""},
        {"key-env", true, "NAME of the environment variable holding the API key", ""},
        {"timeout", true, "seconds for the whole check of each endpoint call", "30"},
        {"help", false, "show this help", ""},
    };
}

int usageError(const std::string& message) {
    std::fprintf(stderr, "recscope-cli llm: %s\n(see recscope-cli llm ping --help)\n", message.c_str());
    return 2;
}

std::string readFile(const std::string& path, bool& ok) {
    std::ifstream in(path, std::ios::binary);
    ok = static_cast<bool>(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int runPresets() {
    for (const auto& p : llm::presetProfiles())
        std::printf("%-9s %s  model=%s  key=%s%s\n", p.name.c_str(), p.baseUrl.c_str(), p.model.c_str(),
                    p.apiKeyEnv.empty() ? "(none)" : ("$" + p.apiKeyEnv).c_str(), p.azure ? "  (Azure)" : "");
    return 0;
}

int runPing(int argc, char** argv) {
    const auto specs = pingSpecs();
    Args args(specs, argc, argv, 3);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("llm ping", "(--profile NAME | --base URL --model M) [--key-env VAR] [--profiles FILE]",
                  "Lists the endpoint's models and runs a one-token completion, printing what works and what\n"
                  "does not. Exit code 0 when the completion works.",
                  specs);
        return 0;
    }
    if (!args.positional().empty()) return usageError("unexpected argument '" + args.positional().front() + "'");

    llm::EndpointProfile profile;
    if (args.has("profile")) {
        llm::ProfileSet set;
        if (args.has("profiles")) {
            bool ok = false;
            const std::string text = readFile(args.get("profiles"), ok);
            if (!ok) return usageError("cannot read " + args.get("profiles"));
            auto parsed = llm::parseProfileSet(text);
            if (!parsed) return usageError(args.get("profiles") + ": " + parsed.message());
            set = std::move(*parsed);
        }
        auto found = set.find(args.get("profile"));
        if (!found) return usageError("unknown profile '" + args.get("profile") + "' (see recscope-cli llm presets)");
        profile = std::move(*found);
    } else if (args.has("base")) {
        profile.name = "command line";
        profile.local = true;
    } else {
        return usageError("give --profile NAME or --base URL --model M");
    }
    if (args.has("base")) profile.baseUrl = args.get("base");
    if (args.has("model")) profile.model = args.get("model");
    if (args.has("key-env")) profile.apiKeyEnv = args.get("key-env");
    if (profile.model.empty()) return usageError("missing --model");
    const double timeout = std::atof(args.get("timeout", "30").c_str());
    if (timeout <= 0) return usageError("--timeout must be a positive number of seconds");
    profile.timeouts.totalSeconds = timeout;
    profile.timeouts.firstByteSeconds = std::min(profile.timeouts.firstByteSeconds, timeout);
    profile.retry.maxRetries = 1;

    std::printf("endpoint: %s\n", profile.describe().c_str());
    if (profile.apiKeyEnv.empty()) {
        std::printf("  key:         none sent (fine for a local server)\n");
    } else {
        const char* key = std::getenv(profile.apiKeyEnv.c_str());
        std::printf("  key:         from $%s (%s)\n", profile.apiKeyEnv.c_str(), key && *key ? "set" : "NOT SET");
    }

    ProgressPrinter progress;
    const util::Task task = progress.task();
    llm::ChatClient client(profile);
    auto models = client.listModels(task);
    if (models) {
        std::string list;
        for (size_t i = 0; i < models->size() && i < 10; ++i) list += (i ? ", " : "") + (*models)[i];
        if (models->size() > 10) list += ", …";
        std::printf("  models:      ok, %zu listed (%s)\n", models->size(), list.c_str());
        const bool listed = std::find(models->begin(), models->end(), profile.model) != models->end();
        std::printf("  model:       '%s' %s\n", profile.model.c_str(),
                    listed ? "is listed" : "is NOT listed (the server may still accept it)");
    } else {
        std::printf("  models:      FAILED: %s\n", models.message().c_str());
    }

    llm::ChatRequest req;
    req.messages = {llm::ChatMessage::user("Reply with the single word: ok")};
    req.maxTokens = 1;
    req.temperature = 0;
    std::string reply;
    auto r = client.stream(
        req,
        [&](const llm::StreamDelta& d) {
            if (d.kind == llm::StreamDelta::Kind::Content) reply.append(d.text);
        },
        task);
    progress.finish();
    if (!r) {
        std::printf("  completion:  FAILED: %s\n", r.message().c_str());
        std::printf("result: FAILED\n");
        return 1;
    }
    std::printf("  completion:  ok in %.3f s (first token %.3f s, %d retries), reply \"%s\", finish %s\n",
                r->stats.latencySeconds, r->stats.firstTokenSeconds, r->stats.retries, r->content.c_str(),
                r->finishReason.c_str());
    if (r->stats.usageReported)
        std::printf("  usage:       %lld prompt + %lld completion tokens\n",
                    static_cast<long long>(r->stats.promptTokens), static_cast<long long>(r->stats.completionTokens));
    else
        std::printf("  usage:       not reported by the server\n");
    std::printf("result: ok\n");
    return 0;
}
}  // namespace

int runLlm(int argc, char** argv) {
    const std::string sub = argc > 2 ? argv[2] : "";
    if (sub == "ping") return runPing(argc, argv);
    if (sub == "presets") return runPresets();
    if (sub == "--help" || sub == "-h" || sub == "help") {
        std::printf(
            "usage: recscope-cli llm <ping|presets> [options]\n\n"
            "  ping     list /models and run a one-token completion against an endpoint\n"
            "  presets  list the built-in endpoint presets\n");
        return 0;
    }
    return usageError(sub.empty() ? "missing subcommand (ping, presets)" : "unknown subcommand '" + sub + "'");
}

}  // namespace rs::cli
