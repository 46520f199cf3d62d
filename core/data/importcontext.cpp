#include "data/importcontext.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "util/text.h"

namespace rs::data {

namespace {
constexpr size_t kKeptMessages = 20;
}

util::Result<std::string> ImportContext::readText(const std::filesystem::path& path, Encoding encoding) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return util::Error{path.string() + ": file not found"};
    if (std::filesystem::is_directory(path, ec)) return util::Error{path.string() + ": is a folder, expected a file"};
    std::ifstream in(path, std::ios::binary);
    if (!in) return util::Error{path.string() + ": cannot open for reading"};
    std::string text;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) text.reserve(static_cast<size_t>(size));
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return util::Error{path.string() + ": read error"};
    if (util::trim(text).empty()) return util::Error{path.string() + ": file is empty"};
    if (encoding == Encoding::Latin1) return util::latin1ToUtf8(text);
    if (encoding == Encoding::Auto && !util::isValidUtf8(text)) {
        warn(path.filename().string() + ": not valid UTF-8, read as latin-1 (ISO-8859-1) and converted");
        return util::latin1ToUtf8(text);
    }
    return text;
}

std::string ImportContext::format(std::string_view file, int64_t line, std::string_view field, std::string_view what) {
    std::string m(file);
    m += ':';
    m += std::to_string(line);
    m += ": ";
    if (!field.empty()) {
        m += "field '";
        m += field;
        m += "': ";
    }
    m += what;
    return m;
}

util::Status ImportContext::bad(std::string_view file, int64_t line, std::string_view field, std::string_view what) {
    std::string m = format(file, line, field, what);
    if (!options_.skipBadLines) return util::Status::error(std::move(m));
    ++report_.linesSkipped;
    if (report_.skippedMessages.size() < kKeptMessages) report_.skippedMessages.push_back(std::move(m));
    return util::Status::ok();
}

std::string ImportContext::utf8Problem(std::string_view record) {
    size_t off = 0;
    if (util::isValidUtf8(record, &off)) return {};
    char buf[96];
    std::snprintf(buf, sizeof buf, "invalid UTF-8 (byte 0x%02X at column %zu); convert the file to UTF-8",
                  static_cast<unsigned>(static_cast<unsigned char>(record[off])), off + 1);
    return buf;
}

util::Status ImportContext::step(size_t bytesDone, size_t bytesTotal, double from, double to, std::string_view stage) {
    if (task_.cancelled()) return util::Status::error(std::string(util::kCancelledMessage));
    const double f = bytesTotal ? static_cast<double>(bytesDone) / static_cast<double>(bytesTotal) : 1.0;
    task_.report(from + (to - from) * f, stage);
    return util::Status::ok();
}

void ImportContext::warnUsersWithoutRow(const Dataset& d, const ItemCatalog& users, std::string_view file) {
    int64_t missing = 0;
    for (const auto& u : d.userIds())
        if (!users.rowOf(u)) ++missing;
    if (missing)
        warn(std::string(file) + ": " + std::to_string(missing) + " user(s) with interactions have no row there");
}

}  // namespace rs::data
