#include "llm/profilestore.h"

namespace rs::llm {

util::Status saveProfiles(store::ProjectStore& project, const ProfileSet& profiles) {
    nlohmann::json j = profiles;
    return project.saveSetting(kProfilesSettingKey, j);
}

util::Result<ProfileSet> loadProfiles(store::ProjectStore& project) {
    auto stored = project.loadSetting(kProfilesSettingKey);
    if (!stored) return util::Error{stored.message()};
    if (!stored->has_value()) return ProfileSet{};
    auto parsed = parseProfileSet((*stored)->dump());
    if (!parsed) return util::Error{project.path() + ": LLM profiles: " + parsed.message()};
    return parsed;
}

}  // namespace rs::llm
