#pragma once
// Paths for tests: the real datasets (RECSCOPE_DATA_DIR environment variable, default
// ../shared/data next to the checkout), the small fixtures in tests/data, and the CLI binary.
#include <filesystem>
#include <string>

namespace rs::test {

// Returns the data folder and fails the current test (ADD_FAILURE) when sub is missing there:
// a test whose data is missing fails loudly, it never skips.
std::filesystem::path dataDir(const std::string& sub = {});
std::filesystem::path fixture(const std::string& name);
std::filesystem::path cliPath();
// A fresh empty folder under the system temp dir, removed by the OS/CI, unique per call.
std::filesystem::path tempDir(const std::string& prefix = "recscope-test");

// Runs a shell command, returns its exit code and captures stdout (and stderr if mergeStderr).
struct CommandResult {
    int exitCode = -1;
    std::string output;
};
CommandResult runCommand(const std::string& command, bool mergeStderr = false);

}  // namespace rs::test
