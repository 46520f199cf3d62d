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

void writeFactors(std::ostream& out, int32_t users, int32_t items, const std::vector<float>& user,
                  const std::vector<float>& item) {
    writePod(out, users);
    writePod(out, items);
    writeVec(out, user);
    writeVec(out, item);
}

util::Result<FactorTables> readFactors(std::istream& in, const std::string& model, int32_t factors) {
    FactorTables t;
    if (factors <= 0) return util::Error{model + ": model file has bad parameters"};
    if (!readPod(in, t.users) || !readPod(in, t.items) || t.users < 0 || t.items < 0 ||
        !readVec(in, t.user, uint64_t{1} << 34) || !readVec(in, t.item, uint64_t{1} << 34))
        return util::Error{model + ": model file truncated"};
    const auto f = static_cast<size_t>(factors);
    if (t.user.size() != static_cast<size_t>(t.users) * f || t.item.size() != static_cast<size_t>(t.items) * f)
        return util::Error{model + ": model file is inconsistent (factor shapes)"};
    return t;
}

}  // namespace rs::models::io
