// The hard and soft filters (tools.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "agent/tools.h"
#include "util/text.h"

namespace rs::agent {

using nlohmann::json;

namespace {

std::string label(const StepContext& ctx, const char* tool) {
    return "step " + std::to_string(ctx.index) + " " + tool;
}

// SQL LIKE: % any run, _ one byte, ASCII case-insensitive.
bool likeMatch(std::string_view text, std::string_view pattern) {
    size_t t = 0, p = 0, starP = std::string_view::npos, starT = 0;
    auto eq = [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    };
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '_' || eq(pattern[p], text[t]))) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == '%') {
            starP = p++;
            starT = t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '%') ++p;
    return p == pattern.size();
}

std::optional<double> asNumber(const json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) return util::parseDouble(v.get<std::string>());
    return std::nullopt;
}

bool isYearLike(const json& v) {
    auto n = asNumber(v);
    return n && *n >= 1000 && *n <= 3000 && *n == std::floor(*n);
}

// One condition, resolved against the catalog and ready to test rows.
struct Compiled {
    enum Kind { Tags, Number, Text, DateText, Year, Popularity } kind = Text;
    const data::Column* col = nullptr;
    FilterOp op = FilterOp::Eq;
    double lo = 0, hi = 0;  // numbers, years (Between uses both)
    std::string text, textHi;
    json resolved;  // what the condition became, for the output
};

bool compare(FilterOp op, double v, double lo, double hi) {
    switch (op) {
        case FilterOp::Eq:
        case FilterOp::Has:
            return v == lo;
        case FilterOp::Ne:
        case FilterOp::NotHas:
            return v != lo;
        case FilterOp::Lt:
            return v < lo;
        case FilterOp::Le:
            return v <= lo;
        case FilterOp::Gt:
            return v > lo;
        case FilterOp::Ge:
            return v >= lo;
        case FilterOp::Between:
            return v >= lo && v <= hi;
        default:
            return false;
    }
}

bool compareText(FilterOp op, const std::string& v, const Compiled& c) {
    switch (op) {
        case FilterOp::Eq:
            return util::iequals(v, c.text);
        case FilterOp::Ne:
            return !util::iequals(v, c.text);
        case FilterOp::Has:
            return util::toLower(v).find(util::toLower(c.text)) != std::string::npos;
        case FilterOp::NotHas:
            return util::toLower(v).find(util::toLower(c.text)) == std::string::npos;
        case FilterOp::Like:
            return likeMatch(v, c.text);
        case FilterOp::Lt:
            return v < c.text;
        case FilterOp::Le:
            return v <= c.text;
        case FilterOp::Gt:
            return v > c.text;
        case FilterOp::Ge:
            return v >= c.text;
        case FilterOp::Between:
            return v >= c.text && v <= c.textHi;
    }
    return false;
}

bool test(const Compiled& c, const ToolsData& d, size_t row) {
    switch (c.kind) {
        case Compiled::Popularity:
            return compare(c.op, d.popularity()[row], c.lo, c.hi);
        case Compiled::Year: {
            const int y = d.year(row);
            return y != 0 && compare(c.op, y, c.lo, c.hi);
        }
        case Compiled::Number:
            if (!c.col->present(row)) return false;
            return compare(c.op, c.col->number(row), c.lo, c.hi);
        case Compiled::Tags: {
            if (!c.col->present(row)) return c.op == FilterOp::NotHas;
            const auto& tags = c.col->tags(row);
            if (c.op == FilterOp::Like)
                return std::any_of(tags.begin(), tags.end(),
                                   [&](const std::string& t) { return likeMatch(t, c.text); });
            const bool has = std::find(tags.begin(), tags.end(), c.text) != tags.end();
            return c.op == FilterOp::NotHas ? !has : has;
        }
        case Compiled::Text:
        case Compiled::DateText:
            if (!c.col->present(row)) return c.op == FilterOp::NotHas || c.op == FilterOp::Ne;
            return compareText(c.op, c.col->text(row), c);
    }
    return false;
}

std::string someValues(const Vocabulary& v, size_t n) {
    std::vector<size_t> idx(v.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return v.count(a) > v.count(b); });
    std::string out;
    for (size_t i = 0; i < idx.size() && i < n; ++i) out += (i ? ", " : "") + v.values()[idx[i]];
    return out;
}

util::Result<Compiled> compile(const Condition& cond, const ToolsData& d, std::vector<std::string>& rewrites) {
    const auto& cat = d.catalog();
    Compiled c;
    c.op = cond.op;
    json value = cond.value;
    const std::string lower = util::toLower(cond.column);
    // Virtual columns first: popularity, and "year" on catalogs that only have a date.
    if (lower == "popularity" || lower == "popular" || lower == "interactions") {
        c.kind = Compiled::Popularity;
    } else if ((lower == "year" || lower == "release_year") && !d.yearColumn().empty()) {
        c.kind = Compiled::Year;
        if (!cat.column(cond.column) && d.yearColumn() != cond.column)
            rewrites.push_back("column '" + cond.column + "' -> year of '" + d.yearColumn() + "'");
    } else {
        c.col = cat.column(cond.column);
        if (!c.col) {
            for (const auto& col : cat.columns())
                if (util::iequals(col.name(), cond.column)) c.col = &col;
        }
        if (!c.col && lower == "price" && !d.priceColumn().empty()) c.col = cat.column(d.priceColumn());
        if (!c.col) {
            if (auto m = d.columnNames().nearest(cond.column)) c.col = cat.column(m->value);
        }
        // An unknown column with a tag value: the tag column that has the value ("category": "RPG").
        if (!c.col && value.is_string())
            for (const auto& [name, vocab] : d.tagVocabularies())
                if (auto m = vocab.nearest(value.get<std::string>()); m && m->distance == 0) {
                    c.col = cat.column(name);
                    break;
                }
        if (!c.col) {
            std::string names;
            for (const auto& col : cat.columns()) names += (names.empty() ? "" : ", ") + col.name();
            return util::Error{"no column '" + cond.column + "' in the catalog (columns: " + names + ")"};
        }
        if (c.col->name() != cond.column) rewrites.push_back("column '" + cond.column + "' -> '" + c.col->name() + "'");
        switch (c.col->type()) {
            case data::ColumnType::TagList:
                c.kind = Compiled::Tags;
                break;
            case data::ColumnType::Integer:
            case data::ColumnType::Real:
                c.kind = Compiled::Number;
                break;
            case data::ColumnType::Date:
                c.kind =
                    (value.is_array() ? isYearLike(value[0]) : isYearLike(value)) ? Compiled::Year : Compiled::DateText;
                if (c.kind == Compiled::Year && c.col->name() != d.yearColumn())
                    return util::Error{"year conditions on '" + c.col->name() + "' are not supported; use '" +
                                       d.yearColumn() + "' or an ISO date"};
                break;
            case data::ColumnType::Text:
                c.kind = Compiled::Text;
                break;
        }
    }
    const std::string colName = c.col ? c.col->name() : (c.kind == Compiled::Year ? "year" : "popularity");
    if (c.kind == Compiled::Tags) {
        if (c.op == FilterOp::Eq) c.op = FilterOp::Has;
        if (c.op == FilterOp::Ne) c.op = FilterOp::NotHas;
        if (c.op != FilterOp::Has && c.op != FilterOp::NotHas && c.op != FilterOp::Like)
            return util::Error{"'" + colName + "' is a tag list: use has, not_has or like, not " +
                               std::string(filterOpName(c.op))};
        if (!value.is_string()) return util::Error{"'" + colName + "' needs a tag name as the value"};
        c.text = value.get<std::string>();
        if (c.op != FilterOp::Like) {
            const Vocabulary* vocab = d.tagVocabulary(c.col->name());
            auto m = vocab ? vocab->nearest(c.text) : std::nullopt;
            if (!m)
                return util::Error{"no '" + colName + "' value like '" + c.text +
                                   "' (common values: " + (vocab ? someValues(*vocab, 12) : "") + ")"};
            if (m->value != c.text) rewrites.push_back("value '" + c.text + "' -> '" + m->value + "'");
            c.text = m->value;
        }
    } else if (c.kind == Compiled::Number || c.kind == Compiled::Year || c.kind == Compiled::Popularity) {
        if (c.op == FilterOp::Has || c.op == FilterOp::NotHas || c.op == FilterOp::Like)
            return util::Error{"'" + colName + "' is a number: use = != < <= > >= or between"};
        auto lo = asNumber(c.op == FilterOp::Between ? value[0] : value);
        auto hi = c.op == FilterOp::Between ? asNumber(value[1]) : lo;
        if (!lo || !hi) return util::Error{"'" + colName + "' needs a number, got " + value.dump()};
        c.lo = std::min(*lo, *hi);
        c.hi = std::max(*lo, *hi);
        if (c.op != FilterOp::Between) c.lo = *lo;
    } else {
        auto str = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
        c.text = str(c.op == FilterOp::Between ? value[0] : value);
        if (c.op == FilterOp::Between) c.textHi = str(value[1]);
    }
    json resolvedValue = c.kind == Compiled::Tags || c.kind == Compiled::Text || c.kind == Compiled::DateText
                             ? (c.op == FilterOp::Between ? json::array({c.text, c.textHi}) : json(c.text))
                             : (c.op == FilterOp::Between ? json::array({c.lo, c.hi}) : json(c.lo));
    c.resolved = {{"column", colName}, {"op", filterOpName(c.op)}, {"value", resolvedValue}};
    return c;
}

}  // namespace

util::Result<json> Tools::hardFilter(const HardFilterInput& in, CandidateBus& bus, StepContext& ctx) {
    const size_t before = bus.active() ? bus.size() : data_->catalog().size();
    std::vector<std::string> rewrites;
    json resolved = json::array();
    std::function<bool(size_t)> keep;
    std::vector<Compiled> compiled;
    std::unordered_set<size_t> sqlRows;
    if (!in.where.empty()) {
        SqlLimits limits;
        limits.maxRows = int64_t(data_->catalog().size()) + 1;
        limits.timeLimitMs = options_.filterTimeLimitMs;
        auto r = sql_.query("SELECT item_id FROM items WHERE (" + in.where + ")", limits, ctx.task);
        if (!r) return util::Error{r.message()};
        rewrites = r->rewrites;
        for (const auto& row : r->rows)
            if (row[0].is_string())
                if (auto found = data_->catalog().rowOf(row[0].get<std::string>())) sqlRows.insert(*found);
        keep = [&](size_t row) { return sqlRows.count(row) > 0; };
        resolved.push_back({{"where", in.where}});
    } else {
        for (const auto& cond : in.conditions) {
            auto c = compile(cond, *data_, rewrites);
            if (!c) return util::Error{c.message()};
            resolved.push_back(c->resolved);
            compiled.push_back(std::move(*c));
        }
        keep = [&](size_t row) {
            for (const auto& c : compiled)
                if (!test(c, *data_, row)) return false;
            return true;
        };
    }
    if (bus.active()) {
        bus.filter(keep, label(ctx, "hard_filter"));
    } else {
        std::vector<size_t> rows;
        std::vector<double> scores;
        for (size_t r = 0; r < data_->catalog().size(); ++r)
            if (keep(r)) {
                rows.push_back(r);
                scores.push_back(0.0);
            }
        bus.set(rows, scores, label(ctx, "hard_filter"));
    }
    json out = {{"conditions", resolved}, {"before", before}, {"after", bus.size()}};
    if (!rewrites.empty()) out["rewrites"] = rewrites;
    if (bus.empty()) out["note"] = "no item meets every condition";
    return out;
}

util::Result<json> Tools::softFilter(const SoftFilterInput& in, CandidateBus& bus, StepContext& ctx) {
    json report;
    const std::vector<size_t> seeds = ground(in.seeds, ctx, report);
    if (seeds.empty()) return util::Error{"none of the seeds matched a catalog item: " + report.dump()};
    const std::vector<size_t> pool = [&] {
        if (!bus.active()) return allRows();
        std::vector<size_t> rows;
        for (const auto& c : bus.items()) rows.push_back(c.row);
        return rows;
    }();
    json notes = json::array();
    std::vector<double> scores(pool.size(), -std::numeric_limits<double>::infinity());
    bool scored = false;
    std::string by = in.by == SoftBy::Model ? "model" : "embedding";
    if (in.by == SoftBy::Model) {
        const models::Recommender* m = data_->model();
        std::vector<int32_t> history;
        for (size_t r : seeds)
            if (auto i = data_->datasetItem(r)) history.push_back(*i);
        if (!m) {
            notes.push_back("no trained model for this catalog: used item-text similarity instead");
        } else if (history.empty()) {
            notes.push_back("the seeds have no interactions: used item-text similarity instead");
        } else {
            std::vector<float> out(size_t(m->numItems()));
            models::UserQuery q{-1, history};
            m->scoreBatch({&q, 1}, out);
            for (size_t k = 0; k < pool.size(); ++k)
                if (auto i = data_->datasetItem(pool[k])) scores[k] = out[size_t(*i)];
            scored = true;
        }
        if (!scored) by = "embedding";
    }
    if (!scored) {
        const int32_t dim = data_->dim();
        std::vector<float> q(size_t(dim), 0.0f);
        for (size_t r : seeds) {
            const auto v = data_->vector(r);
            for (int32_t j = 0; j < dim; ++j) q[size_t(j)] += v[size_t(j)];
        }
        index::l2NormalizeRows(q, dim);
        for (size_t k = 0; k < pool.size(); ++k) {
            const auto v = data_->vector(pool[k]);
            float s = 0;
            for (int32_t j = 0; j < dim; ++j) s += q[size_t(j)] * v[size_t(j)];
            scores[k] = s;
        }
    }
    std::vector<size_t> order;
    for (size_t k = 0; k < pool.size(); ++k)
        if (std::find(seeds.begin(), seeds.end(), pool[k]) == seeds.end() && std::isfinite(scores[k]))
            order.push_back(k);
    const size_t keep = std::min(order.size(), size_t(in.keep));
    std::partial_sort(order.begin(), order.begin() + long(keep), order.end(), [&](size_t a, size_t b) {
        return scores[a] != scores[b] ? scores[a] > scores[b] : pool[a] < pool[b];
    });
    order.resize(keep);
    std::vector<size_t> rows;
    std::vector<double> kept;
    for (size_t k : order) {
        rows.push_back(pool[k]);
        kept.push_back(scores[k]);
    }
    if (bus.active())
        bus.reorder(rows, kept, label(ctx, "soft_filter"));
    else
        bus.set(rows, kept, label(ctx, "soft_filter"));
    json top = json::array();
    for (size_t i = 0; i < rows.size() && i < 5; ++i) top.push_back(itemJson(rows[i], kept[i]));
    json out = {{"seeds", report}, {"by", by}, {"from", pool.size()}, {"kept", rows.size()}, {"top", top}};
    if (!notes.empty()) out["notes"] = notes;
    return out;
}

}  // namespace rs::agent
