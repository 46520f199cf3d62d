#pragma once
// ParamReader: typed access to a model's string Params with errors that name the model and key.
// Each get*() marks its key as known; finish() then rejects any key nobody asked for, so a typo
// ("lamda=300") fails loudly instead of silently training with the default.
// The first error wins: later get*() calls return their defaults and finish() reports it.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "models/recommender.h"
#include "util/status.h"

namespace rs::models {

class ParamReader {
public:
    ParamReader(std::string model, const Params& params) : model_(std::move(model)), params_(params) {}

    // Integers in [min, max]; floats finite and in [min, max]; bools accept 1/0/true/false/yes/no/on/off.
    int64_t getInt(const std::string& key, int64_t def, int64_t min, int64_t max);
    double getFloat(const std::string& key, double def, double min, double max);
    bool getBool(const std::string& key, bool def);
    // One of choices (exact match); the error lists them.
    std::string getChoice(const std::string& key, const std::string& def, const std::vector<std::string>& choices);
    // Whether key was given (marks it known, like the getters).
    bool has(const std::string& key) { return lookup(key) != nullptr; }

    // OK when every get*() succeeded and no unknown key was given.
    util::Status finish() const;

private:
    const std::string* lookup(const std::string& key);
    void fail(const std::string& key, const std::string& what);

    std::string model_;
    const Params& params_;
    std::set<std::string> known_;
    std::string error_;
};

// Number of worker threads for a "threads" parameter: 0 means every hardware thread (at least 1).
int resolveThreads(int64_t requested);

}  // namespace rs::models
