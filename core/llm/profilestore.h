#pragma once
// Endpoint profiles kept in a project file (the "llm_profiles" setting), so a project carries
// which servers and models its agent, judges and embedders use. Only what ProfileSet's JSON holds
// is written: API-key variable NAMES, never keys (profile.h).
#include "llm/profile.h"
#include "store/projectstore.h"

namespace rs::llm {

inline constexpr const char* kProfilesSettingKey = "llm_profiles";

util::Status saveProfiles(store::ProjectStore& project, const ProfileSet& profiles);
// The project's profiles; an empty set when it has none. An error names the file and the field.
util::Result<ProfileSet> loadProfiles(store::ProjectStore& project);

}  // namespace rs::llm
