#pragma once
// User profile memory (InteRecAgent's "user profile"): what a user likes, dislikes and expects,
// as items (titles as the user wrote them) and attributes (genres, tags, decades, price limits).
//
// - Short-term: one profile per conversation, updated every turn from the user's message.
// - Long-term: one profile per user name, the merge of their conversations (ProfileStore keeps both
//   in the project file).
// Extraction from a message: extractProfileByRules() (no LLM; used with the built-in planner) or
// one cheap JSON-mode LLM call with the "memory" prompt (extractProfileByLlm in memoryextractor.h).
// The planner and writer see describe(); ranking gets the disliked items and attributes removed.
// Threading: plain values and pure functions; thread-safe.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace rs::agent {

struct Preferences {
    std::vector<std::string> items;       // titles as stated
    std::vector<std::string> attributes;  // "Horror", "1990s", "co-op", "under $10"
    bool empty() const { return items.empty() && attributes.empty(); }
};

struct UserProfile {
    Preferences liked, disliked, expected;

    bool empty() const { return liked.empty() && disliked.empty() && expected.empty(); }
    // Adds what newer says. A newer statement wins over an older contrary one: an item or attribute
    // newly liked leaves disliked, and the other way round. Duplicates (ASCII case-insensitive) are
    // kept once. newer's expected list replaces this one's when newer has any (it is about the
    // current request), else the old one stays.
    void merge(const UserProfile& newer);

    // {"liked_items", "disliked_items", "expected_items", "liked_attributes",
    //  "disliked_attributes", "expected_attributes"}: all six lists, always present.
    nlohmann::json toJson() const;
    // Missing lists are empty; a list that is not an array of strings fails naming the field.
    // Unknown keys are ignored (LLMs add commentary fields).
    static util::Result<UserProfile> fromJson(const nlohmann::json& j);
    // A few lines for a prompt ("Likes: Toy Story (1995); likes: Animation\nDislikes: ..."), or
    // "Nothing known yet." when empty.
    std::string describe() const;
};

struct RuleExtractorOptions {
    // Attribute words of the catalog (genre and tag values). A phrase equal to one of them (ASCII
    // case-insensitive; plural and "movies"/"games" suffixes forgiven) is an attribute, anything else
    // an item. Empty: only decades and price limits are attributes.
    std::vector<std::string> attributeVocabulary;
    // Optional: does a phrase name a catalog item? When set, a phrase holding " and " / " or " is kept
    // whole if it is a known title ("Beauty and the Beast"), else split.
    std::function<bool(std::string_view)> isKnownTitle;
};

// Rules over the user's message, for the built-in planner and as a fallback when no LLM is set:
//   liked:    "I loved X", "I like X", "I enjoyed X", "big fan of X", "my favourite is X"
//   disliked: "I hate X", "I didn't like X", "not X", "but not X", "except X", "without X", "no X"
//   expected: "like X", "similar to X", vocabulary words, decades ("90s" -> "1990s"), "under $10"
// Input of any length and encoding is handled (only the first 4 KiB is read).
UserProfile extractProfileByRules(std::string_view message, const RuleExtractorOptions& options = {});

}  // namespace rs::agent
