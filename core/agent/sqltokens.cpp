#include "agent/sqltokens.h"

#include <cctype>

namespace rs::agent {

namespace {
bool isIdentStart(unsigned char c) {
    return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool isIdentChar(unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}
}  // namespace

std::vector<SqlToken> tokenizeSql(std::string_view s) {
    std::vector<SqlToken> out;
    size_t i = 0;
    const size_t n = s.size();
    auto push = [&](SqlTokenKind k, size_t end) {
        out.push_back({k, std::string(s.substr(i, end - i))});
        i = end;
    };
    while (i < n) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (std::isspace(c)) {
            size_t j = i;
            while (j < n && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
            push(SqlTokenKind::Space, j);
        } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
            const size_t j = s.find('\n', i);
            push(SqlTokenKind::Comment, j == std::string_view::npos ? n : j);
        } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
            const size_t j = s.find("*/", i + 2);
            push(SqlTokenKind::Comment, j == std::string_view::npos ? n : j + 2);
        } else if (c == '\'' || ((c == 'x' || c == 'X') && i + 1 < n && s[i + 1] == '\'')) {
            size_t j = i + (c == '\'' ? 1 : 2);
            while (j < n) {
                if (s[j] == '\'') {
                    if (j + 1 < n && s[j + 1] == '\'') {
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                ++j;
            }
            push(SqlTokenKind::String, j);
        } else if (c == '"' || c == '`' || c == '[') {
            const char close = c == '[' ? ']' : char(c);
            size_t j = i + 1;
            while (j < n) {
                if (s[j] == close) {
                    if (close != ']' && j + 1 < n && s[j + 1] == close) {
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                ++j;
            }
            push(SqlTokenKind::Quoted, j);
        } else if (std::isdigit(c) || (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
            size_t j = i;
            while (j < n && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
                             ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
                ++j;
            push(SqlTokenKind::Number, j);
        } else if (isIdentStart(c)) {
            size_t j = i;
            while (j < n && isIdentChar(static_cast<unsigned char>(s[j]))) ++j;
            push(SqlTokenKind::Word, j);
        } else {
            static constexpr std::string_view kTwo[] = {"<=", ">=", "!=", "<>", "==", "||", "<<", ">>", "->"};
            size_t len = 1;
            for (auto two : kTwo)
                if (s.substr(i, 2) == two) len = 2;
            if (len == 2 && s.substr(i, 3) == "->>") len = 3;
            push(SqlTokenKind::Symbol, i + len);
        }
    }
    return out;
}

std::string joinTokens(const std::vector<SqlToken>& tokens) {
    std::string out;
    for (const auto& t : tokens) out += t.text;
    return out;
}

std::string tokenName(const SqlToken& t) {
    if (t.kind != SqlTokenKind::Quoted || t.text.size() < 2) return t.text;
    const char open = t.text.front();
    const char close = open == '[' ? ']' : open;
    std::string out;
    const size_t end = t.text.back() == close ? t.text.size() - 1 : t.text.size();
    for (size_t i = 1; i < end; ++i) {
        out += t.text[i];
        if (close != ']' && t.text[i] == close && i + 1 < end && t.text[i + 1] == close) ++i;
    }
    return out;
}

std::string stringValue(const SqlToken& t) {
    if (t.kind != SqlTokenKind::String || t.text.empty() || t.text.front() != '\'') return {};
    std::string out;
    const size_t end = t.text.size() > 1 && t.text.back() == '\'' ? t.text.size() - 1 : t.text.size();
    for (size_t i = 1; i < end; ++i) {
        out += t.text[i];
        if (t.text[i] == '\'' && i + 1 < end && t.text[i + 1] == '\'') ++i;
    }
    return out;
}

std::string quoteSqlString(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

bool onlySpaceOrComments(std::string_view text) {
    for (const auto& t : tokenizeSql(text)) {
        if (t.kind == SqlTokenKind::Space || t.kind == SqlTokenKind::Comment) continue;
        if (t.kind == SqlTokenKind::Symbol && t.text == ";") continue;
        return false;
    }
    return true;
}

}  // namespace rs::agent
