#pragma once
// PriceTable: USD per 1 million input (prompt) and output (completion) tokens, per model. The
// table is data (resources/llm/prices.json, editable by the user); a model that is not listed
// costs 0, as do local servers. Lookup is exact first, then by the longest listed prefix, so a
// dated model name ("gpt-4o-mini-2024-07-18") finds its family ("gpt-4o-mini").
// Threading: const members may be called from any thread.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace rs::llm {

struct ModelPrice {
    double inputPerMillion = 0;   // USD per 1M prompt tokens
    double outputPerMillion = 0;  // USD per 1M completion tokens
};

class PriceTable {
public:
    void set(const std::string& model, ModelPrice price) { prices_[model] = price; }
    std::optional<ModelPrice> find(std::string_view model) const;
    // USD; 0 when the model is not listed.
    double cost(std::string_view model, int64_t promptTokens, int64_t completionTokens) const;
    size_t size() const { return prices_.size(); }
    const std::map<std::string, ModelPrice, std::less<>>& prices() const { return prices_; }

    // {"models": {"gpt-4o-mini": {"input": 0.15, "output": 0.6}, …}}. Errors name the model/field.
    static util::Result<PriceTable> parse(std::string_view jsonText);
    static util::Result<PriceTable> load(const std::filesystem::path& file);
    std::string toJson() const;

private:
    std::map<std::string, ModelPrice, std::less<>> prices_;
};

}  // namespace rs::llm
