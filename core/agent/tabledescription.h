#pragma once
// The description of the catalog table (`items`) an LLM planner gets in its prompt: one line per
// column with its SQL type, what it means, and statistics (min, max, mean, median for numbers
// and dates; distinct count for text); tag columns also list value hints — the values nearest
// the user's words first, then the most frequent others — so the model writes values that exist.
//
// Example (ml-100k, user "scifi from the nineties"):
//   items(item_id TEXT, title TEXT, year INTEGER, genres TEXT, release_date TEXT, imdb_url TEXT): 1682 movies
//   - title TEXT: the movie's name, with the year in parentheses; 1664 distinct
//   - year INTEGER: release year; min 1922, max 1998, mean 1989.1, median 1994
//   - genres TEXT: tags joined by '|' (one row per tag in items_tags); 19 values; near your words: Sci-Fi; others:
//   Drama, Comedy, ...
// Pure function, thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "agent/catalogsql.h"
#include "agent/toolsdata.h"

namespace rs::agent {

struct TableDescriptionOptions {
    std::string userText;   // the request; its words pick the value hints
    size_t nearHints = 6;   // values near the user's words, per tag column
    size_t otherHints = 8;  // most frequent other values, per tag column
};

// columns: the SQL names of the catalog's columns (CatalogSql::columns()).
std::string describeTable(const ToolsData& data, const std::vector<CatalogColumnInfo>& columns,
                          const TableDescriptionOptions& options = {});

}  // namespace rs::agent
