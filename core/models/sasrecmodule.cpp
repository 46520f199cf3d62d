#include "models/sasrecmodule.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

namespace rs::models {

namespace {

constexpr const char* kLibraryName = "librecscope_sasrec.so";

std::vector<std::string> candidatePaths() {
    // An explicit path is the only one tried, so a wrong one is reported, not silently bypassed.
    if (const char* env = std::getenv("RECSCOPE_SASREC_MODULE"); env && *env) return {env};
    std::vector<std::string> paths;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto dir = exe.parent_path();
        paths.push_back((dir / kLibraryName).string());
        paths.push_back((dir / ".." / "lib" / "recscope" / kLibraryName).lexically_normal().string());
    }
#ifdef RECSCOPE_SASREC_MODULE_BUILD_PATH
    paths.emplace_back(RECSCOPE_SASREC_MODULE_BUILD_PATH);
#endif
    return paths;
}

struct Loaded {
    SasRecCreateFn create = nullptr;
    std::string error;
};

Loaded load() {
    std::string tried;
    for (const auto& path : candidatePaths()) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            tried += "\n  " + path + " (not found)";
            continue;
        }
        // RTLD_LOCAL: the module's own copy of core code stays private to it.
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = dlerror();
            tried += "\n  " + path + " (" + (why ? why : "dlopen failed") + ")";
            continue;
        }
        auto abi = reinterpret_cast<SasRecAbiFn>(dlsym(handle, kSasRecAbiSymbol));
        auto create = reinterpret_cast<SasRecCreateFn>(dlsym(handle, kSasRecCreateSymbol));
        if (!abi || !create) {
            tried += "\n  " + path + " (not a RecScope SASRec module: entry points missing)";
            continue;
        }
        if (abi() != kSasRecModuleAbi) {
            tried += "\n  " + path + " (built for interface version " + std::to_string(abi()) +
                     ", this program needs " + std::to_string(kSasRecModuleAbi) + ")";
            continue;
        }
        return Loaded{create, {}};
    }
    return Loaded{nullptr, "sasrec: the libtorch module " + std::string(kLibraryName) +
                               " could not be loaded; set RECSCOPE_SASREC_MODULE to its path. Tried:" + tried};
}

}  // namespace

util::Result<std::unique_ptr<Recommender>> createSasRec(const Params& params) {
    static std::once_flag once;
    static Loaded loaded;
    std::call_once(once, [] { loaded = load(); });
    if (!loaded.create) return util::Error{loaded.error};
    std::unique_ptr<Recommender> model;
    std::string error;
    if (!loaded.create(&params, &model, &error) || !model)
        return util::Error{error.empty() ? "sasrec: create failed" : error};
    return model;
}

}  // namespace rs::models
