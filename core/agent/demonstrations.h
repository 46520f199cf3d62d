#pragma once
// Dynamic demonstrations for the LLM planner: a JSONL library of (request, plan) pairs per domain
// (resources/demos/<domain>.jsonl) and a retriever that picks the k most similar to the user's
// message by embedding, so the planner prompt shows worked examples close to the request.
//
// File format: one JSON object per line, blank lines and lines starting with '#' ignored:
//   {"request": "sci-fi movies from the 90s like Star Wars",
//    "plan": {"intent": "recommend", "plan": [{"tool": ..., "input": {...}}, ...]},
//    "answer": "..."}            // only for chit-chat: the one-call reply the planner gives
// "plan" is in the exact plan JSON the executor takes (plan.h); the loader checks only the shape
// (request a non-empty string, plan an object with "intent" and a "plan" array); full validation
// is parsePlan's job (a test runs it over every shipped demonstration).
//
// Retrieval: the requests are embedded once by any index::Embedder (the offline "tfidf" one, fitted
// on the requests themselves, or an LLM embedder); a message is embedded the same way and the
// demonstrations are ranked by cosine similarity, ties in file order.
// Threading: a built retriever is immutable; nearest() is const and as thread-safe as the
// embedder's embed() (the tfidf one is).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/embedder.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::agent {

struct Demonstration {
    std::string request;
    nlohmann::json plan;  // {"intent": ..., "plan": [...]}
    std::string answer;   // chit-chat reply; empty otherwise
    int line = 0;         // 1-based line in the file (0 when not from a file)

    // What the planner is shown: the plan with "answer" added for chit-chat.
    nlohmann::json shown() const;
};

// Parses JSONL text; source names it in errors ("<source>:<line>: field 'plan': ...").
util::Result<std::vector<Demonstration>> parseDemonstrations(std::string_view text, const std::string& source);
util::Result<std::vector<Demonstration>> loadDemonstrations(const std::filesystem::path& file);

// "User: <request>\nPlan: <compact JSON>" blocks separated by blank lines; "(none)" when empty.
std::string formatDemonstrations(const std::vector<const Demonstration*>& demos);

struct ScoredDemonstration {
    const Demonstration* demo = nullptr;
    float similarity = 0;  // cosine, in [-1, 1]
};

class DemonstrationRetriever {
public:
    // Embeds every request. An embedder that needsFit() is fitted on the requests first (tfidf).
    // Fails on an empty library or an embedder error (naming it); "cancelled" on cancel.
    static util::Result<DemonstrationRetriever> build(std::vector<Demonstration> demos,
                                                      std::unique_ptr<index::Embedder> embedder,
                                                      const util::Task& task = {});
    // The offline default: tfidf (dim 1024) fitted on the requests.
    static util::Result<DemonstrationRetriever> buildOffline(std::vector<Demonstration> demos);

    // Up to k demonstrations, most similar first. An empty message gives the first k in file order.
    util::Result<std::vector<ScoredDemonstration>> nearest(std::string_view message, size_t k,
                                                           const util::Task& task = {}) const;
    const std::vector<Demonstration>& demonstrations() const { return demos_; }
    const index::Embedder& embedder() const { return *embedder_; }

private:
    std::vector<Demonstration> demos_;
    std::unique_ptr<index::Embedder> embedder_;
    int32_t dim_ = 0;
    std::vector<float> vectors_;  // demos_.size() × dim_, unit rows
};

}  // namespace rs::agent
