#include "agent/builtinparse.h"

#include <array>
#include <cctype>

#include "util/text.h"

namespace rs::agent::detail {

Words splitWords(std::string_view text) {
    Words out;
    std::string cur;
    auto flush = [&](bool brk) {
        if (!cur.empty()) {
            // Trailing apostrophes and hyphens are quotes or dashes, not part of the word.
            while (!cur.empty() && (cur.back() == '\'' || cur.back() == '-')) cur.pop_back();
            while (!cur.empty() && (cur.front() == '\'' || cur.front() == '-')) cur.erase(cur.begin());
            if (!cur.empty()) {
                out.w.push_back(cur);
                out.breakAfter.push_back(0);
            }
            cur.clear();
        }
        if (brk && !out.breakAfter.empty()) out.breakAfter.back() = 1;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool next = i + 1 < text.size();
        const auto n = next ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-' || c == '$' || c == '&') {
            cur += char(std::tolower(c));
        } else if (c == '.' && std::isdigit(n) && !cur.empty()) {
            cur += '.';  // "9.99"
        } else if (c == ':' && !cur.empty() && next && n == ' ') {
            cur += ':';  // "2001: A Space Odyssey" stays together for the matcher
            flush(false);
        } else if (c == ',' || c == ';' || c == '?' || c == '!' || c == '(' || c == ')' || c == '.' || c == '"') {
            flush(true);
        } else {
            flush(false);
        }
    }
    flush(true);
    out.used.assign(out.w.size(), 0);
    return out;
}

size_t Words::phraseAt(size_t i, std::string_view phrase) const {
    const auto parts = util::splitWhitespace(phrase);
    if (i + parts.size() > w.size()) return 0;
    for (size_t k = 0; k < parts.size(); ++k) {
        if (used[i + k] || w[i + k] != parts[k]) return 0;
        if (k + 1 < parts.size() && breakAfter[i + k]) return 0;
    }
    return parts.size();
}

size_t Words::find(std::string_view phrase, size_t from) const {
    for (size_t i = from; i < w.size(); ++i)
        if (phraseAt(i, phrase)) return i;
    return std::string::npos;
}

std::string Words::join(size_t from, size_t len) const {
    std::string out;
    for (size_t k = from; k < from + len && k < w.size(); ++k) out += (out.empty() ? "" : " ") + w[k];
    return out;
}

void Words::markUsed(size_t from, size_t len) {
    for (size_t k = from; k < from + len && k < used.size(); ++k) used[k] = 1;
}

size_t Words::runLength(size_t i, size_t maxLen) const {
    size_t len = 0;
    while (i + len < w.size() && len < maxLen && !used[i + len]) {
        ++len;
        if (breakAfter[i + len - 1]) break;
    }
    return len;
}

int smallNumber(std::string_view word) {
    static constexpr std::array<std::string_view, 21> kNames = {
        "zero",     "one",     "two",     "three",     "four",     "five",     "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    for (size_t i = 1; i < kNames.size(); ++i)
        if (word == kNames[i]) return int(i);
    if (auto v = util::parseInt64(word); v && *v >= 1 && *v <= 99) return int(*v);
    return 0;
}

}  // namespace rs::agent::detail
