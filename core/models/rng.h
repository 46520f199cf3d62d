#pragma once
// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified generator. Used instead of
// <random> distributions because those are implementation-defined, and models promise the same
// numbers for the same seed on every platform. mix() derives independent streams from
// (seed, epoch, index) so parallel code draws the same numbers whatever the thread count.
#include <cstdint>

namespace rs::models {

inline uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct SplitMix64 {
    uint64_t state;
    explicit SplitMix64(uint64_t seed) : state(seed) {}
    uint64_t next() { return mix64(state += 0x9e3779b97f4a7c15ULL); }
    // Uniform in [0, 1) with 24 random bits (exact in float).
    float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
    // Uniform integer in [0, n), n > 0 (multiply-shift, negligible bias for n << 2^32).
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
};

inline uint64_t streamSeed(uint64_t seed, uint64_t a, uint64_t b = 0) {
    return mix64(seed ^ mix64(a + 0x632be59bd9b4e019ULL) ^ mix64(b * 0x9e3779b97f4a7c15ULL + 1));
}

}  // namespace rs::models
