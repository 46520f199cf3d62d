// recscope-cli llm: check an OpenAI-compatible endpoint from the shell.
//   llm ping    lists /models and runs a one-token completion, printing what works and what not
//   llm presets lists the built-in endpoint presets
//   llm profiles shows a project's endpoint profiles, or stores them from a JSON file
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
#include "llm/profilestore.h"

namespace rs::cli {

namespace {
std::vector<OptionSpec> pingSpecs() {
    return {
        {"profile", true, "a preset (openai, azure, ollama, llamacpp, vllm, lmstudio) or a profile in --profiles", ""},
        {"profiles", true, "JSON file with {\"profiles\": [...], \"roles\": {...}}, or a project file", ""},
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

// Profiles from a JSON file, or from a project file's stored profiles.
util::Result<llm::ProfileSet> readProfileSet(const std::string& path) {
    if (store::ProjectStore::looksLikeSqlite(path)) {
        auto project = store::ProjectStore::open(path, true);
        if (!project) return util::Error{project.message()};
        return llm::loadProfiles(*project);
    }
    bool ok = false;
    const std::string text = readFile(path, ok);
    if (!ok) return util::Error{"cannot read " + path};
    auto parsed = llm::parseProfileSet(text);
    if (!parsed) return util::Error{path + ": " + parsed.message()};
    return parsed;
}

int runProfiles(int argc, char** argv) {
    const std::vector<OptionSpec> specs = {
        {"project", true, "project file (required)", ""},
        {"import", true, "JSON file of profiles to store in the project (replaces the stored ones)", ""},
        {"help", false, "show this help", ""},
    };
    Args args(specs, argc, argv, 3);
    if (!args.error().empty()) return usageError(args.error());
    if (args.has("help")) {
        printHelp("llm profiles", "--project FILE [--import PROFILES.json]",
                  "Shows the endpoint profiles and role assignments stored in a project, or stores them\n"
                  "from a JSON file. Only API-key variable names are stored, never keys.",
                  specs);
        return 0;
    }
    if (!args.has("project")) return usageError("missing required option --project");
    auto project = store::ProjectStore::open(args.get("project"));
    if (!project) return std::fprintf(stderr, "recscope-cli llm: %s\n", project.message().c_str()), 1;
    if (args.has("import")) {
        auto set = readProfileSet(args.get("import"));
        if (!set) return std::fprintf(stderr, "recscope-cli llm: %s\n", set.message().c_str()), 1;
        if (auto s = llm::saveProfiles(*project, *set); !s)
            return std::fprintf(stderr, "recscope-cli llm: %s\n", s.message().c_str()), 1;
    }
    auto set = llm::loadProfiles(*project);
    if (!set) return std::fprintf(stderr, "recscope-cli llm: %s\n", set.message().c_str()), 1;
    std::printf("%zu profiles in %s\n", set->profiles.size(), args.get("project").c_str());
    for (const auto& p : set->profiles)
        std::printf("  %-12s %s  model=%s  key=%s\n", p.name.c_str(), p.baseUrl.c_str(), p.model.c_str(),
                    p.apiKeyEnv.empty() ? "(none)" : ("$" + p.apiKeyEnv).c_str());
    for (const auto& [role, name] : set->roles) std::printf("  role %-10s -> %s\n", role.c_str(), name.c_str());
    return 0;
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
            auto parsed = readProfileSet(args.get("profiles"));
            if (!parsed) return usageError(parsed.message());
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
    if (sub == "profiles") return runProfiles(argc, argv);
    if (sub == "--help" || sub == "-h" || sub == "help") {
        std::printf(
            "usage: recscope-cli llm <ping|presets|profiles> [options]\n\n"
            "  ping      list /models and run a one-token completion against an endpoint\n"
            "  presets   list the built-in endpoint presets\n"
            "  profiles  show or store a project's endpoint profiles\n");
        return 0;
    }
    return usageError(sub.empty() ? "missing subcommand (ping, presets, profiles)"
                                  : "unknown subcommand '" + sub + "'");
}

}  // namespace rs::cli
