#include "index/titlematcher_normalize.h"

#include <algorithm>
#include <array>

namespace rs::index {

namespace {

// Base letters of U+00C0..U+00FF; "" = a separator (× and ÷).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0..CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0..DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0..EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0..FF
};
// Base letters of U+0100..U+017F (Latin Extended-A); '#' marks the two-letter ligatures Ĳ ĳ Œ œ.
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccdd"
    "ddeeeeeeeeeegggg"
    "gggghhhhiiiiiiii"
    "ii##jjkkklllllll"
    "lllnnnnnnnnnoooo"
    "oo##rrrrrrssssss"
    "ssttttttuuuuuuuu"
    "uuuuwwyyyzzzzzzs";
static_assert(kLatinExtA.size() == 128);

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Folds one code point into words: appends letters to `word`, or ends the word on a separator.
void fold(char32_t c, std::string& word, std::vector<std::string>& words) {
    auto flush = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
    if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
            word += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            word += static_cast<char>(c);
        } else if (c == '\'' || c == '.' || c == '`') {
            // joined: "L.A." = "LA", "Schindler's" = "Schindlers"
        } else if (c == '&') {
            flush();
            words.emplace_back("and");
        } else {
            flush();
        }
        return;
    }
    if (c >= 0xC0 && c <= 0xFF) {
        const char* base = kLatin1[c - 0xC0];
        if (*base)
            word += base;
        else
            flush();
        return;
    }
    if (c >= 0x100 && c <= 0x17F) {
        const char b = kLatinExtA[c - 0x100];
        if (b != '#')
            word += b;
        else
            word += (c <= 0x133) ? "ij" : "oe";
        return;
    }
    if (c >= 0x300 && c <= 0x36F) return;  // combining diacritics: "e\u0301" = "é" = "e"
    if (c == 0x2018 || c == 0x2019 || c == 0x00B4 || c == 0x02BC) return;  // typographic apostrophes
    if (c >= 0x80 && c <= 0xBF) return flush();                            // Latin-1 symbols: ® © ¡ « …
    if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x2100 && c <= 0x214F) || (c >= 0x3000 && c <= 0x303F) || c == 0xFFFD)
        return flush();  // general punctuation, letter-like symbols (™ ℠), CJK punctuation
    if (c >= 0x391 && c <= 0x3A9)
        c += 0x20;  // Greek capitals
    else if (c >= 0x410 && c <= 0x42F)
        c += 0x20;  // Cyrillic capitals
    else if (c >= 0x400 && c <= 0x40F)
        c += 0x50;
    appendUtf8(word, c);
}

std::vector<std::string> foldWords(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char32_t c : decodeUtf8(text)) fold(c, word, words);
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool isYearWord(std::string_view w, int* year) {
    if (w.size() != 4 || !std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    const int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
    if (y < 1800 || y > 2100) return false;
    *year = y;
    return true;
}

bool isArticle(std::string_view w) {
    static constexpr std::string_view kArticles[] = {"the", "a",  "an",  "le",  "la",  "les", "l",   "il",  "lo",
                                                     "gli", "el", "los", "las", "der", "die", "das", "den", "det"};
    return std::find(std::begin(kArticles), std::end(kArticles), w) != std::end(kArticles);
}

void moveTrailingArticle(std::vector<std::string>& words) {
    if (words.size() > 1 && isArticle(words.back())) std::rotate(words.begin(), words.end() - 1, words.end());
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    return s;
}

}  // namespace

std::u32string decodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
        for (int k = 1; ok && k < len; ++k) {
            const auto cb = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
            if ((cb & 0xC0) != 0x80) ok = false;
            c = (c << 6) | (cb & 0x3F);
        }
        if (ok && len > 1) {
            static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
            if (c < kMin[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) ok = false;
        }
        if (!ok) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        out += c;
        i += static_cast<size_t>(len);
    }
    return out;
}

std::string foldTitleText(std::string_view text) {
    return join(foldWords(text));
}

NormalizedTitle normalizeTitle(std::string_view title, bool peelBareYear) {
    NormalizedTitle out;
    std::string_view rest = trimSpaces(title);
    std::vector<std::string_view> groups;  // right to left
    while (!rest.empty() && rest.back() == ')') {
        int depth = 0;
        size_t open = std::string_view::npos;
        for (size_t i = rest.size(); i-- > 0;) {
            if (rest[i] == ')') ++depth;
            if (rest[i] == '(' && --depth == 0) {
                open = i;
                break;
            }
        }
        // Unbalanced, or the whole title is one group ("(500)"): keep it as text.
        if (open == std::string_view::npos || trimSpaces(rest.substr(0, open)).empty()) break;
        groups.push_back(trimSpaces(rest.substr(open + 1, rest.size() - open - 2)));
        rest = trimSpaces(rest.substr(0, open));
    }
    std::vector<std::vector<std::string>> parts;
    parts.push_back(foldWords(rest));
    for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
        int y = 0;
        if (isYearWord(*it, &y)) {
            out.year = y;  // iterating left to right, so the rightmost year wins
            continue;
        }
        auto words = foldWords(*it);
        if (!words.empty()) parts.push_back(std::move(words));
    }
    if (peelBareYear && out.year == 0 && parts.size() == 1 && parts[0].size() > 1 &&
        isYearWord(parts[0].back(), &out.year))
        parts[0].pop_back();
    for (auto& p : parts) {
        moveTrailingArticle(p);
        if (p.empty()) continue;
        out.parts.push_back(join(p));
        if (!out.text.empty()) out.text += ' ';
        out.text += out.parts.back();
    }
    return out;
}

}  // namespace rs::index
