#include "agent/busdiff.h"

#include <unordered_map>

namespace rs::agent {

std::string_view busChangeName(BusChange c) {
    switch (c) {
        case BusChange::Kept:
            return "kept";
        case BusChange::Added:
            return "added";
        case BusChange::Removed:
            return "removed";
        case BusChange::Moved:
            return "moved";
    }
    return "kept";
}

namespace {

struct Entry {
    std::string item;
    double score = 0;
    std::vector<std::string> provenance;
};

util::Result<std::vector<Entry>> readSnapshot(const nlohmann::json& j, const char* side) {
    std::vector<Entry> out;
    if (j.is_null()) return out;
    if (!j.is_array()) return util::Error{std::string("bus ") + side + ": not a list"};
    for (size_t i = 0; i < j.size(); ++i) {
        const auto& e = j[i];
        if (!e.is_object() || !e.contains("item") || !e["item"].is_string())
            return util::Error{std::string("bus ") + side + " entry " + std::to_string(i) + ": no \"item\" string"};
        Entry entry;
        entry.item = e["item"].get<std::string>();
        if (auto s = e.find("score"); s != e.end() && s->is_number()) entry.score = s->get<double>();
        if (auto p = e.find("provenance"); p != e.end() && p->is_array())
            for (const auto& label : *p)
                if (label.is_string()) entry.provenance.push_back(label.get<std::string>());
        out.push_back(std::move(entry));
    }
    return out;
}

// Positions (indices into seq) of one longest strictly increasing subsequence of seq.
std::vector<size_t> longestIncreasing(const std::vector<int>& seq) {
    std::vector<size_t> tails;  // tails[k]: index of the smallest tail of an increasing run of length k+1
    std::vector<long> parent(seq.size(), -1);
    for (size_t i = 0; i < seq.size(); ++i) {
        size_t lo = 0, hi = tails.size();
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if (seq[tails[mid]] < seq[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0) parent[i] = long(tails[lo - 1]);
        if (lo == tails.size())
            tails.push_back(i);
        else
            tails[lo] = i;
    }
    std::vector<size_t> out;
    for (long i = tails.empty() ? -1 : long(tails.back()); i >= 0; i = parent[size_t(i)]) out.push_back(size_t(i));
    return {out.rbegin(), out.rend()};
}

}  // namespace

util::Result<BusSnapshotDiff> diffBusSnapshots(const nlohmann::json& before, const nlohmann::json& after) {
    auto b = readSnapshot(before, "before");
    if (!b) return b.status();
    auto a = readSnapshot(after, "after");
    if (!a) return a.status();

    std::unordered_map<std::string, size_t> posBefore;  // first position only
    std::vector<const Entry*> listBefore;
    for (const auto& e : *b)
        if (posBefore.emplace(e.item, listBefore.size()).second) listBefore.push_back(&e);
    std::unordered_map<std::string, size_t> posAfter;
    std::vector<const Entry*> listAfter;
    for (const auto& e : *a)
        if (posAfter.emplace(e.item, listAfter.size()).second) listAfter.push_back(&e);

    BusSnapshotDiff out;
    out.beforeSize = listBefore.size();
    out.afterSize = listAfter.size();
    // Kept items (on both sides) in the after order, with their before positions; the longest run
    // whose before positions increase stayed in order, every other kept item moved. So a filter
    // moves nothing and one item jumping to the front is the only one moved.
    std::vector<size_t> keptAt;  // indices into listAfter
    std::vector<int> keptBefore;
    for (size_t i = 0; i < listAfter.size(); ++i)
        if (auto it = posBefore.find(listAfter[i]->item); it != posBefore.end()) {
            keptAt.push_back(i);
            keptBefore.push_back(int(it->second));
        }
    std::vector<bool> inOrder(listAfter.size(), false);
    for (size_t k : longestIncreasing(keptBefore)) inOrder[keptAt[k]] = true;

    for (size_t i = 0; i < listAfter.size(); ++i) {
        const Entry& e = *listAfter[i];
        BusDiffRow row;
        row.item = e.item;
        row.after = int(i);
        row.scoreAfter = e.score;
        row.provenance = e.provenance;
        if (auto it = posBefore.find(e.item); it != posBefore.end()) {
            row.before = int(it->second);
            row.scoreBefore = listBefore[it->second]->score;
            row.change = inOrder[i] ? BusChange::Kept : BusChange::Moved;
        } else {
            row.change = BusChange::Added;
        }
        ++(row.change == BusChange::Kept ? out.kept : row.change == BusChange::Moved ? out.moved : out.added);
        out.rows.push_back(std::move(row));
    }
    for (size_t i = 0; i < listBefore.size(); ++i) {
        const Entry& e = *listBefore[i];
        if (posAfter.count(e.item)) continue;
        BusDiffRow row;
        row.item = e.item;
        row.change = BusChange::Removed;
        row.before = int(i);
        row.scoreBefore = e.score;
        row.provenance = e.provenance;
        ++out.removed;
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace rs::agent
