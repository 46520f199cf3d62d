#include "llm/thinksplitter.h"

#include <algorithm>

namespace rs::llm {

namespace {
constexpr std::string_view kOpen = "<think>";
constexpr std::string_view kClose = "</think>";

// Length of the longest suffix of text that is a proper prefix of tag.
size_t partialTagSuffix(std::string_view text, std::string_view tag) {
    for (size_t n = std::min(text.size(), tag.size() - 1); n > 0; --n)
        if (text.substr(text.size() - n) == tag.substr(0, n)) return n;
    return 0;
}
}  // namespace

void ThinkSplitter::feed(std::string_view text, const EmitFn& sink) {
    pending_.append(text);
    while (true) {
        const std::string_view tag = inThink_ ? kClose : kOpen;
        const size_t pos = pending_.find(tag);
        if (pos != std::string::npos) {
            if (pos > 0) sink(inThink_, std::string_view(pending_).substr(0, pos));
            pending_.erase(0, pos + tag.size());
            inThink_ = !inThink_;
            continue;
        }
        const size_t hold = partialTagSuffix(pending_, tag);
        if (pending_.size() > hold) sink(inThink_, std::string_view(pending_).substr(0, pending_.size() - hold));
        pending_.erase(0, pending_.size() - hold);
        return;
    }
}

void ThinkSplitter::finish(const EmitFn& sink) {
    if (!pending_.empty()) sink(inThink_, pending_);
    pending_.clear();
}

std::pair<std::string, std::string> splitThink(std::string_view text) {
    std::string answer, reasoning;
    ThinkSplitter s;
    auto collect = [&](bool r, std::string_view t) { (r ? reasoning : answer).append(t); };
    s.feed(text, collect);
    s.finish(collect);
    // Models put a blank line after </think>; it is layout, not answer.
    if (!reasoning.empty())
        answer.erase(0, answer.find_first_not_of(" \t\r\n") == std::string::npos ? answer.size()
                                                                                 : answer.find_first_not_of(" \t\r\n"));
    return {answer, reasoning};
}

}  // namespace rs::llm
