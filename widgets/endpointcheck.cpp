#include "endpointcheck.h"

#include "llm/chatclient.h"

namespace rs::widgets {

util::Result<std::vector<std::string>> listEndpointModels(const llm::EndpointProfile& profile, const util::Task& task) {
    return llm::ChatClient(profile).listModels(task);
}

}  // namespace rs::widgets
