#pragma once
// Little helpers for the models' binary files. Layout of every model file:
//   "RSMODEL\0" (8 bytes) | u32 format version | string model name | string params JSON | model arrays
// Strings and arrays are a u64 element count followed by raw bytes (host byte order: the files are
// caches for this machine, not an interchange format). Readers check counts against the stream
// so a truncated or foreign file yields an error, never a huge allocation.
#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "util/status.h"

namespace rs::models::io {

inline constexpr char kMagic[8] = {'R', 'S', 'M', 'O', 'D', 'E', 'L', '\0'};
inline constexpr uint32_t kFormatVersion = 1;

template <class T>
void writePod(std::ostream& out, const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.write(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <class T>
bool readPod(std::istream& in, T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof(T)));
}

template <class T>
void writeVec(std::ostream& out, const std::vector<T>& v) {
    writePod<uint64_t>(out, v.size());
    if (!v.empty())
        out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
}
// maxCount bounds the allocation: the caller passes what the header implies.
template <class T>
bool readVec(std::istream& in, std::vector<T>& v, uint64_t maxCount) {
    uint64_t n = 0;
    if (!readPod(in, n) || n > maxCount) return false;
    if (const auto pos = in.tellg(); pos >= 0) {  // seekable: refuse counts the file cannot hold
        in.seekg(0, std::ios::end);
        const auto end = in.tellg();
        in.seekg(pos);
        if (end < pos || static_cast<uint64_t>(end - pos) / sizeof(T) < n) return false;
    }
    v.resize(static_cast<size_t>(n));
    if (n == 0) return true;
    return static_cast<bool>(in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

inline void writeString(std::ostream& out, const std::string& s) {
    writePod<uint64_t>(out, s.size());
    out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
inline bool readString(std::istream& in, std::string& s, uint64_t maxLen = 1 << 20) {
    uint64_t n = 0;
    if (!readPod(in, n) || n > maxLen) return false;
    s.resize(static_cast<size_t>(n));
    return n == 0 || static_cast<bool>(in.read(s.data(), static_cast<std::streamsize>(n)));
}

// The two factor tables of a matrix-factorisation model (ALS, BPR): users × factors and
// items × factors floats, row-major.
struct FactorTables {
    int32_t users = 0, items = 0;
    std::vector<float> user, item;
};
void writeFactors(std::ostream& out, int32_t users, int32_t items, const std::vector<float>& user,
                  const std::vector<float>& item);
// Reads what writeFactors wrote and checks both shapes against factors; errors name the model.
util::Result<FactorTables> readFactors(std::istream& in, const std::string& model, int32_t factors);

// Writes magic, version, name and params.
void writeHeader(std::ostream& out, const std::string& model, const std::string& paramsJson);
// Reads and checks the header; returns the params JSON text or an error naming what is wrong.
util::Result<std::string> readHeader(std::istream& in, const std::string& model);

}  // namespace rs::models::io
