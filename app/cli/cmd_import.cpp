#include <cstdio>

#include "commands.h"

namespace rs::cli {
int runImport(int, char**) {
    std::fprintf(stderr, "recscope-cli import: not implemented yet\n");
    return 1;
}
}  // namespace rs::cli
