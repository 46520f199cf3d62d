#include "data/itemcatalog.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

namespace rs::data {

namespace {
constexpr std::pair<ColumnType, std::string_view> kTypeNames[] = {
    {ColumnType::Text, "text"}, {ColumnType::Integer, "integer"}, {ColumnType::Real, "real"},
    {ColumnType::Date, "date"}, {ColumnType::TagList, "tags"},
};

bool isNumeric(ColumnType t) {
    return t == ColumnType::Integer || t == ColumnType::Real || t == ColumnType::Date;
}
}  // namespace

std::string_view columnTypeName(ColumnType t) {
    for (const auto& [type, name] : kTypeNames)
        if (type == t) return name;
    return "text";
}

std::optional<ColumnType> columnTypeFromName(std::string_view n) {
    for (const auto& [type, name] : kTypeNames)
        if (name == n) return type;
    return std::nullopt;
}

void Column::resize(size_t n) {
    present_.resize(n, 0);
    if (type_ == ColumnType::Text || type_ == ColumnType::Date) text_.resize(n);
    if (isNumeric(type_)) number_.resize(n, std::nan(""));
    if (type_ == ColumnType::TagList) tags_.resize(n);
}

void Column::setMissing(size_t row) {
    present_[row] = 0;
    if (!text_.empty()) text_[row].clear();
    if (!number_.empty()) number_[row] = std::nan("");
    if (!tags_.empty()) tags_[row].clear();
}

void Column::setText(size_t row, std::string v) {
    present_[row] = 1;
    text_[row] = std::move(v);
}

void Column::setNumber(size_t row, double v) {
    present_[row] = 1;
    number_[row] = v;
}

void Column::setDate(size_t row, int64_t daysSinceEpoch, std::string iso) {
    present_[row] = 1;
    number_[row] = static_cast<double>(daysSinceEpoch);
    text_[row] = std::move(iso);
}

void Column::setTags(size_t row, std::vector<std::string> v) {
    present_[row] = 1;
    tags_[row] = std::move(v);
}

ColumnStats Column::stats(size_t topN) const {
    ColumnStats s;
    for (uint8_t p : present_) (p ? s.count : s.missing)++;
    if (isNumeric(type_)) {
        std::vector<double> values;
        values.reserve(static_cast<size_t>(s.count));
        for (size_t r = 0; r < present_.size(); ++r)
            if (present_[r]) values.push_back(number_[r]);
        if (!values.empty()) {
            double sum = 0;
            for (double v : values) sum += v;
            s.mean = sum / static_cast<double>(values.size());
            const auto [mn, mx] = std::minmax_element(values.begin(), values.end());
            s.min = *mn;
            s.max = *mx;
            // Median of an even count is the mean of the two middle values.
            const size_t mid = values.size() / 2;
            std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
            double median = values[mid];
            if (values.size() % 2 == 0)
                median =
                    (median + *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
            s.median = median;
        }
    }
    // Frequencies: tag values for tag lists; whole values for text (useful for categorical text).
    if (type_ == ColumnType::TagList || type_ == ColumnType::Text) {
        std::map<std::string, int64_t> freq;
        for (size_t r = 0; r < present_.size(); ++r) {
            if (!present_[r]) continue;
            if (type_ == ColumnType::TagList)
                for (const auto& t : tags_[r]) ++freq[t];
            else
                ++freq[text_[r]];
        }
        s.distinctCount = static_cast<int64_t>(freq.size());
        std::vector<std::pair<std::string, int64_t>> top(freq.begin(), freq.end());
        // Most frequent first, ties by value (stable: freq is ordered by value).
        std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        if (top.size() > topN) top.resize(topN);
        s.topValues = std::move(top);
    }
    return s;
}

std::optional<size_t> ItemCatalog::rowOf(std::string_view itemId) const {
    auto it = rowOf_.find(std::string(itemId));
    if (it == rowOf_.end()) return std::nullopt;
    return it->second;
}

std::string ItemCatalog::title(size_t row) const {
    const Column* c = column(titleColumn_);
    if (!c || !c->present(row) || c->type() != ColumnType::Text) return {};
    return c->text(row);
}

const Column* ItemCatalog::column(std::string_view name) const {
    for (const auto& c : columns_)
        if (c.name() == name) return &c;
    return nullptr;
}

Column* ItemCatalog::mutableColumn(std::string_view name) {
    for (auto& c : columns_)
        if (c.name() == name) return &c;
    return nullptr;
}

util::Result<Column*> ItemCatalog::addColumn(std::string name, ColumnType type) {
    if (column(name)) return util::Error{"catalog: column '" + name + "' exists already"};
    if (name.empty()) return util::Error{"catalog: a column needs a name"};
    columns_.emplace_back(std::move(name), type);
    columns_.back().resize(ids_.size());
    return &columns_.back();
}

util::Result<size_t> ItemCatalog::appendRow(std::string itemId) {
    const size_t row = ids_.size();
    auto [it, inserted] = rowOf_.try_emplace(itemId, row);
    if (!inserted)
        return util::Error{"catalog: duplicate item id '" + itemId + "' (first at row " +
                           std::to_string(it->second + 1) + ")"};
    ids_.push_back(std::move(itemId));
    for (auto& c : columns_) c.resize(ids_.size());
    return row;
}

}  // namespace rs::data
