#include "models/binaryio.h"

#include <cstring>

namespace rs::models::io {

void writeHeader(std::ostream& out, const std::string& model, const std::string& paramsJson) {
    out.write(kMagic, sizeof(kMagic));
    writePod(out, kFormatVersion);
    writeString(out, model);
    writeString(out, paramsJson);
}

util::Result<std::string> readHeader(std::istream& in, const std::string& model) {
    char magic[sizeof(kMagic)] = {};
    if (!in.read(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0)
        return util::Error{model + ": not a RecScope model file (bad magic)"};
    uint32_t version = 0;
    if (!readPod(in, version)) return util::Error{model + ": model file truncated in header"};
    if (version != kFormatVersion)
        return util::Error{model + ": unsupported model file version " + std::to_string(version) + " (expected " +
                           std::to_string(kFormatVersion) + ")"};
    std::string name, params;
    if (!readString(in, name, 256) || !readString(in, params))
        return util::Error{model + ": model file truncated in header"};
    if (name != model) return util::Error{model + ": model file holds a '" + name + "' model"};
    return params;
}

}  // namespace rs::models::io
