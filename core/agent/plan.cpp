#include "agent/plan.h"

#include <algorithm>
#include <set>

#include "util/jsonspan.h"

namespace rs::agent {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kIntentNames = {"recommend", "lookup", "compare", "chitchat"};
constexpr std::array<std::string_view, 10> kOpNames = {"=",  "!=",      "<",   "<=",      ">",
                                                       ">=", "between", "has", "not_has", "like"};
constexpr int kMaxMapN = 100;
constexpr int kMaxKeep = 100000;

std::string shortJson(const json& j) {
    std::string s = j.dump(-1, ' ', true, json::error_handler_t::replace);
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

// Collects errors for one step; every message starts with "step i (tool): ".
class StepChecker {
public:
    StepChecker(std::vector<std::string>& errors, size_t index, std::string tool)
        : errors_(errors), prefix_("step " + std::to_string(index) + " (" + tool + "): ") {}

    void error(const std::string& message) { errors_.push_back(prefix_ + message); }
    size_t count() const { return errors_.size(); }

    void allowKeys(const json& input, std::initializer_list<std::string_view> keys) {
        for (const auto& [k, v] : input.items()) {
            if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
            std::string known;
            for (auto key : keys) known += (known.empty() ? "" : ", ") + std::string(key);
            error("unknown input key '" + k + "' (expected " + known + ")");
        }
    }

    std::optional<std::string> string(const json& input, const char* key, bool required) {
        auto it = input.find(key);
        if (it == input.end()) {
            if (required) error(std::string("missing \"") + key + "\"");
            return std::nullopt;
        }
        if (!it->is_string()) {
            error(std::string("\"") + key + "\" must be a string, got " + shortJson(*it));
            return std::nullopt;
        }
        return it->get<std::string>();
    }

    std::optional<int> integer(const json& input, const char* key, int lo, int hi) {
        auto it = input.find(key);
        if (it == input.end()) return std::nullopt;
        if (!it->is_number_integer() && !(it->is_number_float() && it->get<double>() == double(int64_t(*it)))) {
            error(std::string("\"") + key + "\" must be an integer, got " + shortJson(*it));
            return std::nullopt;
        }
        const int64_t v = it->get<int64_t>();
        if (v < lo || v > hi) {
            error(std::string("\"") + key + "\" must be in " + std::to_string(lo) + ".." + std::to_string(hi) +
                  ", got " + std::to_string(v));
            return std::nullopt;
        }
        return int(v);
    }

    // A titles list or {"from_step": i}; i must be an earlier lookup step.
    TitleList titles(const json& input, const char* key, bool required, size_t index,
                     const std::vector<std::string>& tools) {
        TitleList out;
        auto it = input.find(key);
        if (it == input.end()) {
            if (required) error(std::string("missing \"") + key + "\" (a list of titles or {\"from_step\": i})");
            return out;
        }
        if (it->is_object()) {
            auto fs = it->find("from_step");
            if (fs == it->end() || !fs->is_number_integer() || it->size() != 1) {
                error(std::string("\"") + key + "\" as an object must be exactly {\"from_step\": i}, got " +
                      shortJson(*it));
                return out;
            }
            const int64_t i = fs->get<int64_t>();
            if (i < 0 || size_t(i) >= index) {
                error(std::string("\"") + key + "\": from_step " + std::to_string(i) +
                      " must name an earlier step (0.." + std::to_string(int64_t(index) - 1) + ")");
            } else if (tools[size_t(i)] != "lookup") {
                error(std::string("\"") + key + "\": from_step " + std::to_string(i) + " is a " + tools[size_t(i)] +
                      " step; only lookup results can be referred to");
            } else {
                out.fromStep = int(i);
            }
            return out;
        }
        if (it->is_string()) {  // one title instead of a list: a common LLM slip, accepted
            if (!it->get<std::string>().empty()) out.titles.push_back(it->get<std::string>());
        } else if (it->is_array()) {
            for (const auto& t : *it) {
                if (!t.is_string()) {
                    error(std::string("\"") + key + "\" must hold strings, got " + shortJson(t));
                    return {};
                }
                if (!t.get<std::string>().empty()) out.titles.push_back(t.get<std::string>());
            }
        } else {
            error(std::string("\"") + key + "\" must be a list of titles or {\"from_step\": i}, got " + shortJson(*it));
            return out;
        }
        if (required && out.titles.empty()) error(std::string("\"") + key + "\" is empty");
        return out;
    }

private:
    std::vector<std::string>& errors_;
    std::string prefix_;
};

bool isScalar(const json& v) {
    return v.is_string() || v.is_number();
}

std::optional<Condition> parseCondition(StepChecker& c, const json& j, size_t k) {
    const std::string where = "condition " + std::to_string(k) + ": ";
    if (!j.is_object()) {
        c.error(where + "must be an object {\"column\", \"op\", \"value\"}, got " + shortJson(j));
        return std::nullopt;
    }
    Condition cond;
    for (const auto& [key, v] : j.items())
        if (key != "column" && key != "op" && key != "value") c.error(where + "unknown key '" + key + "'");
    auto col = j.find("column");
    if (col == j.end() || !col->is_string() || col->get<std::string>().empty()) {
        c.error(where + "\"column\" must be a non-empty string");
        return std::nullopt;
    }
    cond.column = col->get<std::string>();
    auto op = j.find("op");
    std::optional<FilterOp> parsed;
    if (op != j.end() && op->is_string()) parsed = filterOpFromName(op->get<std::string>());
    if (!parsed) {
        c.error(where + "\"op\" must be one of = != < <= > >= between has not_has like, got " +
                (op == j.end() ? std::string("nothing") : shortJson(*op)));
        return std::nullopt;
    }
    cond.op = *parsed;
    auto v = j.find("value");
    if (v == j.end()) {
        c.error(where + "missing \"value\"");
        return std::nullopt;
    }
    if (cond.op == FilterOp::Between) {
        const bool ok = v->is_array() && v->size() == 2 &&
                        (((*v)[0].is_number() && (*v)[1].is_number()) || ((*v)[0].is_string() && (*v)[1].is_string()));
        if (!ok) {
            c.error(where + "\"between\" needs \"value\": [low, high] (two numbers or two strings), got " +
                    shortJson(*v));
            return std::nullopt;
        }
    } else if (!isScalar(*v)) {
        c.error(where + "\"value\" must be a string or a number, got " + shortJson(*v));
        return std::nullopt;
    } else if ((cond.op == FilterOp::Has || cond.op == FilterOp::NotHas || cond.op == FilterOp::Like) &&
               !v->is_string()) {
        c.error(where + "\"" + std::string(filterOpName(cond.op)) + "\" needs a string value, got " + shortJson(*v));
        return std::nullopt;
    }
    cond.value = *v;
    return cond;
}

std::optional<StepInput> parseInput(StepChecker& c, const std::string& tool, const json& in, size_t index,
                                    const std::vector<std::string>& tools) {
    const size_t before = c.count();
    auto done = [&](StepInput v) -> std::optional<StepInput> {
        if (c.count() != before) return std::nullopt;
        return v;
    };
    if (tool == "store_candidates") {
        c.allowKeys(in, {"titles"});
        return done(StoreCandidatesInput{c.titles(in, "titles", true, index, tools)});
    }
    if (tool == "lookup") {
        c.allowKeys(in, {"sql"});
        LookupInput v;
        if (auto s = c.string(in, "sql", true)) v.sql = *s;
        if (c.count() == before && v.sql.find_first_not_of(" \t\r\n") == std::string::npos) c.error("\"sql\" is empty");
        return done(v);
    }
    if (tool == "hard_filter") {
        c.allowKeys(in, {"conditions", "where"});
        HardFilterInput v;
        auto conds = in.find("conditions");
        if (conds != in.end()) {
            if (!conds->is_array() || conds->empty()) {
                c.error("\"conditions\" must be a non-empty list of {\"column\", \"op\", \"value\"}");
            } else {
                for (size_t k = 0; k < conds->size(); ++k)
                    if (auto cond = parseCondition(c, (*conds)[k], k)) v.conditions.push_back(std::move(*cond));
            }
        }
        if (auto w = c.string(in, "where", false)) v.where = *w;
        if (conds == in.end() && v.where.empty() && c.count() == before)
            c.error("needs \"conditions\": [...] or \"where\": \"<SQL expression>\"");
        if (conds != in.end() && !v.where.empty()) c.error("give either \"conditions\" or \"where\", not both");
        return done(v);
    }
    if (tool == "soft_filter") {
        c.allowKeys(in, {"seeds", "by", "keep"});
        SoftFilterInput v;
        v.seeds = c.titles(in, "seeds", true, index, tools);
        if (auto by = c.string(in, "by", false)) {
            if (*by == "embedding")
                v.by = SoftBy::Embedding;
            else if (*by == "model")
                v.by = SoftBy::Model;
            else
                c.error("\"by\" must be \"embedding\" or \"model\", got \"" + *by + "\"");
        }
        if (auto k = c.integer(in, "keep", 1, kMaxKeep)) v.keep = *k;
        return done(v);
    }
    if (tool == "rank") {
        c.allowKeys(in, {"by", "model", "liked", "disliked", "mode"});
        RankInput v;
        if (auto by = c.string(in, "by", true)) {
            if (*by == "popularity")
                v.by = RankBy::Popularity;
            else if (*by == "similarity")
                v.by = RankBy::Similarity;
            else if (*by == "preference")
                v.by = RankBy::Preference;
            else
                c.error("\"by\" must be \"popularity\", \"similarity\" or \"preference\", got \"" + *by + "\"");
        }
        if (auto m = c.string(in, "model", false)) v.model = *m;
        v.liked = c.titles(in, "liked", false, index, tools);
        v.disliked = c.titles(in, "disliked", false, index, tools);
        if (auto mode = c.string(in, "mode", false)) {
            if (*mode == "accuracy")
                v.mode = RankMode::Accuracy;
            else if (*mode == "diversity")
                v.mode = RankMode::Diversity;
            else
                c.error("\"mode\" must be \"accuracy\" or \"diversity\", got \"" + *mode + "\"");
        }
        return done(v);
    }
    if (tool == "map") {
        c.allowKeys(in, {"n"});
        MapInput v;
        if (auto n = c.integer(in, "n", 1, kMaxMapN)) v.n = *n;
        return done(v);
    }
    return std::nullopt;
}

json titlesJson(const TitleList& t) {
    if (t.fromStep) return json{{"from_step", *t.fromStep}};
    return t.titles;
}

}  // namespace

std::string_view intentName(Intent intent) {
    return kIntentNames[size_t(intent)];
}

std::optional<Intent> intentFromName(std::string_view name) {
    for (size_t i = 0; i < kIntentNames.size(); ++i)
        if (kIntentNames[i] == name) return Intent(i);
    return std::nullopt;
}

std::string_view filterOpName(FilterOp op) {
    return kOpNames[size_t(op)];
}

std::optional<FilterOp> filterOpFromName(std::string_view name) {
    if (name == "==") return FilterOp::Eq;
    if (name == "<>") return FilterOp::Ne;
    for (size_t i = 0; i < kOpNames.size(); ++i)
        if (kOpNames[i] == name) return FilterOp(i);
    return std::nullopt;
}

json toJson(const PlanStep& step) {
    json in = json::object();
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, StoreCandidatesInput>) {
                in["titles"] = titlesJson(v.titles);
            } else if constexpr (std::is_same_v<T, LookupInput>) {
                in["sql"] = v.sql;
            } else if constexpr (std::is_same_v<T, HardFilterInput>) {
                if (!v.where.empty()) {
                    in["where"] = v.where;
                } else {
                    json conds = json::array();
                    for (const auto& c : v.conditions)
                        conds.push_back({{"column", c.column}, {"op", filterOpName(c.op)}, {"value", c.value}});
                    in["conditions"] = conds;
                }
            } else if constexpr (std::is_same_v<T, SoftFilterInput>) {
                in["seeds"] = titlesJson(v.seeds);
                in["by"] = v.by == SoftBy::Model ? "model" : "embedding";
                in["keep"] = v.keep;
            } else if constexpr (std::is_same_v<T, RankInput>) {
                static constexpr const char* kBy[] = {"popularity", "similarity", "preference"};
                in["by"] = kBy[int(v.by)];
                if (!v.model.empty()) in["model"] = v.model;
                if (!v.liked.empty()) in["liked"] = titlesJson(v.liked);
                if (!v.disliked.empty()) in["disliked"] = titlesJson(v.disliked);
                in["mode"] = v.mode == RankMode::Diversity ? "diversity" : "accuracy";
            } else {
                in["n"] = v.n;
            }
        },
        step.typed);
    return {{"tool", step.tool}, {"input", in}};
}

json Plan::toJson() const {
    json steps_ = json::array();
    for (const auto& s : steps) steps_.push_back(agent::toJson(s));
    json out = {{"intent", intentName(intent)}, {"plan", steps_}};
    if (refine) out["refine"] = true;
    return out;
}

PlanParse parsePlan(const json& j) {
    PlanParse out;
    auto& errors = out.errors;
    if (!j.is_object()) {
        errors.push_back("the plan must be a JSON object {\"intent\": ..., \"plan\": [...]}, got " + shortJson(j));
        return out;
    }
    Plan plan;
    for (const auto& [k, v] : j.items())
        if (k != "intent" && k != "plan" && k != "refine")
            errors.push_back("unknown top-level key '" + k + "' (expected intent, plan, refine)");
    if (auto r = j.find("refine"); r != j.end()) {
        if (r->is_boolean())
            plan.refine = r->get<bool>();
        else
            errors.push_back("\"refine\" must be true or false, got " + shortJson(*r));
    }
    auto intent = j.find("intent");
    std::optional<Intent> parsedIntent;
    if (intent != j.end() && intent->is_string()) parsedIntent = intentFromName(intent->get<std::string>());
    if (!parsedIntent)
        errors.push_back("\"intent\" must be one of recommend, lookup, compare, chitchat, got " +
                         (intent == j.end() ? std::string("nothing") : shortJson(*intent)));
    else
        plan.intent = *parsedIntent;
    auto steps = j.find("plan");
    if (steps == j.end() || !steps->is_array()) {
        errors.push_back("\"plan\" must be a list of steps [{\"tool\": ..., \"input\": {...}}], got " +
                         (steps == j.end() ? std::string("nothing") : shortJson(*steps)));
        return out;
    }
    // Tool names first, so from_step references can be checked against any earlier step.
    std::vector<std::string> tools;
    for (const auto& s : *steps) {
        auto t = s.is_object() ? s.find("tool") : s.end();
        tools.push_back(s.is_object() && t != s.end() && t->is_string() ? t->get<std::string>() : std::string());
    }
    for (size_t i = 0; i < steps->size(); ++i) {
        const json& s = (*steps)[i];
        StepChecker c(errors, i, tools[i].empty() ? "?" : tools[i]);
        if (!s.is_object()) {
            c.error("must be an object {\"tool\": ..., \"input\": {...}}, got " + shortJson(s));
            continue;
        }
        for (const auto& [k, v] : s.items())
            if (k != "tool" && k != "input") c.error("unknown key '" + k + "' (expected tool, input)");
        if (std::find(kToolNames.begin(), kToolNames.end(), tools[i]) == kToolNames.end()) {
            c.error("unknown tool " + (s.contains("tool") ? shortJson(s["tool"]) : std::string("(missing)")) +
                    " (tools: store_candidates, lookup, hard_filter, soft_filter, rank, map)");
            continue;
        }
        json input = json::object();
        if (auto in = s.find("input"); in != s.end()) {
            if (!in->is_object()) {
                c.error("\"input\" must be an object, got " + shortJson(*in));
                continue;
            }
            input = *in;
        }
        if (auto typed = parseInput(c, tools[i], input, i, tools))
            plan.steps.push_back(PlanStep{tools[i], input, std::move(*typed)});
    }
    if (parsedIntent) {
        const size_t n = steps->size();
        if (*parsedIntent == Intent::Chitchat && n > 0)
            errors.push_back("a chitchat plan must be empty (\"plan\": [])");
        if (*parsedIntent != Intent::Chitchat && n == 0)
            errors.push_back("the plan is empty; a " + std::string(intentName(*parsedIntent)) +
                             " plan needs at least one step");
        for (size_t i = 0; i + 1 < n; ++i)
            if (tools[i] == "map") errors.push_back("step " + std::to_string(i) + " (map): map must be the last step");
        if (*parsedIntent == Intent::Recommend && n > 0 && (n < 2 || tools[n - 1] != "map" || tools[n - 2] != "rank"))
            errors.push_back("a recommend plan must end with a rank step followed by a map step");
    }
    if (errors.empty()) out.plan = std::move(plan);
    return out;
}

PlanParse parsePlanText(std::string_view text) {
    // Tolerates fences and prose around the plan; an unbalanced object still gets a parse error.
    const util::JsonObjectSpan span = util::findJsonObject(text);
    if (!span.found) {
        PlanParse out;
        out.errors.push_back("no JSON object found in the planner's answer; reply with only the plan JSON");
        return out;
    }
    const std::string_view body = span.body;
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded()) {
        PlanParse out;
        out.errors.push_back(!span.balanced
                                 ? "the plan JSON is cut off (unbalanced braces); reply with the complete plan JSON"
                                 : "the plan is not valid JSON; reply with only the plan JSON");
        return out;
    }
    return parsePlan(j);
}

std::string repairMessage(const std::vector<std::string>& errors) {
    std::string m = "Your plan was rejected:\n";
    for (const auto& e : errors) m += "- " + e + "\n";
    m += "Reply with only the corrected plan as one JSON object: {\"intent\": \"recommend\"|\"lookup\"|\"compare\"|"
         "\"chitchat\", \"plan\": [{\"tool\": ..., \"input\": {...}}]}. Tools: store_candidates {titles}, lookup "
         "{sql}, hard_filter {conditions|where}, soft_filter {seeds, by, keep}, rank {by, model, liked, disliked, "
         "mode}, map {n}. A recommend plan ends with rank then map; chitchat plans are empty.";
    return m;
}

}  // namespace rs::agent
