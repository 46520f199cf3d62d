#include "store/storeutil.h"

#include <charconv>
#include <ctime>

namespace rs::store::detail {

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
    auto num = [&](size_t pos, size_t len) -> std::optional<int> {
        if (iso.size() < pos + len) return std::nullopt;
        int v = 0;
        auto [p, ec] = std::from_chars(iso.data() + pos, iso.data() + pos + len, v);
        if (ec != std::errc() || p != iso.data() + pos + len) return std::nullopt;
        return v;
    };
    auto y = num(0, 4);
    if (!y) return std::nullopt;
    int m = 1, d = 1;
    if (iso.size() > 4) {
        auto mm = num(5, 2);
        if (iso[4] != '-' || !mm) return std::nullopt;
        m = *mm;
    }
    if (iso.size() > 7) {
        auto dd = num(8, 2);
        if (iso[7] != '-' || !dd) return std::nullopt;
        d = *dd;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    // Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html).
    const int yy = *y - (m <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(yy - era * 400);
    const unsigned doy = (153u * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2u) / 5u + static_cast<unsigned>(d) - 1u;
    const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace rs::store::detail
