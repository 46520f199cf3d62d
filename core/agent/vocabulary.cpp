#include "agent/vocabulary.h"

#include <algorithm>

#include "index/titlematcher_normalize.h"
#include "util/text.h"

namespace rs::agent {

std::string foldKey(std::string_view text) {
    std::string folded = index::foldTitleText(text);
    folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
    return folded;
}

int editDistance(std::string_view a, std::string_view b, int limit) {
    const int n = int(a.size()), m = int(b.size());
    if (std::abs(n - m) > limit) return limit + 1;
    // Three rows of the optimal-string-alignment table.
    std::vector<int> prev2(size_t(m) + 1), prev(size_t(m) + 1), cur(size_t(m) + 1);
    for (int j = 0; j <= m; ++j) prev[size_t(j)] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int rowMin = cur[0];
        for (int j = 1; j <= m; ++j) {
            const int cost = a[size_t(i - 1)] == b[size_t(j - 1)] ? 0 : 1;
            int v = std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[size_t(i - 1)] == b[size_t(j - 2)] && a[size_t(i - 2)] == b[size_t(j - 1)])
                v = std::min(v, prev2[size_t(j - 2)] + 1);
            cur[size_t(j)] = v;
            rowMin = std::min(rowMin, v);
        }
        if (rowMin > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return std::min(prev[size_t(m)], limit + 1);
}

Vocabulary::Vocabulary(const std::vector<std::pair<std::string, int64_t>>& values) {
    for (const auto& [v, c] : values) add(v, c);
}

void Vocabulary::add(const std::string& value, int64_t count) {
    if (value.empty()) return;
    if (auto it = exact_.find(value); it != exact_.end()) {
        counts_[it->second] += count;
        return;
    }
    const size_t i = values_.size();
    values_.push_back(value);
    keys_.push_back(foldKey(value));
    counts_.push_back(count);
    exact_.emplace(value, i);
    auto [it, inserted] = byKey_.emplace(keys_.back(), i);
    if (!inserted && counts_[it->second] < count) it->second = i;
}

std::optional<VocabularyMatch> Vocabulary::nearest(std::string_view word) const {
    if (auto it = exact_.find(std::string(word)); it != exact_.end())
        return VocabularyMatch{values_[it->second], 0, true};
    const std::string key = foldKey(word);
    if (key.empty()) return std::nullopt;
    if (auto it = byKey_.find(key); it != byKey_.end()) return VocabularyMatch{values_[it->second], 0, false};
    const int limit = std::max(1, int(key.size()) / 4);
    std::optional<size_t> best;
    int bestDistance = limit + 1;
    for (size_t i = 0; i < keys_.size(); ++i) {
        const int d = editDistance(key, keys_[i], bestDistance);
        if (d < bestDistance || (d == bestDistance && best && d <= limit && counts_[i] > counts_[*best])) {
            best = i;
            bestDistance = d;
        }
    }
    if (!best || bestDistance > limit) return std::nullopt;
    return VocabularyMatch{values_[*best], bestDistance, false};
}

const std::string* Vocabulary::sameKey(std::string_view word) const {
    if (auto it = exact_.find(std::string(word)); it != exact_.end()) return &values_[it->second];
    if (auto it = byKey_.find(foldKey(word)); it != byKey_.end()) return &values_[it->second];
    return nullptr;
}

std::vector<std::string> Vocabulary::findIn(std::string_view text) const {
    const std::string folded = index::foldTitleText(text);
    std::vector<std::string_view> words = util::splitWhitespace(folded);
    constexpr size_t kMaxWords = 3;
    std::vector<uint8_t> used(words.size(), 0);
    std::vector<std::pair<size_t, std::string>> found;  // (first word, value)
    auto lookup = [&](const std::string& key) -> const std::string* {
        if (key.size() < 2) return nullptr;
        if (auto it = byKey_.find(key); it != byKey_.end()) return &values_[it->second];
        return nullptr;
    };
    for (size_t len = std::min(kMaxWords, words.size()); len >= 1; --len) {
        for (size_t s = 0; s + len <= words.size(); ++s) {
            if (std::any_of(used.begin() + long(s), used.begin() + long(s + len), [](uint8_t u) { return u != 0; }))
                continue;
            std::string key;
            for (size_t w = s; w < s + len; ++w) key += words[w];
            const std::string* hit = lookup(key);
            // Plurals: "comedies" -> "comedy", "thrillers" -> "thriller", "puzzles" -> "puzzle".
            if (!hit && key.size() > 4 && key.ends_with("ies")) hit = lookup(key.substr(0, key.size() - 3) + "y");
            if (!hit && key.size() > 3 && key.ends_with('s')) hit = lookup(key.substr(0, key.size() - 1));
            if (!hit) continue;
            std::fill(used.begin() + long(s), used.begin() + long(s + len), 1);
            found.emplace_back(s, *hit);
        }
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> out;
    for (auto& [pos, v] : found)
        if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
    return out;
}

}  // namespace rs::agent
