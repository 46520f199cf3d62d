#pragma once
// A lexer for SQLite's SQL, just good enough to rewrite names and string literals in an LLM's
// query without touching anything else: concatenating every token's text gives the input back.
// It never fails: an unterminated string or comment runs to the end of the input.
// Pure functions, thread-safe.
#include <string>
#include <string_view>
#include <vector>

namespace rs::agent {

enum class SqlTokenKind {
    Space,    // whitespace
    Comment,  // -- line or /* block */
    Word,     // bare identifier or keyword
    Quoted,   // "identifier", `identifier` or [identifier]
    String,   // 'literal' (also X'..' blobs)
    Number,
    Symbol,  // operators and punctuation, multi-character ones (<=, !=, ||) as one token
};

struct SqlToken {
    SqlTokenKind kind;
    std::string text;  // exactly as in the input
};

std::vector<SqlToken> tokenizeSql(std::string_view sql);
std::string joinTokens(const std::vector<SqlToken>& tokens);

// The name a Word or Quoted token denotes ("\"a\"\"b\"" -> a"b); other tokens give their text.
std::string tokenName(const SqlToken& t);
// The value of a String token ('it''s' -> it's).
std::string stringValue(const SqlToken& t);
std::string quoteSqlString(std::string_view value);  // it's -> 'it''s'

// True when text holds only spaces, comments and semicolons (the tail after one statement).
bool onlySpaceOrComments(std::string_view text);

}  // namespace rs::agent
