#pragma once
// A small command-line parser for recscope-cli subcommands: "--name value", "--name=value",
// boolean "--flag", and positional arguments. Unknown options are an error naming the option.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rs::cli {

struct OptionSpec {
    std::string name;  // without the leading dashes
    bool takesValue = true;
    std::string help;
    std::string defaultValue;  // shown in --help; empty = none
};

class Args {
public:
    // Parses argv[first..]. On failure error() is non-empty.
    Args(const std::vector<OptionSpec>& specs, int argc, char** argv, int first);

    const std::string& error() const { return error_; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> positional_;
    std::string error_;
};

// Prints "usage: recscope-cli <command> <usage>", the summary and each option with its help.
// "recscope-cli COMMAND: message" on stderr (plus a --help hint for usage errors); returns the
// exit code: 2 for usage errors, 1 for failures.
int usageError(const std::string& command, const std::string& message);
int failure(const std::string& command, const std::string& message);
void printHelp(const std::string& command, const std::string& usage, const std::string& summary,
               const std::vector<OptionSpec>& specs);

}  // namespace rs::cli
