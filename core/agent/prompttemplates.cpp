#include "agent/prompttemplates.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace rs::agent {

namespace {
bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
}  // namespace

util::Result<PromptTemplate> PromptTemplate::parse(std::string text, std::string source) {
    PromptTemplate t;
    t.text_ = std::move(text);
    t.source_ = std::move(source);
    const std::string& s = t.text_;
    std::string literal;
    int line = 1;
    size_t i = 0;
    while (i < s.size()) {
        if (s.compare(i, 2, "{{") != 0) {
            if (s[i] == '\n') ++line;
            literal.push_back(s[i++]);
            continue;
        }
        const size_t close = s.find("}}", i + 2);
        const size_t nextOpen = s.find("{{", i + 2);
        const std::string where = t.source_ + ":" + std::to_string(line) + ": ";
        if (close == std::string::npos || (nextOpen != std::string::npos && nextOpen < close))
            return util::Error{where + "'{{' without a closing '}}'"};
        size_t a = i + 2, b = close;
        while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
        const std::string name = s.substr(a, b - a);
        if (name.empty() || !std::all_of(name.begin(), name.end(), isNameChar))
            return util::Error{where + "placeholder '" + s.substr(i, close + 2 - i) +
                               "' is not {{name}} (letters, digits and '_')"};
        t.pieces_.push_back({std::move(literal), name, line});
        literal.clear();
        i = close + 2;
    }
    t.pieces_.push_back({std::move(literal), {}, line});
    return t;
}

util::Result<PromptTemplate> PromptTemplate::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return util::Error{"cannot read prompt template " + file.string()};
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), file.string());
}

std::vector<std::string> PromptTemplate::variables() const {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& p : pieces_)
        if (!p.name.empty() && seen.insert(p.name).second) out.push_back(p.name);
    return out;
}

util::Result<std::string> PromptTemplate::render(const PromptVars& vars) const {
    std::string out;
    out.reserve(text_.size());
    for (const auto& p : pieces_) {
        out += p.literal;
        if (p.name.empty()) continue;
        auto it = vars.find(p.name);
        if (it == vars.end())
            return util::Error{source_ + ":" + std::to_string(p.line) + ": no value for {{" + p.name + "}}"};
        out += it->second;
    }
    return out;
}

util::Result<PromptLibrary> PromptLibrary::load(const std::filesystem::path& promptsDir, const std::string& domain) {
    if (domain.empty() || !std::all_of(domain.begin(), domain.end(), isNameChar))
        return util::Error{"prompt domain '" + domain + "' is not a plain word (e.g. movie, game)"};
    const auto dir = promptsDir / domain;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        std::string known;
        for (const auto& d : promptDomains(promptsDir)) known += (known.empty() ? "" : ", ") + d;
        return util::Error{"no prompts for domain '" + domain + "': " + dir.string() + " is not a folder" +
                           (known.empty() ? "" : " (domains: " + known + ")")};
    }
    PromptLibrary lib;
    lib.domain_ = domain;
    for (auto kind : kPromptKinds) {
        auto t = PromptTemplate::load(dir / (std::string(kind) + ".md"));
        if (!t) return t.status();
        lib.templates_.emplace(std::string(kind), std::move(*t));
    }
    return lib;
}

util::Result<const PromptTemplate*> PromptLibrary::get(std::string_view kind) const {
    auto it = templates_.find(kind);
    if (it == templates_.end()) return util::Error{"unknown prompt kind '" + std::string(kind) + "'"};
    return &it->second;
}

util::Result<std::string> PromptLibrary::render(std::string_view kind, const PromptVars& vars) const {
    auto t = get(kind);
    if (!t) return t.status();
    return (*t)->render(vars);
}

std::vector<std::string> promptDomains(const std::filesystem::path& promptsDir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(promptsDir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec)) out.push_back(it->path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::filesystem::path defaultResourceDir() {
    if (const char* env = std::getenv("RECSCOPE_RESOURCES"); env && *env) return env;
    std::error_code ec;
    // Linux: the running executable; a build tree (build/app/recscope-cli) or an install prefix
    // (bin/../share/recscope/resources) both lie below a folder that has the resources.
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (auto dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
            for (const auto& candidate : {dir / "resources", dir / "share" / "recscope" / "resources"})
                if (std::filesystem::is_directory(candidate / "prompts", ec)) return candidate;
            if (dir == dir.parent_path()) break;
        }
    }
#ifdef RECSCOPE_SOURCE_RESOURCES
    if (std::filesystem::is_directory(std::filesystem::path(RECSCOPE_SOURCE_RESOURCES) / "prompts", ec))
        return RECSCOPE_SOURCE_RESOURCES;
#endif
    return std::filesystem::current_path(ec) / "resources";
}

}  // namespace rs::agent
