// The "sasrec" registry entry loads librecscope_sasrec.so at run time (models/sasrecmodule.h):
// through it a program that does not link libtorch trains, saves and reloads SASRec, and a missing
// or wrong library is a clear error, not a crash.
#include <gtest/gtest.h>

#include <fstream>

#include "testenv.h"

using namespace rs;

namespace {

std::string trainCommand(const std::string& env, const std::filesystem::path& project) {
    return env + " " + test::cliPath().string() + " train --data " + test::fixture("ml100k-mini").string() +
           " --model sasrec:epochs=2,dim=8,maxlen=4 --project " + project.string();
}

}  // namespace

TEST(SasRecModule, TheCliLoadsItOnFirstUse) {
    const auto dir = test::tempDir("sasrec-module");
    auto r = test::runCommand(trainCommand("", dir / "p.recscope"), true);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("fitted sasrec"), std::string::npos) << r.output;
    // recscope-cli itself does not link libtorch: only the module does.
    auto ldd = test::runCommand("ldd " + test::cliPath().string());
    ASSERT_EQ(ldd.exitCode, 0);
    EXPECT_EQ(ldd.output.find("libtorch"), std::string::npos) << ldd.output;
}

TEST(SasRecModule, AMissingOrForeignLibraryIsAClearError) {
    const auto dir = test::tempDir("sasrec-module-bad");
    auto missing = test::runCommand(
        trainCommand("RECSCOPE_SASREC_MODULE=/nonexistent/librecscope_sasrec.so", dir / "a.recscope"), true);
    EXPECT_NE(missing.exitCode, 0) << missing.output;
    EXPECT_NE(missing.output.find("/nonexistent/librecscope_sasrec.so (not found)"), std::string::npos)
        << missing.output;
    EXPECT_NE(missing.output.find("RECSCOPE_SASREC_MODULE"), std::string::npos) << missing.output;

    // A file that is not a shared library at all.
    std::ofstream(dir / "fake.so") << "not an ELF file\n";
    auto foreign = test::runCommand(
        trainCommand("RECSCOPE_SASREC_MODULE=" + (dir / "fake.so").string(), dir / "b.recscope"), true);
    EXPECT_NE(foreign.exitCode, 0) << foreign.output;
    EXPECT_NE(foreign.output.find((dir / "fake.so").string()), std::string::npos) << foreign.output;

    // A real shared library without the entry points.
    auto libc = test::runCommand(
        trainCommand("RECSCOPE_SASREC_MODULE=/lib/x86_64-linux-gnu/libz.so.1", dir / "c.recscope"), true);
    EXPECT_NE(libc.exitCode, 0) << libc.output;
    EXPECT_NE(libc.output.find("entry points missing"), std::string::npos) << libc.output;
}
