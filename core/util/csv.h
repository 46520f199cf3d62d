#pragma once
// DelimitedReader: walks delimited text record by record without copying the whole file again.
//
// Without quoting (TSV, MovieLens '|' and '::' files) every line is one record split on sep.
// With quoting (CSV, RFC 4180) a field may be enclosed in double quotes: inside, sep and line
// breaks are literal and "" is one quote. CR before LF is dropped. Blank lines are skipped
// (they are not records). The reader keeps a view of text: text must outlive it.
// Not thread-safe; one reader per thread.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rs::util {

class DelimitedReader {
public:
    DelimitedReader(std::string_view text, std::string sep, bool quoting);

    // Advances to the next record; false at the end of the text or on a malformed record (then
    // error() is non-empty and line() names the record's first line).
    bool next();
    const std::vector<std::string>& fields() const { return fields_; }
    std::string_view raw() const { return raw_; }  // the record's text without the line break
    int64_t line() const { return line_; }         // 1-based line where the record starts
    size_t position() const { return pos_; }       // bytes consumed so far (for progress)
    const std::string& error() const { return error_; }

private:
    bool nextQuoted();

    std::string_view text_;
    std::string sep_;
    bool quoting_;
    size_t pos_ = 0;
    int64_t nextLine_ = 1;
    int64_t line_ = 0;
    std::string_view raw_;
    std::vector<std::string> fields_;
    std::string error_;
};

}  // namespace rs::util
