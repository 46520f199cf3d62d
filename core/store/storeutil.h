#pragma once
// Internal helpers shared by the project store's .cpp files (not part of the public API).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"
#include "util/task.h"

namespace rs::store {
class Database;
}

namespace rs::store::detail {

// Does a table (or index) of that name exist in db?
util::Result<bool> tableExists(Database& db, const std::string& name);
// Creates user_tables and user_columns when missing (defined with the schema in projectstore.cpp).
// Project files from before user tables lack them; they are added by the first save that needs
// them, inside the caller's transaction.
util::Status ensureUserTables(Database& db);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string nowIso();
// Lower-case, [a-z0-9_] only, no leading digit, never empty: a name usable in SQL unquoted.
std::string sanitizeIdentifier(std::string_view name);
// Days since 1970-01-01 for "YYYY-MM-DD", "YYYY-MM" (the 1st) or "YYYY" (1 January).
std::optional<int64_t> daysFromIso(std::string_view iso);

// Calls task.report every `every` steps and checks cancellation; cheap enough for row loops.
class Progress {
public:
    Progress(const util::Task& task, int64_t total, std::string_view stage)
        : task_(task), total_(total > 0 ? total : 1), stage_(stage) {}
    // Returns false when the task was cancelled.
    bool step(int64_t n = 1) {
        done_ += n;
        if (done_ - last_ < 8192) return true;
        last_ = done_;
        task_.report(static_cast<double>(done_) / static_cast<double>(total_), stage_);
        return !task_.cancelled();
    }
    void setStage(std::string_view stage) { stage_ = stage; }

private:
    const util::Task& task_;
    int64_t total_, done_ = 0, last_ = 0;
    std::string_view stage_;
};

}  // namespace rs::store::detail
