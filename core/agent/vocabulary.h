#pragma once
// Vocabulary: snaps a word an LLM or a user wrote to the nearest word a catalog really has —
// column names ("genre" -> "genres"), tag values ("scifi" -> "Sci-Fi", "Rpg" -> "RPG").
//
// Matching, best first: the exact string; the same folded key (foldTitleText with the spaces
// removed, so case, accents, hyphens and spaces do not count: "sci fi" = "Sci-Fi"); then the
// smallest Damerau-Levenshtein distance between folded keys, accepted when it is at most
// max(1, length / 4) (a typo or two in a long word, never a different short word); ties go to
// the more frequent value, then the earlier one. Plural/singular "s" is one edit, so it snaps.
// Threading: build once; nearest() is const and thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rs::agent {

// Lower-case, accent-folded, only letters and digits: the key two spellings must share.
std::string foldKey(std::string_view text);
// Damerau-Levenshtein (optimal string alignment) distance over bytes, stopping early once the
// distance exceeds limit (returns limit + 1 then).
int editDistance(std::string_view a, std::string_view b, int limit);

struct VocabularyMatch {
    std::string value;   // the vocabulary's spelling
    int distance = 0;    // 0 = same folded key (or exact)
    bool exact = false;  // byte-identical
};

class Vocabulary {
public:
    Vocabulary() = default;
    // values with their counts (counts break ties; pass 0 when unknown). Duplicates are merged.
    explicit Vocabulary(const std::vector<std::pair<std::string, int64_t>>& values);

    void add(const std::string& value, int64_t count = 0);
    size_t size() const { return values_.size(); }
    const std::vector<std::string>& values() const { return values_; }
    int64_t count(size_t i) const { return counts_[i]; }

    std::optional<VocabularyMatch> nearest(std::string_view word) const;
    // Only the exact and same-folded-key steps of nearest(): a hash lookup, no edit distances.
    const std::string* sameKey(std::string_view word) const;
    // Vocabulary values whose folded key occurs as a whole word sequence in text's folded words
    // (for "sci-fi movies from the 90s" -> "Sci-Fi"); longest values first, no overlaps.
    std::vector<std::string> findIn(std::string_view text) const;

private:
    std::vector<std::string> values_;
    std::vector<std::string> keys_;
    std::vector<int64_t> counts_;
    std::unordered_map<std::string, size_t> exact_;
    std::unordered_map<std::string, size_t> byKey_;
};

}  // namespace rs::agent
