#pragma once
// Calendar dates and timestamps as they appear in data files. All arithmetic is proleptic
// Gregorian in UTC (no time zones: the data sets carry none). Pure functions, thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rs::util {

// A day with its source precision: month == 0 means only the year was known, day == 0 means
// only year and month.
struct CalendarDate {
    int year = 1970;
    int month = 0;  // 1..12, 0 = unknown
    int day = 0;    // 1..31, 0 = unknown
};

// Days since 1970-01-01 (negative before). Unknown month/day count as the 1st.
int64_t daysSinceEpoch(const CalendarDate& d);
int64_t daysFromCivil(int year, int month, int day);
// "YYYY-MM-DD", "YYYY-MM" or "YYYY" depending on the precision.
std::string isoString(const CalendarDate& d);

// Understands, after trimming: ISO "2009-06-12" / "2009-06" / "2009" (also '/' separators),
// "12-Jun-2009" (MovieLens), "Jun 2009" / "June 2009", "Jun 12, 2009", "12 Jun, 2009" / "12 Jun 2009".
// Month names are English, case-insensitive. Validates day-of-month (no 2009-02-30).
// Returns nullopt for anything else ("Coming soon", "Q1 2018").
std::optional<CalendarDate> parseDate(std::string_view s);

// Seconds since the Unix epoch from an integer ("881250949"; a decimal like "881250949.0" is
// truncated), an ISO date ("2011-11-05" -> midnight UTC) or an ISO date-time
// ("2011-11-05 13:45:10", "2011-11-05T13:45:10Z", seconds optional).
std::optional<int64_t> parseTimestamp(std::string_view s);

}  // namespace rs::util
