// The worker pool of `parse`, `check` and `dump` over many files (cli/ordered_pool.h): results come back in
// input order whatever order the workers finish in, and no more than the window is ever in flight.
#include "cli/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace xxgk::cli {
namespace {

TEST(OrderedPool, ResultsComeBackInInputOrderWithBoundedWork) {
  constexpr size_t kN = 500;
  constexpr unsigned kJobs = 4;
  std::atomic<int> in_flight{0}, most{0};
  std::vector<size_t> seen;
  RunOrdered<std::string>(
      kN, kJobs,
      [&](size_t i) {
        const int now = ++in_flight;
        for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {}
        // Later inputs often finish first.
        std::this_thread::sleep_for(std::chrono::microseconds((kN - i) % 7 * 50));
        return std::to_string(i);
      },
      [&](size_t i, std::string&& r) {
        --in_flight;
        EXPECT_EQ(r, std::to_string(i));
        seen.push_back(i);
      });
  ASSERT_EQ(seen.size(), kN);
  for (size_t i = 0; i < kN; ++i) ASSERT_EQ(seen[i], i);
  EXPECT_LE(most.load(), static_cast<int>(2 * kJobs) + 1);  // the window, and the one being printed
}

TEST(OrderedPool, OneJobOrOneInputRunsOnTheCallingThread) {
  const auto caller = std::this_thread::get_id();
  int n = 0;
  RunOrdered<int>(3, 1, [&](size_t i) { EXPECT_EQ(std::this_thread::get_id(), caller); return static_cast<int>(i); },
                  [&](size_t i, int&& r) { EXPECT_EQ(static_cast<size_t>(r), i); ++n; });
  RunOrdered<int>(1, 8, [&](size_t) { EXPECT_EQ(std::this_thread::get_id(), caller); return 0; }, [&](size_t, int&&) { ++n; });
  RunOrdered<int>(0, 8, [&](size_t) { ADD_FAILURE(); return 0; }, [&](size_t, int&&) { ADD_FAILURE(); });
  EXPECT_EQ(n, 4);
  EXPECT_GE(JobsOrCores(0), 1u);
  EXPECT_EQ(JobsOrCores(3), 3u);
}

}  // namespace
}  // namespace xxgk::cli
