#include "models/params.h"

#include <charconv>
#include <cmath>
#include <thread>

namespace rs::models {

const std::string* ParamReader::lookup(const std::string& key) {
    known_.insert(key);
    auto it = params_.find(key);
    return it == params_.end() ? nullptr : &it->second;
}

void ParamReader::fail(const std::string& key, const std::string& what) {
    if (error_.empty()) error_ = model_ + ": parameter '" + key + "' " + what;
}

int64_t ParamReader::getInt(const std::string& key, int64_t def, int64_t min, int64_t max) {
    const std::string* s = lookup(key);
    if (!s || !error_.empty()) return def;
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || ptr != s->data() + s->size() || s->empty()) {
        fail(key, "must be an integer, got '" + *s + "'");
        return def;
    }
    if (v < min || v > max) {
        fail(key, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + *s);
        return def;
    }
    return v;
}

double ParamReader::getFloat(const std::string& key, double def, double min, double max) {
    const std::string* s = lookup(key);
    if (!s || !error_.empty()) return def;
    double v = 0;
    auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || ptr != s->data() + s->size() || s->empty() || !std::isfinite(v)) {
        fail(key, "must be a number, got '" + *s + "'");
        return def;
    }
    if (v < min || v > max) {
        fail(key, "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + *s);
        return def;
    }
    return v;
}

bool ParamReader::getBool(const std::string& key, bool def) {
    const std::string* s = lookup(key);
    if (!s || !error_.empty()) return def;
    if (*s == "1" || *s == "true" || *s == "yes" || *s == "on") return true;
    if (*s == "0" || *s == "false" || *s == "no" || *s == "off") return false;
    fail(key, "must be true or false, got '" + *s + "'");
    return def;
}

std::string ParamReader::getChoice(const std::string& key, const std::string& def,
                                   const std::vector<std::string>& choices) {
    const std::string* s = lookup(key);
    if (!s || !error_.empty()) return def;
    for (const auto& c : choices)
        if (*s == c) return c;
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    fail(key, "must be one of " + list + ", got '" + *s + "'");
    return def;
}

util::Status ParamReader::finish() const {
    if (!error_.empty()) return util::Status::error(error_);
    for (const auto& [key, value] : params_) {
        if (known_.count(key)) continue;
        std::string list;
        for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
        return util::Status::error(model_ + ": unknown parameter '" + key + "' (known: " + list + ")");
    }
    return util::Status::ok();
}

int resolveThreads(int64_t requested) {
    if (requested > 0) return static_cast<int>(requested);
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
}

}  // namespace rs::models
