#include "llm/sseparser.h"

namespace rs::llm {

bool SseParser::feed(std::string_view bytes, const DataFn& onData) {
    buffer_.append(bytes);
    size_t start = 0;
    bool keepGoing = true;
    while (keepGoing) {
        const size_t nl = buffer_.find('\n', start);
        if (nl == std::string::npos) break;
        std::string_view l(buffer_.data() + start, nl - start);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        keepGoing = line(l, onData);
        start = nl + 1;
    }
    buffer_.erase(0, start);  // once per feed, so long streams stay linear
    return keepGoing;
}

bool SseParser::finish(const DataFn& onData) {
    if (!buffer_.empty()) {
        std::string rest;
        rest.swap(buffer_);
        if (!rest.empty() && rest.back() == '\r') rest.pop_back();
        if (!line(rest, onData)) return false;
    }
    return dispatch(onData);
}

bool SseParser::line(std::string_view l, const DataFn& onData) {
    if (l.empty()) return dispatch(onData);
    if (l.front() == ':') return true;
    const size_t colon = l.find(':');
    const std::string_view field = l.substr(0, colon);
    if (field != "data") return true;
    std::string_view value = colon == std::string_view::npos ? std::string_view{} : l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (hasData_) data_ += '\n';
    data_.append(value);
    hasData_ = true;
    return true;
}

bool SseParser::dispatch(const DataFn& onData) {
    if (!hasData_) return true;
    hasData_ = false;
    std::string data;
    data.swap(data_);
    return onData(data);
}

}  // namespace rs::llm
