#pragma once
// Finding the JSON object in an LLM's answer, which may be wrapped in prose or code fences: the
// first '{' to its matching '}', with braces inside strings (and escaped quotes) ignored.
#include <string_view>

namespace rs::util {

struct JsonObjectSpan {
    bool found = false;     // the text has a '{'
    bool balanced = false;  // its matching '}' was found; otherwise body runs to the end of text
    std::string_view body;
};

inline JsonObjectSpan findJsonObject(std::string_view text) {
    JsonObjectSpan out;
    const size_t start = text.find('{');
    if (start == std::string_view::npos) return out;
    out.found = true;
    int depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = start; i < text.size(); ++i) {
        const char ch = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
        } else if (ch == '"') {
            inString = true;
        } else if (ch == '{') {
            ++depth;
        } else if (ch == '}' && --depth == 0) {
            out.balanced = true;
            out.body = text.substr(start, i - start + 1);
            return out;
        }
    }
    out.body = text.substr(start);
    return out;
}

}  // namespace rs::util
