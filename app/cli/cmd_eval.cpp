#include <cstdio>

#include "commands.h"

namespace rs::cli {
int runEval(int, char**) {
    std::fprintf(stderr, "recscope-cli eval: not implemented yet\n");
    return 1;
}
}  // namespace rs::cli
