// The deterministic generator of the property tests: a 64-bit linear congruential generator (Knuth's
// constants), its high bits. next() gives the next number; a seed per test keeps failures reproducible.
#pragma once

#include <cstddef>
#include <cstdint>

namespace xxgk {

class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  size_t operator()() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state_ >> 33);
  }

 private:
  uint64_t state_;
};

}  // namespace xxgk
