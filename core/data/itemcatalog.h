#pragma once
// ItemCatalog: item metadata as typed columns, one row per item.
//
// Row r describes the item with external id ids()[r]. Columns are typed:
//   Text     - UTF-8 string
//   Integer  - whole number (stored as double, exact up to 2^53)
//   Real     - floating point number
//   Date     - a calendar day, stored as days since 1970-01-01 in number(); text() keeps the ISO
//              form "YYYY-MM-DD" (or "YYYY-MM"/"YYYY" when the source only has that precision)
//   TagList  - a list of UTF-8 strings (genres, tags)
// A missing value has present(r) == false. The catalog's text is always valid UTF-8 (importers
// convert or reject). Not thread-safe for writing; safe for concurrent reads.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/status.h"

namespace rs::data {

enum class ColumnType { Text, Integer, Real, Date, TagList };

std::string_view columnTypeName(ColumnType t);                     // "text", "integer", "real", "date", "tags"
std::optional<ColumnType> columnTypeFromName(std::string_view n);  // inverse of columnTypeName

struct ColumnStats {
    int64_t count = 0;    // rows with a value
    int64_t missing = 0;  // rows without
    // Numbers and dates (days since epoch for dates); unset for text and tags.
    std::optional<double> min, max, mean, median;
    // Tags: most frequent values with their counts, most frequent first (ties by value).
    // Text: number of distinct values in distinctCount.
    std::vector<std::pair<std::string, int64_t>> topValues;
    int64_t distinctCount = 0;
};

class Column {
public:
    Column(std::string name, ColumnType type) : name_(std::move(name)), type_(type) {}

    const std::string& name() const { return name_; }
    ColumnType type() const { return type_; }
    size_t size() const { return present_.size(); }
    bool present(size_t row) const { return present_[row] != 0; }

    // Only the accessor matching type() is meaningful.
    const std::string& text(size_t row) const { return text_[row]; }               // Text, Date (ISO)
    double number(size_t row) const { return number_[row]; }                       // Integer, Real, Date
    const std::vector<std::string>& tags(size_t row) const { return tags_[row]; }  // TagList

    // Grows (with missing values) or shrinks the column to n rows.
    void resize(size_t n);
    void setMissing(size_t row);
    void setText(size_t row, std::string v);
    void setNumber(size_t row, double v);
    void setDate(size_t row, int64_t daysSinceEpoch, std::string iso);
    void setTags(size_t row, std::vector<std::string> v);

    ColumnStats stats(size_t topN = 20) const;

private:
    std::string name_;
    ColumnType type_;
    std::vector<uint8_t> present_;
    std::vector<std::string> text_;
    std::vector<double> number_;
    std::vector<std::vector<std::string>> tags_;
};

class ItemCatalog {
public:
    size_t size() const { return ids_.size(); }
    const std::vector<std::string>& ids() const { return ids_; }
    std::optional<size_t> rowOf(std::string_view itemId) const;

    // The column holding the human-readable name ("title"), if any.
    const std::string& titleColumn() const { return titleColumn_; }
    void setTitleColumn(std::string name) { titleColumn_ = std::move(name); }
    std::string title(size_t row) const;  // empty when there is no title column or value

    const std::vector<Column>& columns() const { return columns_; }
    const Column* column(std::string_view name) const;
    // Adds an empty column (existing rows get missing values). Fails if the name exists.
    util::Result<Column*> addColumn(std::string name, ColumnType type);
    Column* mutableColumn(std::string_view name);

    // Appends a row and returns its index: every column gets a missing value there, which the
    // caller then fills with mutableColumn(name)->set*(row, …). Fails on a duplicate id (the
    // message names the id), leaving the catalog unchanged.
    util::Result<size_t> appendRow(std::string itemId);

private:
    std::vector<std::string> ids_;
    std::unordered_map<std::string, size_t> rowOf_;
    std::vector<Column> columns_;
    std::string titleColumn_;
};

}  // namespace rs::data
