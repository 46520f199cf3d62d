#include "index/itemtext.h"

namespace rs::index {

namespace {

std::vector<std::string> defaultColumns(const data::ItemCatalog& catalog) {
    std::vector<std::string> cols;
    if (!catalog.titleColumn().empty()) cols.push_back(catalog.titleColumn());
    if (const auto* year = catalog.column("year"); year && year->type() == data::ColumnType::Integer)
        cols.push_back("year");
    else
        for (const auto& c : catalog.columns())
            if (c.type() == data::ColumnType::Date) {
                cols.push_back(c.name());
                break;
            }
    for (const auto& c : catalog.columns())
        if (c.type() == data::ColumnType::TagList) cols.push_back(c.name());
    return cols;
}

std::string valueText(const data::Column& c, size_t row) {
    switch (c.type()) {
        case data::ColumnType::Text:
            return c.text(row);
        case data::ColumnType::Integer:
            return std::to_string(static_cast<long long>(c.number(row)));
        case data::ColumnType::Real: {
            std::string s = std::to_string(c.number(row));
            s.erase(s.find_last_not_of('0') + 1);
            if (!s.empty() && s.back() == '.') s.pop_back();
            return s;
        }
        case data::ColumnType::Date:
            return c.text(row).substr(0, 4);  // the year: release days are noise for similarity
        case data::ColumnType::TagList: {
            std::string out;
            for (const auto& t : c.tags(row)) out += (out.empty() ? "" : ", ") + t;
            return out;
        }
    }
    return {};
}

}  // namespace

std::vector<std::string> itemTexts(const data::ItemCatalog& catalog, const ItemTextOptions& options) {
    const auto names = options.columns.empty() ? defaultColumns(catalog) : options.columns;
    std::vector<const data::Column*> cols;
    for (const auto& n : names)
        if (const auto* c = catalog.column(n)) cols.push_back(c);
    std::vector<std::string> out(catalog.size());
    for (size_t r = 0; r < catalog.size(); ++r) {
        std::string& text = out[r];
        for (const auto* c : cols) {
            if (!c->present(r)) continue;
            std::string v = valueText(*c, r);
            if (v.empty()) continue;
            if (!text.empty()) text += options.separator;
            text += v;
        }
    }
    return out;
}

}  // namespace rs::index
