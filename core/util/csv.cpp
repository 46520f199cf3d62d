#include "util/csv.h"

namespace rs::util {

DelimitedReader::DelimitedReader(std::string_view text, std::string sep, bool quoting)
    : text_(text), sep_(std::move(sep)), quoting_(quoting && sep_.size() == 1) {
    // A UTF-8 byte order mark is not part of the first field's name.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool DelimitedReader::next() {
    fields_.clear();
    error_.clear();
    while (pos_ < text_.size()) {
        if (quoting_) {
            // A blank line is not a record.
            if (text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
                pos_ += text_[pos_] == '\r' ? 2 : 1;
                ++nextLine_;
                continue;
            }
            return nextQuoted();
        }
        size_t end = text_.find('\n', pos_);
        if (end == std::string_view::npos) end = text_.size();
        std::string_view line = text_.substr(pos_, end - pos_);
        pos_ = end + (end < text_.size() ? 1 : 0);
        line_ = nextLine_++;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        raw_ = line;
        size_t start = 0;
        for (size_t p; (p = line.find(sep_, start)) != std::string_view::npos; start = p + sep_.size())
            fields_.emplace_back(line.substr(start, p - start));
        fields_.emplace_back(line.substr(start));
        return true;
    }
    return false;
}

bool DelimitedReader::nextQuoted() {
    const char sep = sep_[0];
    line_ = nextLine_;
    const size_t begin = pos_;
    std::string field;
    bool inQuotes = false, wasQuoted = false;
    size_t i = pos_;
    for (; i < text_.size(); ++i) {
        const char c = text_[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < text_.size() && text_[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n') ++nextLine_;
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && field.empty() && !wasQuoted) {
            inQuotes = wasQuoted = true;
        } else if (c == sep) {
            fields_.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else if (c == '\n') {
            break;
        } else if (c == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') {
            // dropped: CRLF line ending
        } else {
            field.push_back(c);
        }
    }
    if (inQuotes) {
        error_ = "unterminated quoted field";
        pos_ = text_.size();
        return false;
    }
    fields_.push_back(std::move(field));
    size_t end = i;
    raw_ = text_.substr(begin, end - begin);
    if (!raw_.empty() && raw_.back() == '\r') raw_.remove_suffix(1);
    pos_ = end < text_.size() ? end + 1 : end;
    ++nextLine_;
    return true;
}

}  // namespace rs::util
