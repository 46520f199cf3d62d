#include "args.h"

#include <cstdio>

namespace rs::cli {

Args::Args(const std::vector<OptionSpec>& specs, int argc, char** argv, int first) {
    auto findSpec = [&](const std::string& name) -> const OptionSpec* {
        for (const auto& s : specs)
            if (s.name == name) return &s;
        return nullptr;
    };
    for (int i = first; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0 || a == "--") {
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        bool inlineValue = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            inlineValue = true;
        }
        const OptionSpec* spec = findSpec(name);
        if (!spec) {
            error_ = "unknown option '--" + name + "' (see --help)";
            return;
        }
        if (spec->takesValue && !inlineValue) {
            if (i + 1 >= argc) {
                error_ = "option '--" + name + "' needs a value";
                return;
            }
            value = argv[++i];
        } else if (!spec->takesValue && inlineValue) {
            error_ = "option '--" + name + "' takes no value";
            return;
        }
        values_[name] = spec->takesValue ? value : "1";
    }
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

void printHelp(const std::string& command, const std::string& usage, const std::string& summary,
               const std::vector<OptionSpec>& specs) {
    std::printf("usage: recscope-cli %s %s\n\n%s\n\noptions:\n", command.c_str(), usage.c_str(), summary.c_str());
    for (const auto& s : specs) {
        std::string left = "  --" + s.name + (s.takesValue ? " VALUE" : "");
        std::printf("%-28s %s", left.c_str(), s.help.c_str());
        if (!s.defaultValue.empty()) std::printf(" (default: %s)", s.defaultValue.c_str());
        std::printf("\n");
    }
}

int usageError(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "recscope-cli %s: %s\n(see recscope-cli %s --help)\n", command.c_str(), message.c_str(),
                 command.c_str());
    return 2;
}

int failure(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "recscope-cli %s: %s\n", command.c_str(), message.c_str());
    return 1;
}

}  // namespace rs::cli
