// The built-in model registry and the "name:key=value,..." spec parser.
#include <algorithm>
#include <cctype>

#include "models/als.h"
#include "models/bpr.h"
#include "models/ease.h"
#include "models/itemknn.h"
#include "models/pop.h"
#include "models/recommender.h"
#include "models/sasrecmodule.h"

namespace rs::models {

const std::vector<ModelInfo>& modelRegistry() {
    // Immutable after first use (function-local static: thread-safe initialization).
    static const std::vector<ModelInfo> registry = {
        {"pop", "Most popular: items ranked by number of training users", &Pop::create},
        {"itemknn", "Item-item cosine kNN with shrinkage (params k, shrink, threads)", &ItemKnn::create},
        {"ease", "EASE closed-form linear autoencoder, Steck 2019 (params lambda, threads)", &Ease::create},
        {"als", "Implicit ALS, Hu/Koren/Volinsky 2008 (params factors, reg, alpha, iterations, seed, threads)",
         &Als::create},
        {"bpr", "BPR matrix factorization, Rendle 2009 (params factors, lr, reg, epochs, seed, threads)", &Bpr::create},
        {"sasrec",
         "SASRec self-attentive sequential model, Kang & McAuley 2018, libtorch (params maxlen, dim, blocks, heads, "
         "dropout, lr, batch, epochs, patience, loss=bce|ce|sampled, negatives, seed, threads)",
         &createSasRec},
    };
    return registry;
}

std::vector<std::string> modelNames() {
    std::vector<std::string> names;
    for (const auto& m : modelRegistry()) names.push_back(m.name);
    return names;
}

util::Result<std::unique_ptr<Recommender>> createRecommender(const std::string& name, const Params& params) {
    for (const auto& m : modelRegistry())
        if (m.name == name) return m.create(params);
    std::string known;
    for (const auto& n : modelNames()) known += (known.empty() ? "" : ", ") + n;
    return util::Error{"unknown model '" + name + "' (known: " + known + ")"};
}

namespace {

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> splitCommas(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t comma = s.find(',', start);
        out.push_back(
            trim(std::string_view(s).substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

// Adds "key=value" to params; errors name the spec and the token.
util::Status addParam(const std::string& model, const std::string& token, Params& params) {
    const size_t eq = token.find('=');
    if (eq == std::string::npos)
        return util::Status::error("model '" + model + "': expected key=value, got '" + token + "'");
    std::string key = trim(std::string_view(token).substr(0, eq));
    std::string value = trim(std::string_view(token).substr(eq + 1));
    if (key.empty()) return util::Status::error("model '" + model + "': empty parameter name in '" + token + "'");
    if (!params.emplace(key, value).second)
        return util::Status::error("model '" + model + "': parameter '" + key + "' given twice");
    return util::Status::ok();
}

bool validName(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

}  // namespace

util::Result<std::pair<std::string, Params>> parseModelSpec(const std::string& spec) {
    const size_t colon = spec.find(':');
    std::string name = trim(std::string_view(spec).substr(0, colon));
    if (!validName(name)) return util::Error{"model spec '" + spec + "': missing or invalid model name"};
    Params params;
    if (colon != std::string::npos) {
        const std::string rest = spec.substr(colon + 1);
        if (trim(rest).empty()) return util::Error{"model spec '" + spec + "': no parameters after ':'"};
        for (const auto& token : splitCommas(rest))
            if (auto st = addParam(name, token, params); !st) return st;
    }
    return std::pair{std::move(name), std::move(params)};
}

util::Result<std::vector<std::pair<std::string, Params>>> parseModelList(const std::string& list) {
    std::vector<std::pair<std::string, Params>> out;
    if (trim(list).empty()) return util::Error{"model list is empty"};
    for (const auto& token : splitCommas(list)) {
        if (token.empty()) return util::Error{"model list '" + list + "': empty entry"};
        const size_t colon = token.find(':'), eq = token.find('=');
        if (eq != std::string::npos && (colon == std::string::npos || colon > eq)) {
            // key=value continuing the previous model's parameters.
            if (out.empty())
                return util::Error{"model list '" + list + "': parameter '" + token + "' before any model name"};
            if (auto st = addParam(out.back().first, token, out.back().second); !st) return st;
            continue;
        }
        auto spec = parseModelSpec(token);
        if (!spec) return spec.status();
        out.push_back(std::move(*spec));
    }
    return out;
}

}  // namespace rs::models
