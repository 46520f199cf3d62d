#include "agent/builtinplanner.h"

#include <algorithm>
#include <cmath>

#include "agent/builtinparse.h"
#include "util/text.h"

namespace rs::agent {

using detail::Words;
using nlohmann::json;

namespace {

constexpr size_t kMaxTitleWords = 8;
constexpr size_t kMaxInputBytes = 4000;

// Words that never end a title span and are never a tag on their own.
const std::vector<std::string_view> kStopWords = {
    "a",         "an",        "and",   "or",    "but",    "from",      "with",    "without",   "the",      "in",
    "of",        "for",       "to",    "that",  "which",  "not",       "no",      "under",     "over",     "before",
    "after",     "since",     "than",  "like",  "me",     "i",         "some",    "any",       "more",     "less",
    "please",    "is",        "are",   "was",   "it",     "its",       "this",    "these",     "those",    "them",
    "my",        "you",       "your",  "what",  "movie",  "movies",    "film",    "films",     "game",     "games",
    "item",      "items",     "one",   "ones",  "good",   "great",     "best",    "new",       "free",     "popular",
    "recent",    "show",      "find",  "give",  "want",   "recommend", "suggest", "something", "anything", "similar",
    "such",      "as",        "other", "only",  "just",   "also",      "too",     "very",      "really",   "top",
    "play",      "watch",     "s",     "vs",    "versus", "released",  "release", "cost",      "costs",    "made",
    "developed", "published", "else",  "should"};

bool isStop(std::string_view w) {
    return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

// Phrase -> tag spelling the vocabulary may have, for words that do not fold onto a tag.
const std::vector<std::pair<std::string_view, std::string_view>> kTagSynonyms = {{"science fiction", "Sci-Fi"},
                                                                                 {"scifi", "Sci-Fi"},
                                                                                 {"kids", "Children's"},
                                                                                 {"children", "Children's"},
                                                                                 {"family", "Children's"},
                                                                                 {"animated", "Animation"},
                                                                                 {"cartoon", "Animation"},
                                                                                 {"cartoons", "Animation"},
                                                                                 {"romantic", "Romance"},
                                                                                 {"scary", "Horror"},
                                                                                 {"funny", "Comedy"},
                                                                                 {"comedies", "Comedy"},
                                                                                 {"noir", "Film-Noir"},
                                                                                 {"musicals", "Musical"},
                                                                                 {"documentaries", "Documentary"},
                                                                                 {"rpgs", "RPG"},
                                                                                 {"role playing", "RPG"},
                                                                                 {"roleplaying", "RPG"},
                                                                                 {"shooter", "Shooter"},
                                                                                 {"fps", "FPS"},
                                                                                 {"multiplayer", "Multiplayer"},
                                                                                 {"co-op", "Co-op"},
                                                                                 {"coop", "Co-op"}};

const std::vector<std::string_view> kSeedTriggers = {
    "similar to", "such as", "reminds me of", "in the style of", "along the lines of",
    "fans of",    "fan of",  "if i liked",    "i liked",         "i loved",
    "i enjoyed",  "i like",  "loved",         "enjoyed",         "liked",
    "like"};
const std::vector<std::string_view> kExcludeTriggers = {
    "but not",     "except for",   "except",     "excluding",  "other than", "apart from",
    "without",     "i hated",      "hated",      "i disliked", "disliked",   "i didn't like",
    "didn't like", "i don't like", "don't like", "not",        "no"};
const std::vector<std::string_view> kRefineCues = {"among those",    "among them", "among these", "of those",
                                                   "of these",       "from those", "from these",  "which of them",
                                                   "which of those", "of them",    "those",       "these",
                                                   "cheaper ones",   "only the",   "just the",    "narrow"};

struct SpanMatch {
    size_t len = 0;
    GroundedTitle title;
};

// The best-grounded title among the spans starting at word i (not crossing a phrase break).
SpanMatch bestTitleAt(const Words& words, size_t i, const index::TitleMatcher& matcher, double minScore) {
    SpanMatch best;
    const size_t maxLen = words.runLength(i, kMaxTitleWords);
    const bool article = words.w[i] == "the" || words.w[i] == "a" || words.w[i] == "an";
    if (maxLen == 0 || (isStop(words.w[i]) && !article)) return best;
    for (size_t len = 1; len <= maxLen; ++len) {
        if (isStop(words.w[i + len - 1]) && words.w[i + len - 1] != "s") continue;
        auto m = matcher.match(words.join(i, len), 1);
        if (!m || m->empty()) continue;
        const auto& top = m->front();
        if (top.score < minScore) continue;
        // Ties go to the longer span: "Portal 2" over "Portal" when both are exact titles.
        if (top.score >= best.title.score - 1e-9) best = {len, {top.row, top.title, top.score}};
    }
    return best;
}

// A tag of any tag column (first column first) spelled by the words at i (1..3 words).
bool tagPhraseAt(const Words& words, size_t i, const ToolsData& data, std::string& column, std::string& value,
                 size_t& len) {
    const size_t maxLen = words.runLength(i, 3);
    for (size_t l = maxLen; l >= 1; --l) {
        const std::string phrase = words.join(i, l);
        std::string key;
        for (size_t k = i; k < i + l; ++k) key += foldKey(words.w[k]);
        if (l == 1 && isStop(words.w[i])) continue;
        if (key.size() < 2) continue;
        std::vector<std::string> tries = {phrase};
        for (const auto& [syn, tag] : kTagSynonyms)
            if (phrase == syn) tries.insert(tries.begin(), std::string(tag));
        if (key.size() > 4 && key.ends_with("ies")) tries.push_back(key.substr(0, key.size() - 3) + "y");
        if (key.size() > 3 && key.ends_with('s')) tries.push_back(key.substr(0, key.size() - 1));
        if (key.size() > 3 && !key.ends_with('s')) tries.push_back(key + "s");  // "zombie" -> "Zombies"
        const auto& cat = data.catalog();
        for (const auto& col : cat.columns()) {  // catalog order: genres before tags
            const Vocabulary* v = data.tagVocabulary(col.name());
            if (!v) continue;
            for (const auto& t : tries) {
                if (const std::string* hit = v->sameKey(t)) {
                    column = col.name();
                    value = *hit;
                    len = l;
                    return true;
                }
            }
        }
    }
    return false;
}

std::optional<int> yearWord(std::string_view w) {
    auto v = util::parseInt64(w);
    if (v && *v >= 1850 && *v <= 2100) return int(*v);
    return std::nullopt;
}

// "90s", "'90s", "1990s", "90's" -> first year of the decade.
std::optional<int> decadeWord(std::string w) {
    if (w.ends_with("'s")) w.erase(w.size() - 2, 1);
    if (!w.ends_with('s')) return std::nullopt;
    w.pop_back();
    if (w.size() == 4 && yearWord(w) && w[3] == '0') return int(*yearWord(w));
    if (w.size() == 2 && std::isdigit(static_cast<unsigned char>(w[0])) && w[1] == '0') {
        const int d = w[0] - '0';
        return d <= 2 ? 2000 + 10 * d : 1900 + 10 * d;
    }
    return std::nullopt;
}

std::optional<double> priceWord(std::string w) {
    if (!w.empty() && w.front() == '$') w.erase(w.begin());
    if (w.ends_with("usd")) w.erase(w.size() - 3);
    if (w.empty() || !std::isdigit(static_cast<unsigned char>(w[0]))) return std::nullopt;
    return util::parseDouble(w);
}

Condition cond(std::string column, std::string_view op, json value) {
    return Condition{std::move(column), *filterOpFromName(op), std::move(value)};
}

}  // namespace

BuiltinPlanner::BuiltinPlanner(std::shared_ptr<const ToolsData> data, std::vector<CatalogColumnInfo> columns)
    : data_(std::move(data)), columns_(std::move(columns)) {
    std::vector<int> years;
    for (size_t r = 0; r < data_->catalog().size(); ++r)
        if (int y = data_->year(r); y > 0) years.push_back(y);
    std::sort(years.begin(), years.end());
    // The newest years can hold stray future dates; the 99.5th percentile is the catalog's "now".
    if (!years.empty()) maxYear_ = years[std::min(years.size() - 1, size_t(double(years.size()) * 0.995))];
    recentFrom_ = maxYear_ - 2;
    std::vector<double> pop = data_->popularity();
    std::sort(pop.begin(), pop.end());
    if (!pop.empty()) popularFrom_ = pop[size_t(double(pop.size() - 1) * 0.75)];
}

BuiltinAnalysis BuiltinPlanner::analyze(std::string_view rawText, bool busActive) const {
    BuiltinAnalysis a;
    std::string text(rawText.substr(0, std::min(rawText.size(), kMaxInputBytes)));
    if (!util::isValidUtf8(text)) text = util::latin1ToUtf8(text);
    Words words = detail::splitWords(text);
    const auto& matcher = data_->matcher();
    const double minScore = index::kRecommendedMinScore;

    // 1. Chit-chat with nothing else in it.
    static const std::vector<std::pair<std::string_view, std::string_view>> kChat = {
        {"hello", "greeting"},   {"hi", "greeting"},          {"hey", "greeting"}, {"good morning", "greeting"},
        {"thanks", "thanks"},    {"thank you", "thanks"},     {"bye", "bye"},      {"goodbye", "bye"},
        {"who are you", "help"}, {"what can you do", "help"}, {"help", "help"},    {"how are you", "greeting"}};
    for (const auto& [phrase, kind] : kChat)
        if (words.phraseAt(0, phrase) && words.size() <= util::splitWhitespace(phrase).size() + 3)
            a.chitchatKind = kind;

    // 2. Lookup and compare frames.
    static const std::vector<std::string_view> kLookupFrames = {
        "when was",          "when did",      "what year",     "release date of", "how much is",   "how much does",
        "how much",          "price of",      "what genre is", "what genres",     "which genre",   "what kind of",
        "who made",          "who developed", "who published", "who directed",    "tell me about", "info about",
        "information about", "what is",       "what's",        "details of",      "details about", "is"};
    static const std::vector<std::string_view> kCompareFrames = {"compare", "difference between", "which is better"};
    bool lookup = false, compare = false;
    for (auto f : kCompareFrames)
        if (words.has(f)) compare = true;
    if (words.has("vs") || words.has("versus")) compare = true;
    size_t frameLen = 0;
    for (auto f : kLookupFrames)
        if (const size_t l = words.phraseAt(0, f); l && !frameLen) {
            lookup = f != "is" || words.has("free") || words.has("released");
            frameLen = l;
        }
    if (compare || lookup) {
        if (lookup) words.markUsed(0, frameLen);
        for (auto f : kCompareFrames)
            if (size_t k = words.find(f); k != std::string::npos) words.markUsed(k, util::splitWhitespace(f).size());
        // Subjects: the best title spans anywhere, left to right.
        for (size_t i = 0; i < words.size(); ++i) {
            if (words.used[i]) continue;
            auto m = bestTitleAt(words, i, matcher, minScore);
            if (!m.len) continue;
            a.subjects.push_back(m.title);
            words.markUsed(i, m.len);
            i += m.len - 1;
        }
        if (!a.subjects.empty()) {
            a.intent = compare && a.subjects.size() >= 2 ? Intent::Compare : Intent::Lookup;
            auto want = [&](std::initializer_list<std::string_view> cues) {
                return std::any_of(cues.begin(), cues.end(), [&](std::string_view c) { return words.has(c); });
            };
            for (const auto& c : columns_) {
                const std::string n = util::toLower(c.sqlName);
                if (n.find("url") != std::string::npos) continue;
                bool pick = a.intent == Intent::Compare || want({"tell", "info", "information", "details", "what"});
                if (want({"when", "year", "released", "release", "come", "came"}))
                    pick = pick || n == "year" || c.type == "date";
                if (want({"much", "price", "cost", "costs", "free", "cheap"}))
                    pick = pick || n.find("price") != std::string::npos;
                if (want({"genre", "genres", "kind", "type", "tags"})) pick = pick || c.type == "tags";
                if (want({"made", "developed", "developer"})) pick = pick || n == "developer";
                if (want({"published", "publisher"})) pick = pick || n == "publisher";
                if (pick && c.name != data_->catalog().titleColumn()) a.lookupColumns.push_back(c.sqlName);
            }
            if (a.lookupColumns.empty())
                for (const auto& c : columns_)
                    if (c.name != data_->catalog().titleColumn() &&
                        util::toLower(c.sqlName).find("url") == std::string::npos)
                        a.lookupColumns.push_back(c.sqlName);
            return a;
        }
    }

    // 3. Titles after seed and exclusion triggers (before tags, so title words are not tags).
    auto titlesAfter = [&](const std::vector<std::string_view>& triggers, std::vector<GroundedTitle>& out,
                           bool tagsAsExclusions) {
        for (size_t i = 0; i < words.size(); ++i) {
            for (auto trig : triggers) {
                const size_t tl = words.phraseAt(i, trig);
                if (!tl) continue;
                // "I'd like", "would like" are not "like X".
                if (trig == "like" && i > 0 &&
                    (words.w[i - 1] == "would" || words.w[i - 1] == "i'd" || words.w[i - 1] == "d"))
                    break;
                size_t j = i + tl;
                bool any = false;
                for (;;) {
                    if (j >= words.size() || words.used[j]) break;
                    std::string col, value;
                    size_t taglen = 0;
                    const SpanMatch m = bestTitleAt(words, j, matcher, minScore);
                    const bool tag = tagPhraseAt(words, j, *data_, col, value, taglen);
                    if (tag && (!m.len || m.len <= taglen || m.title.score < 0.95)) {
                        // A tag, not a title: "no horror" excludes the tag; "I like sci-fi" is left
                        // for the tag rules below.
                        if (!tagsAsExclusions) break;
                        a.conditions.push_back(cond(col, "not_has", value));
                        words.markUsed(j, taglen);
                        j += taglen;
                    } else if (m.len) {
                        out.push_back(m.title);
                        words.markUsed(j, m.len);
                        j += m.len;
                    } else {
                        if (!any && !isStop(words.w[j])) a.unmatched.push_back(words.join(j, words.runLength(j, 4)));
                        break;
                    }
                    any = true;
                    // Lists go on after "and"/"or" or a comma: "like Heat, Casino and Ronin".
                    if (j < words.size() && !words.used[j] && (words.w[j] == "and" || words.w[j] == "or")) {
                        ++j;
                        continue;
                    }
                    if (j < words.size() && words.breakAfter[j - 1]) continue;
                    break;
                }
                if (any) words.markUsed(i, tl);
                break;
            }
        }
    };
    titlesAfter(kExcludeTriggers, a.excluded, true);
    titlesAfter(kSeedTriggers, a.seeds, false);

    // 4. Numbers: decades, years, prices, counts.
    const std::string price = data_->priceColumn();
    const std::string year = "year";
    for (size_t i = 0; i < words.size(); ++i) {
        if (words.used[i]) continue;
        const std::string& w = words.w[i];
        auto prev = [&](std::initializer_list<std::string_view> ps) {
            for (auto p : ps) {
                const size_t n = util::splitWhitespace(p).size();
                if (i >= n && words.phraseAt(i - n, p)) return true;
            }
            return false;
        };
        if (auto d = decadeWord(w); d && !data_->yearColumn().empty()) {
            a.conditions.push_back(cond(year, "between", json::array({*d, *d + 9})));
            words.markUsed(i, 1);
        } else if (auto y = yearWord(w); y && !data_->yearColumn().empty()) {
            if (i + 2 < words.size() && (words.w[i + 1] == "and" || words.w[i + 1] == "to") &&
                yearWord(words.w[i + 2])) {
                a.conditions.push_back(cond(year, "between", json::array({*y, *yearWord(words.w[i + 2])})));
                words.markUsed(i, 3);
            } else if (prev({"before", "older than", "earlier than", "pre"})) {
                a.conditions.push_back(cond(year, "<", *y));
            } else if (prev({"after", "newer than", "later than"})) {
                a.conditions.push_back(cond(year, ">", *y));
            } else if (prev({"since"})) {
                a.conditions.push_back(cond(year, ">=", *y));
            } else {
                a.conditions.push_back(cond(year, "=", *y));
            }
            words.markUsed(i, 1);
        } else if (auto p = priceWord(w); p && !price.empty() &&
                                          (w.front() == '$' || (i + 1 < words.size() && (words.w[i + 1] == "dollars" ||
                                                                                         words.w[i + 1] == "bucks")))) {
            if (prev({"under", "less than", "below", "cheaper than"}))
                a.conditions.push_back(cond(price, "<", *p));
            else if (prev({"over", "more than", "above"}))
                a.conditions.push_back(cond(price, ">", *p));
            else
                a.conditions.push_back(cond(price, "<=", *p));
            words.markUsed(i, 1);
        } else if (int n = detail::smallNumber(w); n > 0 && n <= 50) {
            const bool top = prev({"top", "best"});
            const bool counted = i + 1 < words.size() && !words.used[i + 1];
            if (top || counted) a.n = n;
        }
    }
    if (words.has("a few")) a.n = 3;
    if (words.has("a couple")) a.n = 2;
    // Words standing for conditions.
    if (!price.empty() && words.has("free")) {
        // Stores write "Free" where a price would be (kept in <price>_text by the importer) and
        // tag free games; any of the three counts.
        a.freeWhere = "\"" + price + "\" = 0";
        for (const auto& c : columns_) {
            if (c.name == price + "_text") a.freeWhere += " OR \"" + c.sqlName + "\" LIKE '%free%'";
            if (c.type == "tags")
                if (const Vocabulary* v = data_->tagVocabulary(c.name); v && v->sameKey("Free to Play"))
                    a.freeWhere += " OR \"" + c.sqlName + "\" LIKE '%Free to Play%'";
        }
        words.markUsed(words.find("free"), 1);
        if (size_t k = words.find("to play"); k != std::string::npos) words.markUsed(k, 2);
    }
    if (!price.empty() && (words.has("cheap") || words.has("inexpensive")))
        a.conditions.push_back(cond(price, "<", 10));
    if (!data_->yearColumn().empty() &&
        (words.has("recent") || words.has("new") || words.has("newest") || words.has("latest")))
        a.conditions.push_back(cond(year, ">=", recentFrom_));
    if (words.has("popular") || words.has("well known") || words.has("mainstream") || words.has("hits")) {
        a.popular = true;
        a.conditions.push_back(cond("popularity", ">=", popularFrom_));
    }
    if (words.has("diverse") || words.has("variety") || words.has("different kinds") || words.has("mix"))
        a.diversity = true;

    // 5. Tags from the remaining words.
    for (size_t i = 0; i < words.size(); ++i) {
        if (words.used[i]) continue;
        std::string col, value;
        size_t len = 0;
        if (!tagPhraseAt(words, i, *data_, col, value, len)) continue;
        const bool dup = std::any_of(a.conditions.begin(), a.conditions.end(),
                                     [&](const Condition& c) { return c.column == col && c.value == value; });
        if (!dup) a.conditions.push_back(cond(col, "has", value));
        words.markUsed(i, len);
        i += len - 1;
    }

    // 6. Follow-ups refine the previous candidates.
    if (busActive)
        for (auto cue : kRefineCues)
            if (words.has(cue)) a.refine = true;
    if (busActive && (words.phraseAt(0, "only") || words.phraseAt(0, "now") || words.phraseAt(0, "cheaper") ||
                      words.phraseAt(0, "and")))
        a.refine = true;

    // 7. Intent.
    static const std::vector<std::string_view> kRecommendWords = {
        "recommend", "suggest", "movie", "movies",  "film", "films", "game", "games", "something", "anything", "watch",
        "play",      "show",    "find",  "looking", "want", "give",  "top",  "best",  "more",      "similar",  "ones"};
    bool recommendWord = false;
    for (auto w : kRecommendWords)
        if (words.has(w)) recommendWord = true;
    const bool content = !a.conditions.empty() || !a.freeWhere.empty() || !a.seeds.empty() || !a.excluded.empty() ||
                         a.refine || a.popular;
    if (!content && (!a.chitchatKind.empty() || !recommendWord)) {
        a.intent = Intent::Chitchat;
        if (a.chitchatKind.empty()) a.chitchatKind = "unknown";
    } else {
        a.intent = Intent::Recommend;
        a.chitchatKind.clear();
    }
    return a;
}

Plan BuiltinPlanner::plan(const BuiltinAnalysis& a) const {
    json steps = json::array();
    auto titles = [](const std::vector<GroundedTitle>& ts) {
        json out = json::array();
        for (const auto& t : ts) out.push_back(t.title);
        return out;
    };
    auto quoted = [](const std::vector<GroundedTitle>& ts, const ToolsData& d) {
        std::string out;
        for (const auto& t : ts) {
            std::string id = d.catalog().ids()[t.row], q = "'";
            for (char c : id) q += c == '\'' ? std::string("''") : std::string(1, c);
            out += (out.empty() ? "" : ", ") + q + "'";
        }
        return out;
    };
    if (a.intent == Intent::Lookup || a.intent == Intent::Compare) {
        std::string cols = "item_id, " + data_->catalog().titleColumn();
        for (const auto& c : a.lookupColumns) cols += ", " + c;
        steps.push_back({{"tool", "store_candidates"}, {"input", {{"titles", titles(a.subjects)}}}});
        steps.push_back(
            {{"tool", "lookup"},
             {"input",
              {{"sql", "SELECT " + cols + " FROM items WHERE item_id IN (" + quoted(a.subjects, *data_) + ")"}}}});
        if (a.intent == Intent::Compare) {
            steps.push_back({{"tool", "rank"}, {"input", {{"by", "popularity"}}}});
            steps.push_back({{"tool", "map"}, {"input", {{"n", std::clamp<size_t>(a.subjects.size(), 1, 100)}}}});
        }
    } else if (a.intent == Intent::Recommend) {
        json conds = json::array();
        for (const auto& c : a.conditions)
            conds.push_back({{"column", c.column}, {"op", filterOpName(c.op)}, {"value", c.value}});
        if (!conds.empty()) steps.push_back({{"tool", "hard_filter"}, {"input", {{"conditions", conds}}}});
        if (!a.freeWhere.empty()) steps.push_back({{"tool", "hard_filter"}, {"input", {{"where", a.freeWhere}}}});
        bool seedsHaveInteractions = false;
        for (const auto& s : a.seeds)
            if (data_->datasetItem(s.row)) seedsHaveInteractions = true;
        if (!a.seeds.empty())
            steps.push_back({{"tool", "soft_filter"},
                             {"input",
                              {{"seeds", titles(a.seeds)},
                               {"by", data_->model() && seedsHaveInteractions ? "model" : "embedding"},
                               {"keep", 200}}}});
        json rank = {{"by", !a.seeds.empty() ? "similarity" : "popularity"}};
        if (!a.excluded.empty()) rank["disliked"] = titles(a.excluded);
        if (a.diversity) rank["mode"] = "diversity";
        steps.push_back({{"tool", "rank"}, {"input", rank}});
        steps.push_back({{"tool", "map"}, {"input", {{"n", a.n}}}});
    }
    json j = {{"intent", intentName(a.intent)}, {"plan", steps}};
    if (a.refine) j["refine"] = true;
    // The rules only build valid plans; parsing them keeps one code path for typed inputs.
    auto parsed = parsePlan(j);
    if (parsed.plan) return *parsed.plan;
    return Plan{};
}

}  // namespace rs::agent
