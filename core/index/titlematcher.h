#pragma once
// TitleMatcher: grounds free text ("the matrix 1999", "Star Wars", "shawshank redemtion") in a
// catalog item. Every item an LLM names goes through it; callers refuse weak matches by score.
//
// Method. Titles and queries are normalised by normalizeTitle() (titlematcher_normalize.h: accents
// folded, punctuation and ™® dropped, ", The" moved to the front, a trailing "(1995)" kept as the
// year). Each item is indexed under its full normalised title and, when it has alternative titles
// in parentheses ("Seven (Se7en)"), under each part as an alias. A query is scored against every
// entry sharing a character trigram with it, through an inverted index:
//   similarity = 0.7 · cos(char-trigram TF-IDF) + 0.3 · cos(word TF-IDF)
// Trigrams are over code points of the words with word-boundary spaces, TF is raw counts, IDF is
// smoothed ln((1+N)/(1+df)) + 1; query grams unknown to the catalog count in the query's norm, so
// junk in a query lowers the score. The trigram part forgives typos and word splits, the word
// part rewards whole words. An exact normalised match scores 1; anything else is capped at 0.99.
// An alias match is worth 0.95 of a full-title match (an edition or subtitle in parentheses must
// not outrank an item that is exactly the query).
//
// Years. An item's year is the "(YYYY)" in its title, else an integer column "year", else the
// year of the first date column (e.g. Steam's release_date). A query's year is a "(YYYY)" group,
// or a last word 1800..2100 — read both ways ("blade runner 2049" may be a title), the better
// score wins. With a query year, an item of that year keeps its score, one year off × 0.95 (release
// dates and title years disagree by a year), another year × 0.8, an unknown year × 0.9.
// Without a query year, scores are not changed and exact ties (duplicate or remade titles) go
// to the more popular item (TitleMatcherOptions::popularity), then the earlier year (the original
// over a remake or re-release), then catalog order. Results are deterministic.
//
// Thresholds. Score ≥ 0.9: an exact or near-exact title (one typo in a long title, missing
// punctuation); ≥ kRecommendedMinScore (0.6): accept as grounded; below: refuse. Measured by
// bench/grounding_bench.cpp — see bench/RESULTS.md for the score distributions behind this.
//
// Threading: build() is single-threaded; match() is const and safe to call concurrently from any
// number of threads after construction (no shared mutable state; per-call buffers).
// Cost: build O(total title length); a lookup touches only entries sharing a trigram with the
// query (well under a millisecond on the 32k-item Steam catalog).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/itemcatalog.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::index {

inline constexpr double kRecommendedMinScore = 0.6;
// Queries longer than this many bytes are cut (at a code point boundary) before matching, so a
// pasted essay costs no more than a long title.
inline constexpr size_t kMaxQueryBytes = 1024;

struct TitleMatcherOptions {
    // Per catalog row (same order as catalog.ids()), e.g. interaction counts; breaks exact ties
    // when the query has no year. Empty = no popularity. Otherwise must have catalog.size() values.
    std::vector<double> popularity;
    double ngramWeight = 0.7;  // weight of the trigram cosine; the word cosine gets 1 - ngramWeight
};

struct TitleMatch {
    size_t row = 0;      // catalog row
    std::string itemId;  // catalog.ids()[row]
    std::string title;   // the catalog's title text, as stored
    int year = 0;        // the item's year, 0 = unknown
    double score = 0.0;  // in [0, 1]; 1 = exact normalised title (and year, when the query has one)
};

class TitleMatcher {
public:
    // Indexes every row with a non-empty title. Fails when the catalog has no title column, no
    // titled row, or popularity has the wrong size; "cancelled" when task is cancelled.
    static util::Result<TitleMatcher> build(const data::ItemCatalog& catalog, const TitleMatcherOptions& options = {},
                                            const util::Task& task = {});

    // Up to k candidates, best first, each with score > 0 (fewer when fewer items share a trigram
    // with the query). Error when the query holds no letters or digits after normalisation.
    util::Result<std::vector<TitleMatch>> match(std::string_view query, size_t k = 5) const;

    size_t size() const { return rows_.size(); }  // indexed items
    size_t entries() const { return entryRow_.size(); }

private:
    struct Weighted {
        uint32_t feature;
        float weight;
    };
    // One feature kind (trigrams or words). Inverted postings find candidates; the forward rows
    // (each entry's L2-normalised TF-IDF vector, sorted by feature) give their exact cosine.
    struct FeatureIndex {
        std::unordered_map<uint64_t, uint32_t> ids;  // feature key -> feature id
        std::vector<float> idf;
        std::vector<uint32_t> postOffsets, postEntries;  // feature f: postEntries[postOffsets[f] .. [f + 1])
        std::vector<uint32_t> fwdOffsets;                // entry e: fwd[fwdOffsets[e] .. [e + 1])
        std::vector<Weighted> fwd;
        float unknownIdf = 1.0f;  // idf of a feature no entry has
        uint32_t df(uint32_t f) const { return postOffsets[f + 1] - postOffsets[f]; }
    };
    struct Interpretation;

    void scoreInterpretation(const Interpretation& q, std::vector<uint8_t>& mark, std::vector<uint32_t>& candidates,
                             std::vector<int32_t>& slot, std::vector<std::pair<uint32_t, double>>& best) const;

    std::vector<std::string> ids_, titles_;  // per catalog row (copied: the matcher outlives the catalog)
    std::vector<int> years_;                 // per catalog row
    std::vector<double> popularity_;         // per catalog row, 0 when not given
    std::vector<uint32_t> rows_;             // indexed catalog rows
    std::vector<uint32_t> entryRow_;         // entry -> catalog row
    std::vector<uint8_t> entryAlias_;        // entry is an alias (a part of a multi-part title)
    std::vector<std::string> entryText_;     // entry -> normalised text
    FeatureIndex grams_, words_;
    double ngramWeight_ = 0.7;
};

}  // namespace rs::index
