#include "agent/answertemplates.h"

#include <cmath>
#include <cstdio>

namespace rs::agent {

using nlohmann::json;

namespace {

std::string valueText(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (d == std::floor(d) && std::fabs(d) < 1e12) return std::to_string(int64_t(d));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", d);
        return buf;
    }
    if (v.is_array() && v.size() == 2) return valueText(v[0]) + "–" + valueText(v[1]);
    if (v.is_null()) return "—";
    return v.dump();
}

std::string describeCondition(const Condition& c) {
    const std::string v = valueText(c.value);
    switch (c.op) {
        case FilterOp::Has:
            return c.column + " " + v;
        case FilterOp::NotHas:
            return "not " + v;
        case FilterOp::Between:
            return c.column + " " + v;
        case FilterOp::Eq:
            return c.column + " " + v;
        default:
            return c.column + " " + std::string(filterOpName(c.op)) + " " + v;
    }
}

std::string joinTitles(const std::vector<GroundedTitle>& ts) {
    std::string out;
    for (size_t i = 0; i < ts.size(); ++i) out += (i ? (i + 1 == ts.size() ? " and " : ", ") : "") + ts[i].title;
    return out;
}

std::string plural(const std::string& noun, size_t n) {
    return n == 1 ? noun : noun + "s";
}

std::string itemLine(size_t i, const json& item) {
    std::string line = std::to_string(i + 1) + ". " + item.value("title", item.value("item", std::string("?")));
    std::string extra;
    if (item.contains("year") &&
        item["title"].get<std::string>().find(std::to_string(item["year"].get<int>())) == std::string::npos)
        extra += std::to_string(item["year"].get<int>());
    if (item.contains("price")) extra += std::string(extra.empty() ? "" : ", ") + "$" + valueText(item["price"]);
    for (const auto& [k, v] : item.items())
        if (v.is_array() && !v.empty()) {
            std::string tags;
            for (const auto& t : v) tags += (tags.empty() ? "" : ", ") + t.get<std::string>();
            extra += std::string(extra.empty() ? "" : "; ") + tags;
        }
    if (!extra.empty()) line += " (" + extra + ")";
    return line;
}

}  // namespace

std::string builtinAnswer(const BuiltinAnalysis& a, const ExecutionResult& result, const ToolsData& data) {
    const std::string noun = data.domain();
    std::string out = std::string(kBuiltinLabel) + ": ";
    if (a.intent == Intent::Chitchat) {
        if (a.chitchatKind == "thanks") return out + "You're welcome! Ask for more " + noun + "s any time.";
        if (a.chitchatKind == "bye") return out + "Goodbye!";
        return out + "Hello! I recommend " + noun + "s from this catalog without a language model. Try \"sci-fi " +
               noun + "s from the 90s like <a title> but not <another>\", \"top 5 popular " + noun +
               "s\", or \"tell me about <a title>\".";
    }
    std::string problems;
    for (const auto& u : a.unmatched) problems += "I could not find \"" + u + "\" in the catalog. ";
    for (const auto& e : result.errors) problems += "Problem: " + e + ". ";
    if (result.cancelled) return out + "Stopped (cancelled).";

    if (a.intent == Intent::Lookup || a.intent == Intent::Compare) {
        const json* rows = nullptr;
        const json* cols = nullptr;
        for (const auto& o : result.outputs)
            if (o.is_object() && o.contains("rows")) {
                rows = &o["rows"];
                cols = &o["columns"];
            }
        if (!rows || rows->empty()) return out + problems + "I found nothing about " + joinTitles(a.subjects) + ".";
        out += a.intent == Intent::Compare ? "Side by side:\n" : "";
        for (const auto& row : *rows) {
            std::string line;
            for (size_t c = 0; c < cols->size() && c < row.size(); ++c) {
                const std::string name = (*cols)[c].get<std::string>();
                if (name == "item_id") continue;
                if (name == data.catalog().titleColumn()) {
                    line = valueText(row[c]) + ":" + line;
                    continue;
                }
                if (row[c].is_null()) continue;
                std::string v = valueText(row[c]);
                for (auto& ch : v)
                    if (ch == '|') ch = ',';
                line += " " + name + " " + v + ";";
            }
            if (!line.empty() && line.back() == ';') line.pop_back();
            out += line + "\n";
        }
        if (a.intent == Intent::Compare && !result.items.empty())
            out += "More popular first: " + data.catalog().title(result.itemRows.front()) + ".\n";
        if (!problems.empty()) out += problems;
        while (!out.empty() && out.back() == '\n') out.pop_back();
        return out;
    }

    // Recommendation.
    std::string understood;
    for (const auto& c : a.conditions) understood += (understood.empty() ? "" : ", ") + describeCondition(c);
    if (!a.freeWhere.empty()) understood += std::string(understood.empty() ? "" : ", ") + "free";
    if (!a.seeds.empty())
        understood += std::string(understood.empty() ? "" : ", ") + "similar to " + joinTitles(a.seeds);
    if (!a.excluded.empty())
        understood += std::string(understood.empty() ? "" : ", ") + "excluding " + joinTitles(a.excluded);
    if (a.refine) understood += std::string(understood.empty() ? "" : ", ") + "among the previous results";
    const json* items = nullptr;
    for (const auto& o : result.outputs)
        if (o.is_object() && o.contains("items")) items = &o["items"];
    if (!items || items->empty()) {
        out += problems + "I found no " + noun + "s" + (understood.empty() ? "" : " (" + understood + ")") +
               ". Try fewer conditions.";
        return out;
    }
    out += "Here " + std::string(items->size() == 1 ? "is " : "are ") + std::to_string(items->size()) + " " +
           plural(noun, items->size()) + (understood.empty() ? "" : " (" + understood + ")") + ":\n";
    for (size_t i = 0; i < items->size(); ++i) out += itemLine(i, (*items)[i]) + "\n";
    if (!problems.empty()) out += problems;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace rs::agent
