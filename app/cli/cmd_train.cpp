#include <cstdio>

#include "commands.h"

namespace rs::cli {
int runTrain(int, char**) {
    std::fprintf(stderr, "recscope-cli train: not implemented yet\n");
    return 1;
}
}  // namespace rs::cli
