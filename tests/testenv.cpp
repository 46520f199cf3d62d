#include "testenv.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace rs::test {

std::filesystem::path dataDir(const std::string& sub) {
    const char* env = std::getenv("RECSCOPE_DATA_DIR");
    std::filesystem::path base = (env && *env) ? env : RECSCOPE_DEFAULT_DATA_DIR;
    std::filesystem::path p = sub.empty() ? base : base / sub;
    if (!std::filesystem::exists(p))
        ADD_FAILURE() << "required dataset missing: " << p
                      << " (set RECSCOPE_DATA_DIR to the folder holding ml-100k, ml-100k-recbole and steam)";
    return p;
}

std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(RECSCOPE_FIXTURES_DIR) / name;
}

std::filesystem::path cliPath() {
    return RECSCOPE_CLI_PATH;
}

std::filesystem::path tempDir(const std::string& prefix) {
    static std::atomic<int> counter{0};
    auto p = std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(p);
    std::filesystem::create_directories(p);
    return p;
}

CommandResult runCommand(const std::string& command, bool mergeStderr) {
    CommandResult r;
    std::string cmd = command + (mergeStderr ? " 2>&1" : "");
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
    int status = ::pclose(pipe);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace rs::test
