#pragma once
// listEndpointModels: the Settings panel's "Test connection", kept in a translation unit without
// Qt headers because core's llm/responseassembler.h declares a member named emit, which Qt
// defines as a macro. Blocking; call it from a worker (JobQueue).
#include <string>
#include <vector>

#include "llm/profile.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::widgets {

util::Result<std::vector<std::string>> listEndpointModels(const llm::EndpointProfile& profile, const util::Task& task);

}  // namespace rs::widgets
