#pragma once
// ThinkSplitter: separates "<think>…</think>" reasoning from the answer in text that arrives in
// pieces. A tag cut across pieces ("<thi" + "nk>") is recognised: a piece's tail that could be
// the start of a tag is held back until the next piece (or finish()) decides. Text outside the
// tags is the answer, inside is reasoning. Not thread-safe; one splitter per response.
#include <functional>
#include <string>
#include <string_view>

namespace rs::llm {

class ThinkSplitter {
public:
    using EmitFn = std::function<void(bool reasoning, std::string_view text)>;

    void feed(std::string_view text, const EmitFn& sink);
    void finish(const EmitFn& sink);  // flushes held-back text
    bool inThink() const { return inThink_; }

private:
    std::string pending_;
    bool inThink_ = false;
};

// Splits a whole text at once: {answer, reasoning}. Leading whitespace after </think> is dropped.
std::pair<std::string, std::string> splitThink(std::string_view text);

}  // namespace rs::llm
