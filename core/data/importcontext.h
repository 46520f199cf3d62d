#pragma once
// ImportContext: the bookkeeping every importer shares — reading files with the right encoding,
// formatting "<file>:<line>: field '<name>': <what>" errors, counting skipped lines when
// skipBadLines is set, warnings, progress and cancellation. Internal to core/data importers.
// One context per import run; not thread-safe.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "data/importer.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::data {

enum class Encoding {
    Utf8,    // invalid UTF-8 is an error naming the line (or a skipped line)
    Latin1,  // every byte is ISO-8859-1 and converted to UTF-8
    Auto,    // UTF-8 when the whole file is valid UTF-8, else latin-1 (with a warning)
};

class ImportContext {
public:
    ImportContext(const ImportOptions& options, const util::Task& task, ImportReport& report)
        : options_(options), task_(task), report_(report) {}

    const ImportOptions& options() const { return options_; }
    ImportReport& report() { return report_; }

    // Reads the whole file. Missing, unreadable and empty files are errors naming the path.
    // With Encoding::Utf8 the text is returned unchecked; the caller checks each record with
    // checkUtf8() so the error can name the line.
    util::Result<std::string> readText(const std::filesystem::path& path, Encoding encoding);

    // A bad value or line. Without skipBadLines: returns the formatted error. With it: counts
    // the line, keeps the first 20 messages and returns OK so the caller can skip the line.
    util::Status bad(std::string_view file, int64_t line, std::string_view field, std::string_view what);
    // "<file>:<line>: field '<field>': <what>" (field omitted when empty).
    static std::string format(std::string_view file, int64_t line, std::string_view field, std::string_view what);

    // Checks one record of a UTF-8 file: empty when fine, otherwise the "<what>" part of the
    // message (the bad byte and its column).
    static std::string utf8Problem(std::string_view record);

    void warn(std::string message) { report_.warnings.push_back(std::move(message)); }
    // Warns (naming file) when users of d have no row in the user table: demographics are
    // optional per user, so this is never an error.
    void warnUsersWithoutRow(const Dataset& d, const ItemCatalog& users, std::string_view file);
    void lineRead() { ++report_.linesRead; }

    // Reports progress (fraction of the bytes of one file mapped into [from, to] of the
    // whole import) and checks the cancel flag; an error status means stop.
    util::Status step(size_t bytesDone, size_t bytesTotal, double from, double to, std::string_view stage);

private:
    const ImportOptions& options_;
    const util::Task& task_;
    ImportReport& report_;
};

}  // namespace rs::data
