#pragma once
// Internal to the built-in planner: the user's text as words with phrase breaks, and phrase
// matching over them. Not part of the public API.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rs::agent::detail {

struct Words {
    std::vector<std::string> w;       // lower-case words (ASCII folded; other bytes kept)
    std::vector<uint8_t> breakAfter;  // a comma, ';', '?', '!', ')' or sentence end follows
    std::vector<uint8_t> used;        // consumed by an earlier rule

    size_t size() const { return w.size(); }
    // Does the phrase (space-separated words) start at word i? Returns its length in words, 0 if not.
    size_t phraseAt(size_t i, std::string_view phrase) const;
    // First position of phrase among unused words, or npos.
    size_t find(std::string_view phrase, size_t from = 0) const;
    bool has(std::string_view phrase) const { return find(phrase) != std::string::npos; }
    std::string join(size_t from, size_t len) const;
    void markUsed(size_t from, size_t len);
    // Words from i up to (not past) the next phrase break, at most maxLen.
    size_t runLength(size_t i, size_t maxLen) const;
};

Words splitWords(std::string_view text);

// "one".."twenty" and digits 1..99 -> value; 0 when not a small count.
int smallNumber(std::string_view word);

}  // namespace rs::agent::detail
