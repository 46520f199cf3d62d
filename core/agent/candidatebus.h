#pragma once
// CandidateBus: the items a conversation is currently talking about, in order, each with a score
// and its provenance (which steps added, filtered or re-ordered it).
//
// Items are catalog rows (size_t into ItemCatalog::ids()), so a snapshot of 32k candidates is a
// flat copy; ids are looked up only when the bus is written as JSON. Provenance labels ("step 2
// hard_filter") are interned per bus; each candidate keeps the indices of its last
// kMaxProvenance labels.
//
// States: inactive (no candidates chosen yet: tools then work over the whole catalog) and active
// (possibly with zero candidates, after a filter removed everything). reset() returns to
// inactive; a conversation calls it when a new request starts and keeps the bus for follow-ups.
// Threading: not thread-safe; one conversation, one thread.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace rs::agent {

inline constexpr size_t kMaxProvenance = 6;

struct Candidate {
    size_t row = 0;    // catalog row
    double score = 0;  // the last score a step gave it (similarity, preference, popularity, ...)
    std::array<uint16_t, kMaxProvenance> provenance{};  // label indices, oldest first
    uint8_t provenanceCount = 0;
};

// The difference between two snapshots: rows added, removed, and moved (position changed).
struct BusDiff {
    struct Move {
        size_t row;
        size_t from, to;  // 0-based positions
    };
    std::vector<size_t> added, removed;
    std::vector<Move> moved;
    bool empty() const { return added.empty() && removed.empty() && moved.empty(); }
    // {"added": [id...], "removed": [...], "moved": [{"item", "from", "to"}]} with at most limit
    // entries per list (and "*_count" totals).
    nlohmann::json toJson(const std::vector<std::string>& ids, size_t limit = 50) const;
};

class CandidateBus {
public:
    using Snapshot = std::vector<Candidate>;

    bool active() const { return active_; }
    size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const std::vector<Candidate>& items() const { return items_; }
    const Snapshot& snapshot() const { return items_; }  // copy it to keep it
    bool contains(size_t row) const;

    void reset();
    // Replaces the candidates with rows in this order, scored, labelled with label.
    void set(const std::vector<size_t>& rows, const std::vector<double>& scores, const std::string& label);
    // Keeps the candidates for which keep(row) is true, in their order; labels the kept ones.
    void filter(const std::function<bool(size_t row)>& keep, const std::string& label);
    // Sets new scores (score(row)) and sorts by them, best first (stable for ties); labels all.
    void rescore(const std::function<double(size_t row)>& score, const std::string& label);
    // Replaces the order with rows (a subset of the current candidates, e.g. an MMR re-ranking) and
    // their scores; candidates not listed are removed. Rows not on the bus are ignored.
    void reorder(const std::vector<size_t>& rows, const std::vector<double>& scores, const std::string& label);
    // Keeps only the first n candidates.
    void truncate(size_t n, const std::string& label);

    std::vector<std::string> provenance(const Candidate& c) const;
    // [{"item": id, "score": x, "provenance": [...]}, ...] for the first limit candidates.
    nlohmann::json toJson(const std::vector<std::string>& ids, size_t limit = 100) const;

    static BusDiff diff(const Snapshot& before, const Snapshot& after);

private:
    uint16_t intern(const std::string& label);
    static void addLabel(Candidate& c, uint16_t label);

    std::vector<Candidate> items_;
    bool active_ = false;
    std::vector<std::string> labels_;
    std::unordered_map<std::string, uint16_t> labelIndex_;
};

}  // namespace rs::agent
