#include "agent/profilememory.h"

#include <algorithm>

#include "util/text.h"

namespace rs::agent {

namespace {

bool containsCi(const std::vector<std::string>& list, std::string_view v) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return util::iequals(s, v); });
}
void addUnique(std::vector<std::string>& list, const std::string& v) {
    if (!v.empty() && !containsCi(list, v)) list.push_back(v);
}
void removeCi(std::vector<std::string>& list, std::string_view v) {
    list.erase(std::remove_if(list.begin(), list.end(), [&](const std::string& s) { return util::iequals(s, v); }),
               list.end());
}

const char* const kListKeys[6] = {"liked_items",      "disliked_items",      "expected_items",
                                  "liked_attributes", "disliked_attributes", "expected_attributes"};

std::vector<std::string>* listFor(UserProfile& p, int k) {
    switch (k) {
        case 0:
            return &p.liked.items;
        case 1:
            return &p.disliked.items;
        case 2:
            return &p.expected.items;
        case 3:
            return &p.liked.attributes;
        case 4:
            return &p.disliked.attributes;
        default:
            return &p.expected.attributes;
    }
}

}  // namespace

void UserProfile::merge(const UserProfile& newer) {
    for (const auto& v : newer.liked.items) removeCi(disliked.items, v), addUnique(liked.items, v);
    for (const auto& v : newer.liked.attributes) removeCi(disliked.attributes, v), addUnique(liked.attributes, v);
    for (const auto& v : newer.disliked.items) removeCi(liked.items, v), addUnique(disliked.items, v);
    for (const auto& v : newer.disliked.attributes) removeCi(liked.attributes, v), addUnique(disliked.attributes, v);
    if (!newer.expected.empty()) {
        expected = {};
        for (const auto& v : newer.expected.items) addUnique(expected.items, v);
        for (const auto& v : newer.expected.attributes) addUnique(expected.attributes, v);
    }
}

nlohmann::json UserProfile::toJson() const {
    nlohmann::json j = nlohmann::json::object();
    UserProfile copy = *this;
    for (int k = 0; k < 6; ++k) j[kListKeys[k]] = *listFor(copy, k);
    return j;
}

util::Result<UserProfile> UserProfile::fromJson(const nlohmann::json& j) {
    if (!j.is_object()) return util::Error{"profile: expected a JSON object with liked/disliked/expected lists"};
    UserProfile p;
    for (int k = 0; k < 6; ++k) {
        auto it = j.find(kListKeys[k]);
        if (it == j.end() || it->is_null()) continue;
        if (!it->is_array()) return util::Error{std::string("profile: field '") + kListKeys[k] + "' must be a list"};
        for (const auto& v : *it) {
            if (!v.is_string())
                return util::Error{std::string("profile: field '") + kListKeys[k] + "' must hold only strings"};
            addUnique(*listFor(p, k), std::string(util::trim(v.get<std::string>())));
        }
    }
    return p;
}

std::string UserProfile::describe() const {
    if (empty()) return "Nothing known yet.";
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
        return s;
    };
    std::string out;
    auto line = [&](const char* label, const Preferences& p) {
        if (p.empty()) return;
        if (!out.empty()) out += "\n";
        out += label;
        if (!p.items.empty()) out += " items: " + join(p.items) + ".";
        if (!p.attributes.empty()) out += " attributes: " + join(p.attributes) + ".";
    };
    line("Likes", liked);
    line("Dislikes", disliked);
    line("Looking for now", expected);
    return out;
}

}  // namespace rs::agent
