#pragma once
// Title normalisation for TitleMatcher: the one function that turns both catalog titles and
// free-text queries into comparable word sequences, so "Shawshank Redemption, The (1994)",
// "the shawshank redemption 1994" and "Shawshank Redemption The" all become
// "the shawshank redemption" (+ year 1994). Pure functions, thread-safe.
//
// Rules, in order:
//  1. Trailing parenthesised groups are peeled off: a group holding only a year (4 digits,
//     1800..2100) becomes the year (the rightmost such group wins); any other group is an
//     alternative title ("Seven (Se7en)", "Contempt (Mépris, Le)") kept as its own part.
//  2. Each part is folded code point by code point: ASCII and Latin-1/Latin Extended-A letters are
//     lower-cased and stripped of accents (é→e, ß→ss, æ→ae, ł→l), Greek and basic Cyrillic are
//     lower-cased, combining marks are dropped; apostrophes and periods are deleted so "L.A." and
//     "Schindler's" equal "LA" and "Schindlers"; '&' becomes the word "and"; every other
//     punctuation or symbol (™ ® © included) separates words. Other scripts pass through.
//  3. With peelBareYear (queries only), a last word that is a year (1800..2100) is taken as the
//     year when no parenthesised year was found and other words remain ("the matrix 1999").
//  4. A trailing article (the, a, an, and le/la/les/l/il/lo/gli/el/los/las/der/die/das/den/det)
//     moves to the front. Both sides go through the same rule, so the catalog's ", The" form and a
//     user's "The …" form meet, and exact matches stay exact.
#include <string>
#include <string_view>
#include <vector>

namespace rs::index {

struct NormalizedTitle {
    std::vector<std::string> parts;  // main title first, then alternative titles; each non-empty
    std::string text;                // parts joined by one space: the form compared for exact matches
    int year = 0;                    // 0 = no year found
};

NormalizedTitle normalizeTitle(std::string_view title, bool peelBareYear = false);

// Step 2 alone: folded words of arbitrary text joined by single spaces ("Pokémon™ Go!" → "pokemon go").
std::string foldTitleText(std::string_view text);

// UTF-8 to code points; an invalid byte becomes U+FFFD (one per byte) instead of failing, since
// queries come from users and LLMs.
std::u32string decodeUtf8(std::string_view s);

}  // namespace rs::index
