#pragma once
// One function per recscope-cli subcommand; each parses its own options from argv[2..] and
// returns the process exit code (0 ok, 1 failure, 2 bad usage). Each lives in cmd_<name>.cpp.
namespace rs::cli {
int runImport(int argc, char** argv);
int runTrain(int argc, char** argv);
int runEval(int argc, char** argv);
int runLlm(int argc, char** argv);
int runSearch(int argc, char** argv);
int runChat(int argc, char** argv);
int runTrace(int argc, char** argv);
int runMatch(int argc, char** argv);
}  // namespace rs::cli
