#include "util/date.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "util/text.h"

namespace rs::util {

namespace {

bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

bool valid(const CalendarDate& d) {
    if (d.year < 1 || d.year > 9999 || d.month < 0 || d.month > 12 || d.day < 0) return false;
    if (d.month == 0) return d.day == 0;
    return d.day <= daysInMonth(d.year, d.month);
}

// "jan", "january", "sept" -> 1..12; 0 when not a month name.
int monthFromName(std::string_view s) {
    static constexpr std::array<std::string_view, 12> kNames{"january",   "february", "march",    "april",
                                                             "may",       "june",     "july",     "august",
                                                             "september", "october",  "november", "december"};
    const std::string lower = toLower(s);
    if (lower.size() < 3) return 0;
    for (size_t m = 0; m < kNames.size(); ++m)
        if (kNames[m].substr(0, lower.size()) == lower) return static_cast<int>(m) + 1;
    return 0;
}

std::optional<int> number(std::string_view s, size_t minDigits, size_t maxDigits) {
    if (s.size() < minDigits || s.size() > maxDigits) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    auto v = parseInt64(s);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

std::optional<CalendarDate> checked(CalendarDate d) {
    if (!valid(d)) return std::nullopt;
    return d;
}

std::optional<CalendarDate> parseIso(std::string_view s) {
    const char sep = s.find('/') != std::string_view::npos ? '/' : '-';
    auto parts = split(s, sep);
    if (parts.size() > 3) return std::nullopt;
    auto y = number(parts[0], 4, 4);
    if (!y) return std::nullopt;
    CalendarDate d{*y, 0, 0};
    if (parts.size() >= 2) {
        auto m = number(parts[1], 1, 2);
        if (!m || *m < 1) return std::nullopt;
        d.month = *m;
    }
    if (parts.size() == 3) {
        auto day = number(parts[2], 1, 2);
        if (!day || *day < 1) return std::nullopt;
        d.day = *day;
    }
    return checked(d);
}

}  // namespace

int64_t daysFromCivil(int year, int month, int day) {
    // Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html).
    const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t mp = (month + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t daysSinceEpoch(const CalendarDate& d) {
    return daysFromCivil(d.year, d.month == 0 ? 1 : d.month, d.day == 0 ? 1 : d.day);
}

std::string isoString(const CalendarDate& d) {
    char buf[16];
    if (d.month == 0)
        std::snprintf(buf, sizeof buf, "%04d", d.year);
    else if (d.day == 0)
        std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::optional<CalendarDate> parseDate(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    if (s[0] >= '0' && s[0] <= '9' && s.size() >= 4 && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
        s[3] >= '0' && s[3] <= '9')
        return parseIso(s);
    // "12-Jun-2009" (MovieLens release dates).
    if (auto parts = split(s, '-'); parts.size() == 3) {
        auto day = number(parts[0], 1, 2);
        const int m = monthFromName(parts[1]);
        auto y = number(parts[2], 4, 4);
        if (day && m && y) return checked({*y, m, *day});
        return std::nullopt;
    }
    // Word forms: drop commas, then "Mon YYYY", "Mon DD YYYY", "DD Mon YYYY".
    std::string cleaned(s);
    for (char& c : cleaned)
        if (c == ',' || c == '.') c = ' ';
    auto words = splitWhitespace(cleaned);
    if (words.size() == 2) {
        const int m = monthFromName(words[0]);
        auto y = number(words[1], 4, 4);
        if (m && y) return checked({*y, m, 0});
    } else if (words.size() == 3) {
        if (int m = monthFromName(words[0]); m) {
            auto day = number(words[1], 1, 2);
            auto y = number(words[2], 4, 4);
            if (day && y) return checked({*y, m, *day});
        } else if (int m2 = monthFromName(words[1]); m2) {
            auto day = number(words[0], 1, 2);
            auto y = number(words[2], 4, 4);
            if (day && y) return checked({*y, m2, *day});
        }
    }
    return std::nullopt;
}

std::optional<int64_t> parseTimestamp(std::string_view s) {
    s = trim(s);
    if (auto v = parseInt64(s)) return v;
    // Decimal seconds ("881250949.0", RecBole's float timestamps); "2011-11-05" falls through.
    if (auto d = parseDouble(s); d && std::fabs(*d) < 9.0e15) return static_cast<int64_t>(*d);
    // Date, optionally followed by 'T' or ' ' and HH:MM[:SS][Z].
    std::string_view datePart = s.substr(0, std::min<size_t>(10, s.size()));
    auto date = parseIso(datePart);
    if (!date || date->day == 0) return std::nullopt;
    int64_t seconds = daysSinceEpoch(*date) * 86400;
    std::string_view rest = s.substr(datePart.size());
    if (rest.empty()) return seconds;
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    rest.remove_prefix(1);
    if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
    auto hms = split(rest, ':');
    if (hms.size() < 2 || hms.size() > 3) return std::nullopt;
    auto h = number(hms[0], 1, 2), mi = number(hms[1], 2, 2);
    std::optional<int> sec = hms.size() == 3 ? number(hms[2], 2, 2) : std::optional<int>(0);
    if (!h || !mi || !sec || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
    return seconds + *h * 3600 + *mi * 60 + *sec;
}

}  // namespace rs::util
