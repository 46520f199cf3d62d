#pragma once
// The "sasrec" registry entry without libtorch: SASRec lives in the shared library
// librecscope_sasrec.so (core/sasrec/), loaded with dlopen() the first time a SASRec model is
// created, so programs that never train or load one (the GUI at start-up, most CLI commands)
// never pay libtorch's load time.
//
// Where the library is looked for, first found wins:
//   1. $RECSCOPE_SASREC_MODULE (a file path; when set, the only place looked);
//   2. next to the running executable, then <exe dir>/../lib/recscope/;
//   3. the build tree's lib/ folder (compiled in).
// A library that cannot be found or loaded, or one built for another interface version, gives an
// error naming the paths tried and the loader's message; nothing aborts.
// Threading: createSasRec() may be called from several threads; the library is loaded once and
// never unloaded.
#include <memory>
#include <string>

#include "models/recommender.h"

namespace rs::models {

// Bumped whenever Recommender, Params or the entry point's signature changes.
inline constexpr int kSasRecModuleAbi = 1;

// The module's entry points (extern "C", defined in core/sasrec/sasrecentry.cpp).
using SasRecAbiFn = int (*)();
using SasRecCreateFn = bool (*)(const Params* params, std::unique_ptr<Recommender>* out, std::string* error);
inline constexpr const char* kSasRecAbiSymbol = "recscope_sasrec_abi";
inline constexpr const char* kSasRecCreateSymbol = "recscope_sasrec_create";

util::Result<std::unique_ptr<Recommender>> createSasRec(const Params& params);

}  // namespace rs::models
