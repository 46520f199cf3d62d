#include "agent/tabledescription.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "index/titlematcher_normalize.h"
#include "util/text.h"

namespace rs::agent {

namespace {

// Days since 1970-01-01 -> "YYYY-MM-DD" (H. Hinnant's civil_from_days).
std::string isoFromDays(double daysValue) {
    int64_t z = int64_t(std::floor(daysValue)) + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(y), int(m), int(d));
    return buf;
}

std::string num(double v) {
    char buf[32];
    if (v == std::floor(v) && std::fabs(v) < 1e12)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string meaning(const std::string& name, const std::string& noun) {
    static const std::vector<std::pair<std::string_view, std::string_view>> kKnown = {
        {"year", "release year"},
        {"genres", "genres"},
        {"tags", "user tags"},
        {"specs", "store features (single-player, co-op, ...)"},
        {"release_date", "release date"},
        {"price", "price in USD (missing when the store wrote no number)"},
        {"price_text", "the price as the store wrote it when it is not a number, e.g. 'Free To Play'"},
        {"discount_price", "discounted price in USD"},
        {"developer", "developer"},
        {"publisher", "publisher"},
        {"sentiment", "review summary, e.g. 'Very Positive'"},
        {"metascore", "Metacritic score, 0-100"},
        {"early_access", "1 when in early access"},
        {"imdb_url", "IMDb link"},
        {"url", "store link"}};
    if (name == "title" || name == "app_name") return "the " + noun + "'s name";
    for (const auto& [k, v] : kKnown)
        if (name == k) return std::string(v);
    return {};
}

std::vector<std::string> nearValues(const Vocabulary& v, const std::string& userText, size_t limit) {
    std::vector<std::string> out = v.findIn(userText);
    auto add = [&](const std::string& s) {
        if (out.size() < limit && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    const std::string folded = index::foldTitleText(userText);  // the views below point into it
    for (auto w : util::splitWhitespace(folded)) {
        if (w.size() < 3) continue;
        if (auto m = v.nearest(w)) add(m->value);
        const std::string key = foldKey(w);
        for (size_t i = 0; i < v.size() && out.size() < limit; ++i)
            if (foldKey(v.values()[i]).rfind(key, 0) == 0) add(v.values()[i]);
    }
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace

std::string describeTable(const ToolsData& data, const std::vector<CatalogColumnInfo>& columns,
                          const TableDescriptionOptions& options) {
    const auto& cat = data.catalog();
    std::string head = "items(item_id TEXT";
    std::string body;
    for (const auto& info : columns) {
        const data::Column* col = cat.column(info.name);
        if (!col) continue;
        const bool tags = col->type() == data::ColumnType::TagList;
        const bool numeric = col->type() == data::ColumnType::Integer || col->type() == data::ColumnType::Real;
        const std::string sqlType = col->type() == data::ColumnType::Integer ? "INTEGER"
                                    : col->type() == data::ColumnType::Real  ? "REAL"
                                                                             : "TEXT";
        head += ", " + info.sqlName + " " + sqlType;
        std::string line = "- " + info.sqlName + " " + sqlType + ":";
        std::string m = meaning(info.name, data.domain());
        if (col->type() == data::ColumnType::Date) m += std::string(m.empty() ? "" : ", ") + "ISO text 'YYYY-MM-DD'";
        if (tags) m += std::string(m.empty() ? "" : ", ") + "tags joined by '|' (one row per tag in items_tags)";
        if (!m.empty()) line += " " + m + ";";
        const data::ColumnStats st = col->stats(options.otherHints + options.nearHints);
        if (numeric && st.min) {
            line += " min " + num(*st.min) + ", max " + num(*st.max) + ", mean " + num(*st.mean) + ", median " +
                    num(*st.median) + ";";
        } else if (col->type() == data::ColumnType::Date && st.min) {
            line += " min " + isoFromDays(*st.min) + ", max " + isoFromDays(*st.max) + ", median " +
                    isoFromDays(*st.median) + ";";
        } else if (tags) {
            const Vocabulary* v = data.tagVocabulary(info.name);
            const size_t distinct = v ? v->size() : 0;
            line += " " + std::to_string(distinct) + " values;";
            std::vector<std::string> near;
            if (v && !options.userText.empty()) near = nearValues(*v, options.userText, options.nearHints);
            if (!near.empty()) {
                line += " near your words:";
                for (size_t i = 0; i < near.size(); ++i) line += (i ? ", " : " ") + near[i];
                line += ";";
            }
            std::string others;
            size_t shown = 0;
            for (const auto& [value, count] : st.topValues) {
                if (shown == options.otherHints) break;
                if (std::find(near.begin(), near.end(), value) != near.end()) continue;
                others += (others.empty() ? " " : ", ") + value;
                ++shown;
            }
            if (!others.empty()) line += " others:" + others + ";";
        } else if (col->type() == data::ColumnType::Text) {
            line += " " + std::to_string(st.distinctCount) + " distinct;";
        }
        if (st.missing > 0) line += " missing in " + std::to_string(st.missing) + " rows;";
        if (line.back() == ';') line.pop_back();
        body += line + "\n";
    }
    head += "): " + std::to_string(cat.size()) + " " + data.domain() + "s\n";
    return head + body;
}

}  // namespace rs::agent
