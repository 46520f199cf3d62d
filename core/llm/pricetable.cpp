#include "llm/pricetable.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace rs::llm {

std::optional<ModelPrice> PriceTable::find(std::string_view model) const {
    if (auto it = prices_.find(model); it != prices_.end()) return it->second;
    std::optional<ModelPrice> best;
    size_t bestLen = 0;
    for (const auto& [name, price] : prices_) {
        if (name.size() > bestLen && model.starts_with(name)) {
            best = price;
            bestLen = name.size();
        }
    }
    return best;
}

double PriceTable::cost(std::string_view model, int64_t promptTokens, int64_t completionTokens) const {
    const auto p = find(model);
    if (!p) return 0;
    return (static_cast<double>(promptTokens) * p->inputPerMillion +
            static_cast<double>(completionTokens) * p->outputPerMillion) /
           1e6;
}

util::Result<PriceTable> PriceTable::parse(std::string_view text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return util::Error{"price table: not a JSON object"};
    auto models = j.find("models");
    if (models == j.end() || !models->is_object()) return util::Error{"price table: missing object 'models'"};
    PriceTable table;
    for (const auto& [name, v] : models->items()) {
        auto number = [&](const char* key) -> std::optional<double> {
            auto it = v.find(key);
            if (it == v.end() || !it->is_number() || it->get<double>() < 0) return std::nullopt;
            return it->get<double>();
        };
        if (!v.is_object()) return util::Error{"price table: model '" + name + "' is not an object"};
        auto in = number("input");
        auto out = number("output");
        if (!in || !out)
            return util::Error{"price table: model '" + name + "' needs non-negative numbers 'input' and 'output'"};
        table.set(name, {*in, *out});
    }
    return table;
}

util::Result<PriceTable> PriceTable::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return util::Error{file.string() + ": cannot open the price table"};
    std::ostringstream ss;
    ss << in.rdbuf();
    auto t = parse(ss.str());
    if (!t) return util::Error{file.string() + ": " + t.message()};
    return t;
}

std::string PriceTable::toJson() const {
    nlohmann::json models = nlohmann::json::object();
    for (const auto& [name, p] : prices_) models[name] = {{"input", p.inputPerMillion}, {"output", p.outputPerMillion}};
    return nlohmann::json{{"models", models}}.dump(2);
}

}  // namespace rs::llm
