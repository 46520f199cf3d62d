#pragma once
// Small text helpers shared by the importers: splitting without copies, strict number parsing,
// UTF-8 validation, latin-1 conversion and HTML entity decoding. Pure functions, thread-safe.
// Views returned point into the argument, so they live as long as the caller's string.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs::util {

std::string_view trim(std::string_view s);  // strips ASCII spaces, tabs, CR and LF at both ends
// Splits on every occurrence of sep; empty fields are kept ("a,,b" -> 3 fields, "" -> 1 field).
std::vector<std::string_view> split(std::string_view s, char sep);
std::vector<std::string_view> split(std::string_view s, std::string_view sep);  // sep non-empty
// Splits on runs of ASCII whitespace; no empty fields.
std::vector<std::string_view> splitWhitespace(std::string_view s);

// Whole-string parses after trim(); nullopt on anything else (no partial parses, no overflow,
// finite doubles only).
std::optional<int64_t> parseInt64(std::string_view s);
std::optional<double> parseDouble(std::string_view s);
// "true"/"false", "yes"/"no", "1"/"0" (case-insensitive).
std::optional<bool> parseBool(std::string_view s);
// Tokens that mean "no value" in exported tables: "", "NA", "N/A", "NaN", "null", "None", "-".
bool isMissingToken(std::string_view s);

std::string toLower(std::string_view s);               // ASCII only
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive

// True if s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). On failure the
// byte offset of the first bad sequence is stored in *badOffset when given.
bool isValidUtf8(std::string_view s, size_t* badOffset = nullptr);
// Every byte is one ISO-8859-1 code point; the result is valid UTF-8.
std::string latin1ToUtf8(std::string_view s);
// Decodes &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric &#NN; / &#xHH; references; anything
// else (including a bare '&') is kept as it is.
std::string decodeHtmlEntities(std::string_view s);

}  // namespace rs::util
