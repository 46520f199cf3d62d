// extractProfileByRules: a small cue-word scanner. A message is cut into clauses (at . ! ? ; and
// newlines); in each clause, cue phrases ("i loved", "not", "like") open a segment of a polarity
// (liked, disliked, expected) that runs until the next cue or a stop word ("from", "please",
// "recommend"); commas, "and" and "or" separate the phrases of one segment. Each phrase is then an
// attribute (catalog vocabulary, decade, price limit) or an item.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <unordered_map>

#include "agent/profilememory.h"
#include "agent/vocabulary.h"
#include "util/text.h"

namespace rs::agent {

namespace {

enum class Polarity { None, Liked, Disliked, Expected };

struct Cue {
    std::array<std::string_view, 4> words;  // empty entries unused
    Polarity polarity;
};

// Longest first where one cue is a prefix of another.
constexpr Cue kCues[] = {
    {{"i", "do", "not", "like"}, Polarity::Disliked},
    {{"i", "did", "not", "like"}, Polarity::Disliked},
    {{"i", "don't", "like"}, Polarity::Disliked},
    {{"i", "didn't", "like"}, Polarity::Disliked},
    {{"i", "didn't", "enjoy"}, Polarity::Disliked},
    {{"i", "don't", "want"}, Polarity::Disliked},
    {{"i", "can't", "stand"}, Polarity::Disliked},
    {{"i", "cannot", "stand"}, Polarity::Disliked},
    {{"i", "hate"}, Polarity::Disliked},
    {{"i", "hated"}, Polarity::Disliked},
    {{"i", "dislike"}, Polarity::Disliked},
    {{"i", "disliked"}, Polarity::Disliked},
    {{"i", "love"}, Polarity::Liked},
    {{"i", "loved"}, Polarity::Liked},
    {{"i", "like"}, Polarity::Liked},
    {{"i", "liked"}, Polarity::Liked},
    {{"i", "enjoy"}, Polarity::Liked},
    {{"i", "enjoyed"}, Polarity::Liked},
    {{"i", "adore"}, Polarity::Liked},
    {{"i", "adored"}, Polarity::Liked},
    {{"big", "fan", "of"}, Polarity::Liked},
    {{"my", "favorite", "is"}, Polarity::Liked},
    {{"my", "favourite", "is"}, Polarity::Liked},
    {{"similar", "to"}, Polarity::Expected},
    {{"such", "as"}, Polarity::Expected},
    {{"like"}, Polarity::Expected},
    {{"not"}, Polarity::Disliked},
    {{"except"}, Polarity::Disliked},
    {{"excluding"}, Polarity::Disliked},
    {{"without"}, Polarity::Disliked},
    {{"no"}, Polarity::Disliked},
};

// Adverbs allowed between "i" and the verb ("i really loved").
constexpr std::string_view kAdverbs[] = {"really", "absolutely", "also", "just", "truly", "totally", "kind", "of"};

// Words that end a segment (they start the next part of the request, not a name).
constexpr std::string_view kStops[] = {
    "from",      "with",     "that",   "which",  "who",      "please", "but",   "because", "so",
    "recommend", "suggest",  "show",   "give",   "find",     "what",   "any",   "can",     "could",
    "would",     "should",   "for",    "made",   "released", "in",     "under", "below",   "less",
    "cheaper",   "than",     "around", "about",  "too",      "a",      "lot",   "very",    "much",
    "is",        "are",      "was",    "were",   "it",       "them",   "they",  "me",      "some",
    "something", "anything", "maybe",  "though", "anymore",  "either", "to",    "i",       "we",
};

constexpr std::string_view kTitleStarts[] = {"a", "to", "in", "from", "for"};

constexpr std::string_view kDomainWords[] = {"movies", "movie", "films", "film", "games",
                                             "game",   "ones",  "one",   "stuff"};

struct Token {
    std::string lower;  // lower-cased, surrounding punctuation removed
    std::string text;   // as written, surrounding punctuation removed
    bool commaAfter = false;
};

bool isWordChar(unsigned char c) {
    return std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-' || c == '&';
}

std::vector<Token> tokenize(std::string_view clause) {
    std::vector<Token> out;
    for (auto w : util::splitWhitespace(clause)) {
        size_t a = 0, b = w.size();
        // A leading '(' stays when the word closes it: "(1995)" is a title's year.
        while (a < b && !isWordChar(static_cast<unsigned char>(w[a])) && w[a] != '$' &&
               !(w[a] == '(' && w.find(')', a) != std::string_view::npos))
            ++a;
        while (b > a && !isWordChar(static_cast<unsigned char>(w[b - 1])) && w[b - 1] != ')') --b;
        Token t;
        t.text = std::string(w.substr(a, b - a));
        t.lower = util::toLower(t.text);
        t.commaAfter = w.find(',') != std::string_view::npos && w.find(',') >= b;
        // "(1995)" kept with the title; a lone "-" or "&" is not a word.
        if (!t.text.empty()) out.push_back(std::move(t));
    }
    return out;
}

// The attribute vocabulary by folded key (first spelling wins), built once per message.
using FoldedVocabulary = std::unordered_map<std::string, std::string>;

FoldedVocabulary foldVocabulary(const std::vector<std::string>& values) {
    FoldedVocabulary out;
    for (const auto& v : values) out.emplace(foldKey(v), v);
    return out;
}

std::optional<std::string> vocabularyMatch(std::string_view phrase, const FoldedVocabulary& vocab) {
    const std::string k = foldKey(phrase);  // "Sci-Fi" and "sci fi" both become "scifi"
    if (k.empty()) return std::nullopt;
    std::vector<std::string> forms{k};
    if (k.size() > 3 && k.ends_with("ies")) forms.push_back(k.substr(0, k.size() - 3) + "y");
    if (k.size() > 2 && k.ends_with("es")) forms.push_back(k.substr(0, k.size() - 2));
    if (k.size() > 1 && k.ends_with('s')) forms.push_back(k.substr(0, k.size() - 1));
    for (const auto& f : forms)
        if (auto it = vocab.find(f); it != vocab.end()) return it->second;
    return std::nullopt;
}

// "90s", "1990s", "'90s", "nineties" -> "1990s".
std::optional<std::string> decade(std::string_view word) {
    static const std::pair<std::string_view, std::string_view> kWords[] = {
        {"fifties", "1950s"},  {"sixties", "1960s"},  {"seventies", "1970s"},
        {"eighties", "1980s"}, {"nineties", "1990s"}, {"noughties", "2000s"}};
    for (const auto& [w, d] : kWords)
        if (word == w) return std::string(d);
    std::string w(word);
    if (!w.empty() && w.front() == '\'') w.erase(0, 1);
    if (w.size() < 3 || w.back() != 's') return std::nullopt;
    w.pop_back();
    if (w.back() == '\'') w.pop_back();
    if (!std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
    if (w.size() == 2 && w[1] == '0') return (w[0] >= '3' ? "19" : "20") + w + "s";
    if (w.size() == 4 && w[3] == '0' && (w.starts_with("19") || w.starts_with("20"))) return w + "s";
    return std::nullopt;
}

bool inList(std::string_view w, std::span<const std::string_view> list) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

std::string joinText(const std::vector<Token>& toks, size_t a, size_t b) {
    std::string s;
    for (size_t i = a; i < b; ++i) s += (s.empty() ? "" : " ") + toks[i].text;
    return s;
}

// Drops trailing "movies"/"games" and leading articles of an attribute phrase.
std::string trimDomainWords(std::string phrase) {
    for (bool changed = true; changed;) {
        changed = false;
        for (auto w : kDomainWords) {
            const std::string suffix = " " + std::string(w);
            if (phrase.size() > suffix.size() && util::toLower(phrase).ends_with(suffix)) {
                phrase.resize(phrase.size() - suffix.size());
                changed = true;
            }
        }
    }
    return phrase;
}

class Scanner {
public:
    Scanner(const RuleExtractorOptions& o, UserProfile& p)
        : opt_(o), vocab_(foldVocabulary(o.attributeVocabulary)), profile_(p) {}

    void clause(const std::vector<Token>& toks) {
        Polarity pol = Polarity::None;
        size_t start = 0;
        std::vector<std::pair<size_t, size_t>> phrases;
        auto flush = [&](size_t end) {
            if (pol != Polarity::None && end > start) phrases.push_back({start, end});
            for (const auto& [a, b] : phrases) classify(toks, a, b, pol);
            phrases.clear();
        };
        size_t i = 0;
        while (i < toks.size()) {
            if (size_t n = matchCue(toks, i, pol == Polarity::Disliked); n > 0) {
                flush(i);
                pol = cuePolarity_;
                i += n;
                start = i;
                continue;
            }
            const std::string& w = toks[i].lower;
            if (pol != Polarity::None && (w == "and" || w == "or" || w == "nor")) {
                if (i > start) phrases.push_back({start, i});
                start = ++i;
                continue;
            }
            // A title may start with a small word ("A Fistful of Dollars", "To the Moon").
            const bool titleStart = pol != Polarity::None && i == start && inList(w, kTitleStarts);
            if (inList(w, kStops) && !titleStart) {
                flush(i);
                pol = Polarity::None;
                neutralWord(toks, i);
                start = ++i;
                continue;
            }
            if (pol == Polarity::None) neutralWord(toks, i);
            ++i;
            if (pol != Polarity::None && toks[i - 1].commaAfter) {
                phrases.push_back({start, i});
                start = i;
            }
        }
        flush(toks.size());
    }

private:
    size_t matchCue(const std::vector<Token>& toks, size_t i, bool inDisliked) {
        for (const auto& cue : kCues) {
            size_t j = i, k = 0;
            for (; k < cue.words.size() && !cue.words[k].empty(); ++k) {
                // "i really loved": adverbs may follow the first word of an "i ..." cue.
                if (k == 1 && cue.words[0] == "i")
                    while (j < toks.size() && inList(toks[j].lower, kAdverbs)) ++j;
                if (j >= toks.size() || toks[j].lower != cue.words[k]) break;
                ++j;
            }
            if (k < cue.words.size() && !cue.words[k].empty()) continue;
            // "not like X" / "nothing like X" stay disliked.
            if (cue.polarity == Polarity::Expected && inDisliked && cue.words[0] == "like") continue;
            cuePolarity_ = cue.polarity;
            return j - i;
        }
        return 0;
    }

    // A vocabulary word, decade or price limit outside any cue: part of what the user expects.
    void neutralWord(const std::vector<Token>& toks, size_t i) {
        if (auto d = decade(toks[i].lower)) addUnique(profile_.expected.attributes, *d);
        if ((toks[i].lower == "under" || toks[i].lower == "below" || toks[i].lower == "cheaper") &&
            i + 1 < toks.size()) {
            size_t j = i + 1;
            if (toks[j].lower == "than" && j + 1 < toks.size()) ++j;
            std::string num = toks[j].lower;
            if (!num.empty() && num.front() == '$') num.erase(0, 1);
            if (util::parseDouble(num)) addUnique(profile_.expected.attributes, "under $" + num);
        }
        if (toks[i].lower == "free") addUnique(profile_.expected.attributes, "free");
        for (size_t n = 3; n >= 1; --n) {
            if (i + n > toks.size()) continue;
            if (auto v = vocabularyMatch(joinText(toks, i, i + n), vocab_)) {
                addUnique(profile_.expected.attributes, *v);
                return;
            }
        }
    }

    void classify(const std::vector<Token>& toks, size_t a, size_t b, Polarity pol) {
        const std::string phrase = trimDomainWords(joinText(toks, a, b));
        if (phrase.empty()) return;
        std::optional<std::string> attr = vocabularyMatch(phrase, vocab_);
        if (!attr && b - a == 1) attr = decade(toks[a].lower);
        if (attr) {
            std::vector<std::string>& list = pol == Polarity::Liked      ? profile_.liked.attributes
                                             : pol == Polarity::Disliked ? profile_.disliked.attributes
                                                                         : profile_.expected.attributes;
            addUnique(list, *attr);
            if (pol == Polarity::Disliked) removeFrom(profile_.expected.attributes, *attr);
            return;
        }
        // "no X" and "without X" only make sense for attributes ("no horror", "without gore").
        if (toks[a > 0 ? a - 1 : a].lower == "no" || toks[a > 0 ? a - 1 : a].lower == "without") return;
        if (opt_.isKnownTitle && !opt_.isKnownTitle(phrase)) return;
        std::vector<std::string>& list = pol == Polarity::Liked      ? profile_.liked.items
                                         : pol == Polarity::Disliked ? profile_.disliked.items
                                                                     : profile_.expected.items;
        addUnique(list, phrase);
    }

    static void addUnique(std::vector<std::string>& list, const std::string& v) {
        if (std::none_of(list.begin(), list.end(), [&](const std::string& s) { return util::iequals(s, v); }))
            list.push_back(v);
    }
    static void removeFrom(std::vector<std::string>& list, const std::string& v) {
        list.erase(std::remove_if(list.begin(), list.end(), [&](const std::string& s) { return util::iequals(s, v); }),
                   list.end());
    }

    const RuleExtractorOptions& opt_;
    FoldedVocabulary vocab_;
    UserProfile& profile_;
    Polarity cuePolarity_ = Polarity::None;
};

// Titles joined by "and" ("Beauty and the Beast"): when the caller can tell titles, re-join the
// pieces of a clause that form a known title before scanning, by protecting its "and".
std::vector<Token> protectKnownTitles(std::vector<Token> toks, const RuleExtractorOptions& o) {
    if (!o.isKnownTitle) return toks;
    for (size_t i = 1; i + 1 < toks.size(); ++i) {
        if (toks[i].lower != "and" && toks[i].lower != "or") continue;
        // Try the shortest span around the conjunction that is a known title (up to 4 words a side).
        bool joined = false;
        for (size_t l = 1; l <= 4 && l <= i && !joined; ++l)
            for (size_t r = 1; r <= 4 && i + r < toks.size() && !joined; ++r)
                if (o.isKnownTitle(joinText(toks, i - l, i + r + 1))) {
                    toks[i].lower = "&&title-and";  // no longer a separator; text kept
                    joined = true;
                }
    }
    return toks;
}

}  // namespace

UserProfile extractProfileByRules(std::string_view message, const RuleExtractorOptions& options) {
    UserProfile profile;
    message = message.substr(0, std::min<size_t>(message.size(), 4096));
    Scanner scanner(options, profile);
    std::string clause;
    auto flush = [&] {
        scanner.clause(protectKnownTitles(tokenize(clause), options));
        clause.clear();
    };
    for (size_t i = 0; i < message.size(); ++i) {
        const char c = message[i];
        const bool sentenceEnd =
            c == '.' && (i + 1 == message.size() || message[i + 1] == ' ' || message[i + 1] == '\n');
        if (sentenceEnd || c == '!' || c == '?' || c == ';' || c == '\n') {
            flush();
            continue;
        }
        clause.push_back(c);
    }
    flush();
    // A disliked attribute is never also expected; a disliked item never liked.
    for (const auto& a : profile.disliked.attributes)
        profile.expected.attributes.erase(
            std::remove_if(profile.expected.attributes.begin(), profile.expected.attributes.end(),
                           [&](const std::string& s) { return util::iequals(s, a); }),
            profile.expected.attributes.end());
    return profile;
}

}  // namespace rs::agent
