#include "store/storeutil.h"

#include <ctime>

#include "store/sqlite.h"
#include "util/date.h"

namespace rs::store::detail {

util::Result<bool> tableExists(Database& db, const std::string& name) {
    auto st = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = ?");
    if (!st) return st.status();
    st->bind(1, name);
    auto row = st->step();
    if (!row) return row.status();
    return st->int64(0) > 0;
}

std::string nowIso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string sanitizeIdentifier(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok)
            out += c;
        else if (!out.empty() && out.back() != '_')
            out += '_';
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "c_" + out;
    return out;
}

std::optional<int64_t> daysFromIso(std::string_view iso) {
    // Same parser and the same "unknown month/day = the 1st" rule as the importers, so a date
    // restored from its ISO text gets the day number it was saved with.
    auto d = util::parseDate(iso);
    if (!d) return std::nullopt;
    return util::daysSinceEpoch(*d);
}

}  // namespace rs::store::detail
