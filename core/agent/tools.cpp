#include "agent/tools.h"

#include <cmath>
#include <numeric>
#include <unordered_map>

#include "util/text.h"

namespace rs::agent {

using nlohmann::json;

namespace {

std::string label(const StepContext& ctx, const char* tool) {
    return "step " + std::to_string(ctx.index) + " " + tool;
}

json number(double v) {
    if (!std::isfinite(v)) return nullptr;
    if (v == std::round(v) && std::fabs(v) < 1e15) return int64_t(v);
    return std::round(v * 10000.0) / 10000.0;
}

}  // namespace

size_t fitRowsToBudget(json& rows, size_t maxBytes) {
    size_t used = 2, kept = 0;
    for (; kept < rows.size(); ++kept) {
        const size_t bytes = rows[kept].dump(-1, ' ', false, json::error_handler_t::replace).size() + 1;
        if (used + bytes > maxBytes && kept > 0) break;
        used += bytes;
    }
    if (kept < rows.size()) rows.erase(rows.begin() + long(kept), rows.end());
    return kept;
}

util::Result<Tools> Tools::create(std::shared_ptr<const ToolsData> data, ToolOptions options) {
    if (!data) return util::Error{"no data for the tools"};
    auto sql = CatalogSql::open(data->projectFile(), data->datasetName());
    if (!sql) return util::Error{sql.message()};
    return Tools(std::move(data), std::move(*sql), options);
}

std::vector<size_t> Tools::allRows() const {
    std::vector<size_t> rows(data_->catalog().size());
    std::iota(rows.begin(), rows.end(), size_t(0));
    return rows;
}

json Tools::itemJson(size_t row, double score) const {
    const auto& cat = data_->catalog();
    json j = {{"item", cat.ids()[row]}, {"title", cat.title(row)}, {"score", number(score)}};
    if (int y = data_->year(row)) j["year"] = y;
    if (!data_->priceColumn().empty()) {
        const auto* col = cat.column(data_->priceColumn());
        if (col && col->present(row)) j["price"] = number(col->number(row));
    }
    // The first tag column (genres) says what kind of item it is; a few values are enough.
    for (const auto& col : cat.columns()) {
        if (col.type() != data::ColumnType::TagList) continue;
        if (col.present(row)) {
            const auto& tags = col.tags(row);
            j[col.name()] =
                std::vector<std::string>(tags.begin(), tags.begin() + long(std::min<size_t>(tags.size(), 5)));
        }
        break;
    }
    return j;
}

std::vector<size_t> Tools::ground(const TitleList& titles, const StepContext& ctx, json& report) const {
    std::vector<size_t> rows;
    report = json::array();
    if (titles.fromStep) {
        const size_t s = size_t(*titles.fromStep);
        if (ctx.stepRows && s < ctx.stepRows->size()) rows = (*ctx.stepRows)[s];
        report.push_back({{"from_step", s}, {"items", rows.size()}});
        return rows;
    }
    for (const auto& t : titles.titles) {
        auto m = data_->matcher().match(t, 1);
        if (!m || m->empty()) {
            report.push_back({{"query", t}, {"error", m ? "no catalog title is like it" : m.message()}});
            continue;
        }
        const auto& best = m->front();
        if (best.score < index::kRecommendedMinScore) {
            report.push_back({{"query", t},
                              {"error", "no confident match"},
                              {"closest", best.title},
                              {"score", number(best.score)}});
            continue;
        }
        report.push_back({{"query", t}, {"item", best.itemId}, {"title", best.title}, {"score", number(best.score)}});
        if (std::find(rows.begin(), rows.end(), best.row) == rows.end()) rows.push_back(best.row);
    }
    return rows;
}

util::Result<json> Tools::run(const PlanStep& step, CandidateBus& bus, StepContext& ctx) {
    return std::visit(
        [&](const auto& in) -> util::Result<json> {
            using T = std::decay_t<decltype(in)>;
            if constexpr (std::is_same_v<T, StoreCandidatesInput>) return storeCandidates(in, bus, ctx);
            if constexpr (std::is_same_v<T, LookupInput>) return lookup(in, ctx);
            if constexpr (std::is_same_v<T, HardFilterInput>) return hardFilter(in, bus, ctx);
            if constexpr (std::is_same_v<T, SoftFilterInput>) return softFilter(in, bus, ctx);
            if constexpr (std::is_same_v<T, RankInput>) return rank(in, bus, ctx);
            if constexpr (std::is_same_v<T, MapInput>) return map(in, bus, ctx);
        },
        step.typed);
}

util::Result<json> Tools::storeCandidates(const StoreCandidatesInput& in, CandidateBus& bus, StepContext& ctx) {
    json report;
    const auto rows = ground(in.titles, ctx, report);
    if (rows.empty()) return util::Error{"none of the titles matched a catalog item: " + report.dump()};
    std::vector<double> scores;
    for (size_t i = 0; i < rows.size(); ++i) scores.push_back(1.0);
    bus.set(rows, scores, label(ctx, "store_candidates"));
    return json{{"grounded", report}, {"candidates", rows.size()}};
}

util::Result<json> Tools::lookup(const LookupInput& in, StepContext& ctx) {
    auto r = sql_.query(in.sql, options_.lookupLimits, ctx.task);
    if (!r) return util::Error{r.message()};
    // Rows as arrays under "columns": the most compact JSON an LLM still reads reliably.
    json rows = json::array();
    for (const auto& row : r->rows) rows.push_back(row);
    const size_t total = rows.size();
    const size_t kept = fitRowsToBudget(rows, options_.lookupTokenBudget * 4);
    json out = {{"columns", r->columns}, {"rows", rows}, {"row_count", total}};
    std::string note;
    if (kept < total)
        note = "showing " + std::to_string(kept) + " of " + std::to_string(total) + " rows (token budget " +
               std::to_string(options_.lookupTokenBudget) + ")";
    if (r->truncated)
        note += std::string(note.empty() ? "" : "; ") + "the query had more than " +
                std::to_string(options_.lookupLimits.maxRows) + " rows";
    if (!note.empty()) out["note"] = note;
    if (!r->rewrites.empty()) out["rewrites"] = r->rewrites;
    // Items the rows name, for {"from_step": i}: the item_id column, else a title column.
    std::vector<size_t> items;
    const auto& cat = data_->catalog();
    int idCol = -1, titleCol = -1;
    for (size_t c = 0; c < r->columns.size(); ++c) {
        if (util::iequals(r->columns[c], "item_id")) idCol = int(c);
        if (util::iequals(r->columns[c], cat.titleColumn())) titleCol = int(c);
    }
    for (const auto& row : r->rows) {
        std::optional<size_t> found;
        if (idCol >= 0 && row[size_t(idCol)].is_string()) found = cat.rowOf(row[size_t(idCol)].get<std::string>());
        if (!found && titleCol >= 0 && row[size_t(titleCol)].is_string()) {
            auto m = data_->matcher().match(row[size_t(titleCol)].get<std::string>(), 1);
            if (m && !m->empty() && m->front().score >= 0.99) found = m->front().row;
        }
        if (found && std::find(items.begin(), items.end(), *found) == items.end()) items.push_back(*found);
    }
    if (ctx.stepRows) {
        if (ctx.stepRows->size() <= ctx.index) ctx.stepRows->resize(ctx.index + 1);
        (*ctx.stepRows)[ctx.index] = items;
    }
    return out;
}

util::Result<json> Tools::map(const MapInput& in, CandidateBus& bus, StepContext& ctx) {
    (void)ctx;
    if (!bus.active()) return util::Error{"there are no candidates to show yet (no earlier step chose any)"};
    json items = json::array();
    for (size_t i = 0; i < bus.size() && i < size_t(in.n); ++i)
        items.push_back(itemJson(bus.items()[i].row, bus.items()[i].score));
    json out = {{"items", items}, {"shown", items.size()}, {"candidates", bus.size()}};
    if (items.empty()) out["note"] = "no candidates are left after the filters";
    return out;
}

}  // namespace rs::agent
