#include "index/titlematcher.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "index/titlematcher_normalize.h"

namespace rs::index {

namespace {

// (feature key, term frequency), sorted by key, one row per distinct feature.
using Features = std::vector<std::pair<uint64_t, uint32_t>>;

Features countKeys(std::vector<uint64_t> keys) {
    std::sort(keys.begin(), keys.end());
    Features out;
    for (uint64_t k : keys) {
        if (!out.empty() && out.back().first == k)
            ++out.back().second;
        else
            out.emplace_back(k, 1u);
    }
    return out;
}

// Trigrams over code points of " words joined by spaces ": the spaces mark word boundaries, so a
// one-letter title still has a trigram and "star wars" differs from "starwars" only at the seam.
Features trigramFeatures(std::string_view text) {
    std::u32string cps = U" " + decodeUtf8(text) + U" ";
    std::vector<uint64_t> keys;
    for (size_t i = 0; i + 2 < cps.size(); ++i)
        keys.push_back((uint64_t(cps[i]) << 42) | (uint64_t(cps[i + 1]) << 21) | uint64_t(cps[i + 2]));
    return countKeys(std::move(keys));
}

// FNV-1a: stable across platforms and runs, unlike std::hash.
uint64_t fnv1a(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

Features wordFeatures(std::string_view text) {
    std::vector<uint64_t> keys;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) keys.push_back(fnv1a(text.substr(start, end - start)));
        start = end + 1;
    }
    return countKeys(std::move(keys));
}

double yearFactor(int queryYear, int itemYear) {
    if (queryYear == 0) return 1.0;
    if (itemYear == 0) return 0.9;
    const int d = std::abs(queryYear - itemYear);
    return d == 0 ? 1.0 : d == 1 ? 0.95 : 0.8;
}

int leadingYear(std::string_view s) {
    if (s.size() < 4) return 0;
    int y = 0;
    for (size_t i = 0; i < 4; ++i) {
        if (s[i] < '0' || s[i] > '9') return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y;
}

// The year from catalog columns when the title has none: an integer/real "year" column, else the
// first date column (its ISO text starts with the year).
int columnYear(const data::ItemCatalog& catalog, size_t row) {
    if (const data::Column* c = catalog.column("year");
        c && (c->type() == data::ColumnType::Integer || c->type() == data::ColumnType::Real) && c->present(row)) {
        const double v = c->number(row);
        if (v >= 1000 && v <= 3000) return static_cast<int>(v);
    }
    for (const auto& c : catalog.columns())
        if (c.type() == data::ColumnType::Date) return c.present(row) ? leadingYear(c.text(row)) : 0;
    return 0;
}

// Cuts s to at most n bytes without splitting a UTF-8 sequence.
std::string_view cutUtf8(std::string_view s, size_t n) {
    if (s.size() <= n) return s;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

// A query's TF-IDF vector over one feature kind: known features (sorted by id) with weights
// normalised by the norm of the whole query, unknown features included, so junk lowers the cosine.
using QueryVector = std::vector<std::pair<uint32_t, float>>;

// Candidate generation reads the postings of the query's rare trigrams only: a gram held by more
// than this share of entries (" th", "the") adds thousands of candidates that cannot win, while
// the forward rows still give every candidate its exact cosine over all grams. The kMinGenerators
// rarest known grams always generate, so a query made only of common grams still finds its items.
constexpr double kCommonShare = 0.02;
constexpr uint32_t kMinCommonDf = 256;
constexpr size_t kMinGenerators = 6;

}  // namespace

struct TitleMatcher::Interpretation {
    std::string text;
    int year = 0;
    QueryVector grams, words;
    std::vector<uint32_t> generators;  // trigram ids whose postings give the candidates
};

namespace {

template <class Index>
void buildIndex(Index& ix, const std::vector<Features>& perEntry) {
    std::vector<uint32_t> df;
    for (const auto& f : perEntry)
        for (const auto& [key, tf] : f) {
            auto [it, inserted] = ix.ids.emplace(key, static_cast<uint32_t>(df.size()));
            if (inserted) df.push_back(0);
            ++df[it->second];
        }
    const double n = static_cast<double>(perEntry.size());
    ix.idf.resize(df.size());
    for (size_t i = 0; i < df.size(); ++i) ix.idf[i] = static_cast<float>(std::log((1.0 + n) / (1.0 + df[i])) + 1.0);
    ix.unknownIdf = static_cast<float>(std::log(1.0 + n) + 1.0);
    ix.postOffsets.assign(df.size() + 1, 0);
    for (size_t i = 0; i < df.size(); ++i) ix.postOffsets[i + 1] = ix.postOffsets[i] + df[i];
    ix.postEntries.resize(ix.postOffsets.back());
    std::vector<uint32_t> fill(ix.postOffsets.begin(), ix.postOffsets.end() - 1);
    ix.fwdOffsets.assign(1, 0);
    for (size_t e = 0; e < perEntry.size(); ++e) {
        const size_t first = ix.fwd.size();
        double norm = 0;
        for (const auto& [key, tf] : perEntry[e]) {
            const uint32_t id = ix.ids.at(key);
            const double w = tf * ix.idf[id];
            norm += w * w;
            ix.fwd.push_back({id, static_cast<float>(w)});
            ix.postEntries[fill[id]++] = static_cast<uint32_t>(e);
        }
        norm = std::sqrt(norm);
        for (size_t i = first; i < ix.fwd.size(); ++i) ix.fwd[i].weight = static_cast<float>(ix.fwd[i].weight / norm);
        std::sort(ix.fwd.begin() + static_cast<std::ptrdiff_t>(first), ix.fwd.end(),
                  [](const auto& a, const auto& b) { return a.feature < b.feature; });
        ix.fwdOffsets.push_back(static_cast<uint32_t>(ix.fwd.size()));
    }
}

template <class Index>
QueryVector queryVector(const Index& ix, const Features& f) {
    QueryVector q;
    double norm = 0;
    for (const auto& [key, tf] : f) {
        const auto it = ix.ids.find(key);
        const double w = tf * (it == ix.ids.end() ? ix.unknownIdf : ix.idf[it->second]);
        norm += w * w;
        if (it != ix.ids.end()) q.emplace_back(it->second, static_cast<float>(w));
    }
    if (norm > 0)
        for (auto& [id, w] : q) w = static_cast<float>(w / std::sqrt(norm));
    std::sort(q.begin(), q.end());
    return q;
}

// Cosine of the query with entry e: a merge of two sorted sparse vectors.
template <class Index>
double cosine(const Index& ix, const QueryVector& q, uint32_t e) {
    double dot = 0;
    auto it = ix.fwd.begin() + ix.fwdOffsets[e];
    const auto end = ix.fwd.begin() + ix.fwdOffsets[e + 1];
    for (const auto& [id, w] : q) {
        while (it != end && it->feature < id) ++it;
        if (it == end) break;
        if (it->feature == id) dot += double(w) * it->weight;
    }
    return dot;
}

}  // namespace

util::Result<TitleMatcher> TitleMatcher::build(const data::ItemCatalog& catalog, const TitleMatcherOptions& options,
                                               const util::Task& task) {
    if (catalog.titleColumn().empty()) return util::Error{"title matcher: the catalog has no title column"};
    if (!options.popularity.empty() && options.popularity.size() != catalog.size())
        return util::Error{"title matcher: popularity has " + std::to_string(options.popularity.size()) +
                           " values for a catalog of " + std::to_string(catalog.size()) + " items"};
    if (catalog.size() >= UINT32_MAX / 4) return util::Error{"title matcher: catalog too large"};
    TitleMatcher m;
    m.ngramWeight_ = std::clamp(options.ngramWeight, 0.0, 1.0);
    const size_t n = catalog.size();
    m.ids_ = catalog.ids();
    m.titles_.resize(n);
    m.years_.assign(n, 0);
    m.popularity_ = options.popularity.empty() ? std::vector<double>(n, 0.0) : options.popularity;
    std::vector<Features> grams, words;
    auto addEntry = [&](size_t row, const std::string& text, bool alias) {
        m.entryRow_.push_back(static_cast<uint32_t>(row));
        m.entryAlias_.push_back(alias ? 1 : 0);
        m.entryText_.push_back(text);
        grams.push_back(trigramFeatures(text));
        words.push_back(wordFeatures(text));
    };
    for (size_t row = 0; row < n; ++row) {
        if (row % 4096 == 0) {
            if (task.cancelled()) return util::Error{std::string(util::kCancelledMessage)};
            task.report(0.8 * static_cast<double>(row) / static_cast<double>(n), "indexing titles");
        }
        m.titles_[row] = catalog.title(row);
        const NormalizedTitle t = normalizeTitle(m.titles_[row]);
        if (t.text.empty()) continue;
        m.years_[row] = t.year ? t.year : columnYear(catalog, row);
        m.rows_.push_back(static_cast<uint32_t>(row));
        addEntry(row, t.text, false);
        if (t.parts.size() > 1)
            for (const auto& part : t.parts)
                if (part.size() >= 3 && part != t.text) addEntry(row, part, true);
    }
    if (m.rows_.empty()) return util::Error{"title matcher: no item in the catalog has a title"};
    buildIndex(m.grams_, grams);
    buildIndex(m.words_, words);
    task.report(1.0, "indexing titles");
    return m;
}

void TitleMatcher::scoreInterpretation(const Interpretation& q, std::vector<uint8_t>& mark,
                                       std::vector<uint32_t>& candidates, std::vector<int32_t>& slot,
                                       std::vector<std::pair<uint32_t, double>>& best) const {
    candidates.clear();
    for (uint32_t f : q.generators)
        for (uint32_t p = grams_.postOffsets[f]; p < grams_.postOffsets[f + 1]; ++p) {
            const uint32_t e = grams_.postEntries[p];
            if (!mark[e]) {
                mark[e] = 1;
                candidates.push_back(e);
            }
        }
    for (uint32_t e : candidates) {
        mark[e] = 0;
        const double tri = cosine(grams_, q.grams, e);
        // Only an entry whose trigram vector equals the query's can be the same text.
        double s = tri > 0.999 && q.text == entryText_[e]
                       ? 1.0
                       : std::min(0.99, ngramWeight_ * tri + (1.0 - ngramWeight_) * cosine(words_, q.words, e));
        if (entryAlias_[e]) s *= 0.95;
        const uint32_t row = entryRow_[e];
        s = std::clamp(s * yearFactor(q.year, years_[row]), 0.0, 1.0);
        if (s <= 0) continue;
        if (slot[row] < 0) {
            slot[row] = static_cast<int32_t>(best.size());
            best.emplace_back(row, s);
        } else {
            best[size_t(slot[row])].second = std::max(best[size_t(slot[row])].second, s);
        }
    }
}

util::Result<std::vector<TitleMatch>> TitleMatcher::match(std::string_view query, size_t k) const {
    query = cutUtf8(query, kMaxQueryBytes);
    std::vector<Interpretation> interps;
    const NormalizedTitle literal = normalizeTitle(query, false);
    if (literal.text.empty()) {
        std::string shown(cutUtf8(query, 80));
        return util::Error{"title query '" + shown + "' has no letters or digits"};
    }
    interps.push_back({literal.text, literal.year, {}, {}, {}});
    if (const NormalizedTitle peeled = normalizeTitle(query, true); peeled.year != literal.year && !peeled.text.empty())
        interps.push_back({peeled.text, peeled.year, {}, {}, {}});

    const uint32_t common =
        std::max(kMinCommonDf, static_cast<uint32_t>(kCommonShare * static_cast<double>(entryRow_.size())));
    std::vector<uint8_t> mark(entryRow_.size(), 0);
    std::vector<uint32_t> candidates;
    std::vector<int32_t> slot(ids_.size(), -1);
    std::vector<std::pair<uint32_t, double>> best;  // (row, score), one per row
    for (auto& q : interps) {
        q.grams = queryVector(grams_, trigramFeatures(q.text));
        q.words = queryVector(words_, wordFeatures(q.text));
        std::vector<std::pair<uint32_t, uint32_t>> byDf;  // (df, gram id)
        for (const auto& [id, w] : q.grams) byDf.emplace_back(grams_.df(id), id);
        std::sort(byDf.begin(), byDf.end());
        for (size_t i = 0; i < byDf.size() && (i < kMinGenerators || byDf[i].first <= common); ++i)
            q.generators.push_back(byDf[i].second);
        scoreInterpretation(q, mark, candidates, slot, best);
    }
    auto better = [&](const std::pair<uint32_t, double>& x, const std::pair<uint32_t, double>& y) {
        const uint32_t a = x.first, b = y.first;
        if (x.second != y.second) return x.second > y.second;
        if (popularity_[a] != popularity_[b]) return popularity_[a] > popularity_[b];
        const int ya = years_[a] ? years_[a] : 99999, yb = years_[b] ? years_[b] : 99999;
        if (ya != yb) return ya < yb;
        return a < b;
    };
    const size_t take = std::min(k, best.size());
    std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(take), best.end(), better);
    std::vector<TitleMatch> out;
    out.reserve(take);
    for (size_t i = 0; i < take; ++i) {
        const uint32_t row = best[i].first;
        out.push_back({row, ids_[row], titles_[row], years_[row], best[i].second});
    }
    return out;
}

}  // namespace rs::index
