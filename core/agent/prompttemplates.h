#pragma once
// Prompt templates: the agent's prompts are data files, not string literals (STYLE.md rule 8).
//
// Layout: <resources>/prompts/<domain>/<kind>.md, one folder per domain word ("movie", "game"),
// one file per prompt kind (kPromptKinds: planner, writer, critic, memory, chitchat, react_step).
// A template is plain text with {{name}} placeholders (name: letters, digits, '_'; spaces inside
// the braces are allowed). Rendering replaces each placeholder with its value verbatim — values are
// never re-scanned, so a value holding "{{x}}" (user text, catalog titles) stays as it is.
//
// Errors name the file and line: a placeholder with no value ("…/planner.md:41: no value for
// {{table}}"), an unclosed or malformed "{{", a missing template file. Variables that the template
// does not use are ignored, so one variable set serves every prompt kind.
// Threading: PromptTemplate and PromptLibrary are immutable after load(); const calls are thread-safe.
#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace rs::agent {

using PromptVars = std::map<std::string, std::string, std::less<>>;

inline constexpr std::array<std::string_view, 6> kPromptKinds = {"planner", "writer",   "critic",
                                                                 "memory",  "chitchat", "react_step"};

class PromptTemplate {
public:
    // Parses text; source names it in errors (a path or "<inline>"). Fails on a malformed "{{".
    static util::Result<PromptTemplate> parse(std::string text, std::string source);
    static util::Result<PromptTemplate> load(const std::filesystem::path& file);

    const std::string& source() const { return source_; }
    const std::string& text() const { return text_; }
    // Placeholder names in order of first use, each once.
    std::vector<std::string> variables() const;
    // The text with every placeholder replaced; fails naming the first placeholder without a value.
    util::Result<std::string> render(const PromptVars& vars) const;

private:
    struct Piece {
        std::string literal;  // text before the placeholder
        std::string name;     // empty for the trailing literal
        int line = 0;         // 1-based line of the placeholder
    };
    std::string text_, source_;
    std::vector<Piece> pieces_;
};

class PromptLibrary {
public:
    // Loads every kind in kPromptKinds from promptsDir/domain/. Fails naming the first missing or
    // malformed file, or when domain is not a plain word (no path separators).
    static util::Result<PromptLibrary> load(const std::filesystem::path& promptsDir, const std::string& domain);

    const std::string& domain() const { return domain_; }
    // Fails when kind is not one of kPromptKinds.
    util::Result<const PromptTemplate*> get(std::string_view kind) const;
    util::Result<std::string> render(std::string_view kind, const PromptVars& vars) const;

private:
    std::string domain_;
    std::map<std::string, PromptTemplate, std::less<>> templates_;
};

// The domain words shipped under promptsDir (its sub-folders), sorted.
std::vector<std::string> promptDomains(const std::filesystem::path& promptsDir);

// Where the shipped resources are: $RECSCOPE_RESOURCES when set, else the first "resources" folder
// holding prompts/ found walking up from the running executable, else the checkout's resources/
// this build was configured from, else ./resources. The result may
// not exist; loaders report that with the path.
std::filesystem::path defaultResourceDir();

}  // namespace rs::agent
