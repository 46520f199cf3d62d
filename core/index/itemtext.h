#pragma once
// The text that represents a catalog item to an embedder, e.g. for ml-100k
// "Toy Story (1995), 1995, Animation, Children's, Comedy" — title, release year and genres, the
// LLM4Rec item text. Pure functions, thread-safe.
#include <string>
#include <vector>

#include "data/itemcatalog.h"

namespace rs::index {

struct ItemTextOptions {
    // Columns to join, in order. Empty = the title column, then a "year" column (or the year of
    // the first date column), then every tag-list column (genres, tags, …).
    std::vector<std::string> columns;
    std::string separator = ", ";
};

// One text per catalog row (same order as catalog.ids()). Missing values are skipped; a row with
// no value at all gives an empty text (embedders map it to a zero vector). Unknown column names
// are ignored so one option set serves several catalogs.
std::vector<std::string> itemTexts(const data::ItemCatalog& catalog, const ItemTextOptions& options = {});

}  // namespace rs::index
