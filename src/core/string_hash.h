// A hash for the per-thread caches' and the formats' string keys, and a transparent hasher that lets an
// unordered_map keyed by std::string be searched with a string_view (no string built per lookup).
//
// HashBytes mixes 16 bytes per 64×64→128-bit multiply (the folded multiply of wyhash and its kin), where
// std::hash (MurmurHash64A) takes one dependent multiply chain per 8 bytes: the caches' keys are a label or a
// cell's text, 20 to 200 bytes. Every byte of the input reaches the result (tests/unit/string_hash_test.cc
// flips each one). Not for hostile keys: the keys here are a document's own short texts, in tables
// bounded in size, and the caches empty themselves when full.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace xxgk {

namespace hash_detail {

inline uint64_t Fold(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

constexpr uint64_t kP0 = 0xa0761d6478bd642full, kP1 = 0xe7037ed1a0b428dbull, kP2 = 0x8ebc6af09c88c6e3ull;

}  // namespace hash_detail

inline uint64_t HashBytes(std::string_view s) {
  using namespace hash_detail;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = kP0 ^ Fold(n ^ kP1, kP2);
  while (n > 16) {
    h = Fold(Load64(p) ^ kP1, Load64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  // The last 1 to 16 bytes, as two words that may overlap (every byte in at least one of them).
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    a = Load64(p);
    b = Load64(p + n - 8);
  } else if (n >= 4) {
    a = Load32(p);
    b = Load32(p + n - 4);
  } else if (n > 0) {
    a = (uint64_t{static_cast<unsigned char>(p[0])} << 16) | (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
        static_cast<unsigned char>(p[n - 1]);
  }
  return Fold(a ^ kP1 ^ n, Fold(b ^ kP2, h ^ kP0));
}

// For unordered_map<std::string, V, StringHash, std::equal_to<>>: find() takes a string_view (a std::string
// key converts to one).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return static_cast<size_t>(HashBytes(s)); }
};

}  // namespace xxgk
