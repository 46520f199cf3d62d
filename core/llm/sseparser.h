#pragma once
// SseParser: splits a server-sent-events byte stream into event payloads. Bytes may arrive cut
// anywhere (mid-line, mid-UTF-8, mid-"\r\n"); an event is dispatched at its blank line, with its
// "data:" lines joined by "\n" (one optional space after the colon removed). Comments (":") and
// other fields (event, id, retry) are ignored. Not thread-safe; one parser per stream.
#include <functional>
#include <string>
#include <string_view>

namespace rs::llm {

class SseParser {
public:
    // Return false to stop: feed() then returns false at once.
    using DataFn = std::function<bool(std::string_view data)>;

    bool feed(std::string_view bytes, const DataFn& onData);
    // End of stream: dispatches an event left without its closing blank line.
    bool finish(const DataFn& onData);

private:
    bool line(std::string_view line, const DataFn& onData);
    bool dispatch(const DataFn& onData);

    std::string buffer_;  // bytes after the last complete line
    std::string data_;
    bool hasData_ = false;
};

}  // namespace rs::llm
