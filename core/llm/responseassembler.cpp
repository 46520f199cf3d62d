#include "llm/responseassembler.h"

namespace rs::llm {

using nlohmann::json;

namespace {
const json* firstChoice(const json& j) {
    auto it = j.find("choices");
    if (it == j.end() || !it->is_array() || it->empty() || !(*it)[0].is_object()) return nullptr;
    return &(*it)[0];
}

std::string stringOr(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

void readUsage(const json& j, CallStats& stats) {
    auto it = j.find("usage");
    if (it == j.end() || !it->is_object()) return;
    stats.promptTokens = it->value("prompt_tokens", int64_t{0});
    stats.completionTokens = it->value("completion_tokens", int64_t{0});
    stats.usageReported = true;
}

std::string errorText(const json& e) {
    if (e.is_string()) return e.get<std::string>();
    if (e.is_object()) {
        std::string m = stringOr(e, "message");
        if (!m.empty()) return m;
    }
    return e.dump();
}

// Models put a blank line after </think>: layout, not answer.
void trimLeading(std::string& s) {
    const size_t p = s.find_first_not_of(" \t\r\n");
    s.erase(0, p == std::string::npos ? s.size() : p);
}
}  // namespace

std::string serverErrorMessage(std::string_view body) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return {};
    if (auto it = j.find("error"); it != j.end() && !it->is_null()) return errorText(*it);
    return stringOr(j, "message");
}

void ResponseAssembler::deliver(bool reasoning, std::string_view text) {
    if (text.empty()) return;
    std::string& target = reasoning ? response_.reasoning : response_.content;
    target.append(text);
    ++deltas_;
    if (onToken_) onToken_({reasoning ? StreamDelta::Kind::Reasoning : StreamDelta::Kind::Content, text});
}

void ResponseAssembler::addToolCallDelta(const json& d) {
    int index;
    if (d.contains("index") && d["index"].is_number_integer()) {
        index = d["index"].get<int>();
    } else {
        // No index: a new id (or the first call) starts a call, anything else continues the last.
        const std::string id = stringOr(d, "id");
        const bool newCall =
            lastIndex_ < 0 || (!id.empty() && !calls_[lastIndex_].id.empty() && calls_[lastIndex_].id != id);
        index = !newCall ? lastIndex_ : calls_.empty() ? 0 : calls_.rbegin()->first + 1;
    }
    lastIndex_ = index;
    ToolCall& call = calls_[index];
    if (call.id.empty()) call.id = stringOr(d, "id");
    if (auto f = d.find("function"); f != d.end() && f->is_object()) {
        const std::string name = stringOr(*f, "name");
        if (!name.empty() && call.name.empty()) call.name = name;
        if (auto a = f->find("arguments"); a != f->end() && !a->is_null()) {
            if (a->is_string())
                call.arguments += a->get<std::string>();
            else
                call.arguments = a->dump();  // a whole object: replaces, never appends
        }
    }
}

util::Status ResponseAssembler::addChunk(const json& chunk) {
    if (!chunk.is_object()) return util::Status::error("stream chunk is not a JSON object");
    if (auto e = chunk.find("error"); e != chunk.end() && !e->is_null())
        return util::Status::error("server error in stream: " + errorText(*e));
    if (response_.model.empty()) response_.model = stringOr(chunk, "model");
    readUsage(chunk, response_.stats);
    const json* choice = firstChoice(chunk);
    if (!choice) return util::Status::ok();  // e.g. the usage-only chunk with "choices": null
    if (auto d = choice->find("delta"); d != choice->end() && d->is_object()) {
        for (const char* key : {"reasoning_content", "reasoning"}) {
            if (auto r = d->find(key); r != d->end() && r->is_string()) deliver(true, r->get_ref<const std::string&>());
        }
        if (auto c = d->find("content"); c != d->end() && c->is_string()) {
            std::string_view text = c->get_ref<const std::string&>();
            think_.feed(text, [this](bool reasoning, std::string_view t) {
                if (!reasoning && response_.content.empty() && !response_.reasoning.empty()) {
                    const size_t p = t.find_first_not_of(" \t\r\n");
                    t = p == std::string_view::npos ? std::string_view{} : t.substr(p);
                }
                deliver(reasoning, t);
            });
        }
        if (auto tc = d->find("tool_calls"); tc != d->end() && tc->is_array()) {
            for (size_t i = 0; i < tc->size(); ++i)
                if ((*tc)[i].is_object()) addToolCallDelta((*tc)[i]);
        }
    }
    if (auto f = choice->find("finish_reason"); f != choice->end() && f->is_string())
        response_.finishReason = f->get<std::string>();
    return util::Status::ok();
}

ChatResponse ResponseAssembler::finish() {
    think_.finish([this](bool reasoning, std::string_view t) { deliver(reasoning, t); });
    for (auto& [index, call] : calls_) response_.toolCalls.push_back(std::move(call));
    calls_.clear();
    if (!response_.toolCalls.empty()) response_.finishReason = "tool_calls";
    return std::move(response_);
}

util::Result<ChatResponse> ResponseAssembler::parseCompletion(std::string_view body) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return util::Error{"malformed JSON in the response body"};
    if (!j.is_object()) return util::Error{"the response body is not a JSON object"};
    if (auto e = j.find("error"); e != j.end() && !e->is_null()) return util::Error{"server error: " + errorText(*e)};
    const json* choice = firstChoice(j);
    if (!choice) return util::Error{"the response has no choices"};
    auto m = choice->find("message");
    if (m == choice->end() || !m->is_object()) return util::Error{"the response's first choice has no message"};

    ChatResponse r;
    r.model = stringOr(j, "model");
    readUsage(j, r.stats);
    const auto [answer, thought] = splitThink(stringOr(*m, "content"));
    r.content = answer;
    r.reasoning = stringOr(*m, "reasoning_content");
    if (r.reasoning.empty()) r.reasoning = stringOr(*m, "reasoning");
    r.reasoning += thought;
    if (auto tc = m->find("tool_calls"); tc != m->end() && tc->is_array()) {
        for (const auto& c : *tc) {
            if (!c.is_object()) continue;
            ToolCall call;
            call.id = stringOr(c, "id");
            if (auto f = c.find("function"); f != c.end() && f->is_object()) {
                call.name = stringOr(*f, "name");
                if (auto a = f->find("arguments"); a != f->end()) call.arguments = argumentsText(*a);
            }
            r.toolCalls.push_back(std::move(call));
        }
    }
    r.finishReason = stringOr(*choice, "finish_reason");
    if (!r.toolCalls.empty()) r.finishReason = "tool_calls";
    if (!r.reasoning.empty()) trimLeading(r.content);
    return r;
}

}  // namespace rs::llm
