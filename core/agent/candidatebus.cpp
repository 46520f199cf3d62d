#include "agent/candidatebus.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace rs::agent {

using nlohmann::json;

namespace {
json scoreJson(double s) {
    return std::isfinite(s) ? json(s) : json(nullptr);
}
}  // namespace

json BusDiff::toJson(const std::vector<std::string>& ids, size_t limit) const {
    auto list = [&](const std::vector<size_t>& rows) {
        json out = json::array();
        for (size_t i = 0; i < rows.size() && i < limit; ++i) out.push_back(ids[rows[i]]);
        return out;
    };
    json moves = json::array();
    for (size_t i = 0; i < moved.size() && i < limit; ++i)
        moves.push_back({{"item", ids[moved[i].row]}, {"from", moved[i].from}, {"to", moved[i].to}});
    return {{"added", list(added)},        {"removed", list(removed)},        {"moved", moves},
            {"added_count", added.size()}, {"removed_count", removed.size()}, {"moved_count", moved.size()}};
}

bool CandidateBus::contains(size_t row) const {
    return std::any_of(items_.begin(), items_.end(), [&](const Candidate& c) { return c.row == row; });
}

void CandidateBus::reset() {
    items_.clear();
    active_ = false;
}

uint16_t CandidateBus::intern(const std::string& label) {
    if (auto it = labelIndex_.find(label); it != labelIndex_.end()) return it->second;
    // A very long conversation wraps around: old labels are reused, never overflowing uint16_t.
    const auto index = static_cast<uint16_t>(labels_.size() % 65535);
    if (index < labels_.size()) {
        labelIndex_.erase(labels_[index]);
        labels_[index] = label;
    } else {
        labels_.push_back(label);
    }
    labelIndex_[label] = index;
    return index;
}

void CandidateBus::addLabel(Candidate& c, uint16_t label) {
    if (c.provenanceCount > 0 && c.provenance[c.provenanceCount - 1] == label) return;
    if (c.provenanceCount == kMaxProvenance) {
        std::rotate(c.provenance.begin(), c.provenance.begin() + 1, c.provenance.end());
        c.provenance[kMaxProvenance - 1] = label;
        return;
    }
    c.provenance[c.provenanceCount++] = label;
}

void CandidateBus::set(const std::vector<size_t>& rows, const std::vector<double>& scores, const std::string& label) {
    const uint16_t l = intern(label);
    items_.clear();
    items_.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        Candidate c;
        c.row = rows[i];
        c.score = i < scores.size() ? scores[i] : 0.0;
        addLabel(c, l);
        items_.push_back(c);
    }
    active_ = true;
}

void CandidateBus::filter(const std::function<bool(size_t)>& keep, const std::string& label) {
    const uint16_t l = intern(label);
    auto end = std::remove_if(items_.begin(), items_.end(), [&](const Candidate& c) { return !keep(c.row); });
    items_.erase(end, items_.end());
    for (auto& c : items_) addLabel(c, l);
    active_ = true;
}

void CandidateBus::rescore(const std::function<double(size_t)>& score, const std::string& label) {
    const uint16_t l = intern(label);
    for (auto& c : items_) {
        c.score = score(c.row);
        addLabel(c, l);
    }
    std::stable_sort(items_.begin(), items_.end(), [](const Candidate& a, const Candidate& b) {
        // NaN sorts last.
        if (std::isnan(a.score)) return false;
        if (std::isnan(b.score)) return true;
        return a.score > b.score;
    });
}

void CandidateBus::reorder(const std::vector<size_t>& rows, const std::vector<double>& scores,
                           const std::string& label) {
    const uint16_t l = intern(label);
    std::unordered_map<size_t, size_t> pos;
    pos.reserve(items_.size());
    for (size_t i = 0; i < items_.size(); ++i) pos.emplace(items_[i].row, i);
    std::vector<Candidate> out;
    out.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        auto it = pos.find(rows[i]);
        if (it == pos.end()) continue;
        Candidate c = items_[it->second];
        c.score = i < scores.size() ? scores[i] : c.score;
        addLabel(c, l);
        out.push_back(c);
        pos.erase(it);  // a row listed twice is kept once
    }
    items_ = std::move(out);
}

void CandidateBus::truncate(size_t n, const std::string& label) {
    if (items_.size() > n) items_.resize(n);
    const uint16_t l = intern(label);
    for (auto& c : items_) addLabel(c, l);
}

std::vector<std::string> CandidateBus::provenance(const Candidate& c) const {
    std::vector<std::string> out;
    for (uint8_t i = 0; i < c.provenanceCount; ++i) out.push_back(labels_[c.provenance[i]]);
    return out;
}

json CandidateBus::toJson(const std::vector<std::string>& ids, size_t limit) const {
    json out = json::array();
    for (size_t i = 0; i < items_.size() && i < limit; ++i) {
        const auto& c = items_[i];
        out.push_back({{"item", ids[c.row]}, {"score", scoreJson(c.score)}, {"provenance", provenance(c)}});
    }
    return out;
}

BusDiff CandidateBus::diff(const Snapshot& before, const Snapshot& after) {
    // "Moved" compares the order of the items on both sides, so removing one item does not count
    // every item after it as moved.
    BusDiff d;
    std::unordered_map<size_t, size_t> posBefore, posAfter;
    posBefore.reserve(before.size());
    posAfter.reserve(after.size());
    for (size_t i = 0; i < before.size(); ++i) posBefore.emplace(before[i].row, i);
    for (size_t i = 0; i < after.size(); ++i) posAfter.emplace(after[i].row, i);
    std::vector<size_t> keptBefore;  // rows on both sides, in the old order
    for (const auto& c : before) {
        if (posAfter.count(c.row))
            keptBefore.push_back(c.row);
        else
            d.removed.push_back(c.row);
    }
    size_t k = 0;
    for (size_t i = 0; i < after.size(); ++i) {
        auto it = posBefore.find(after[i].row);
        if (it == posBefore.end()) {
            d.added.push_back(after[i].row);
            continue;
        }
        if (keptBefore[k] != after[i].row) d.moved.push_back({after[i].row, it->second, i});
        ++k;
    }
    return d;
}

}  // namespace rs::agent
