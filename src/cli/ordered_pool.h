// Work over many inputs on several threads, with the results handed back in input order: `xxgk parse`,
// `check` and `dump` over a directory use every core and still print exactly what one thread would. At most
// 2 × jobs results are in flight (being computed or waiting for an earlier one to be printed), plus the one
// being printed, so memory stays bounded whatever the number of inputs.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace xxgk::cli {

// The number of worker threads for `-j N`: N when given (≥ 1), else every core.
inline unsigned JobsOrCores(unsigned jobs) {
  if (jobs > 0) return jobs;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores ? cores : 1;
}

// Runs work(i) for every i in [0, n) on `jobs` threads and emit(i, result) on the calling thread in the order
// of i. With one job, or one input, everything runs on the calling thread.
template <class R>
void RunOrdered(size_t n, unsigned jobs, const std::function<R(size_t)>& work, const std::function<void(size_t, R&&)>& emit) {
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, n));
  if (jobs <= 1) {
    for (size_t i = 0; i < n; ++i) emit(i, work(i));
    return;
  }
  const size_t window = 2 * static_cast<size_t>(jobs);
  std::vector<std::optional<R>> slots(window);
  std::mutex mu;
  std::condition_variable changed;
  size_t next = 0, emitted = 0;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        changed.wait(lock, [&] { return next >= n || next < emitted + window; });
        if (next >= n) return;
        i = next++;
      }
      R r = work(i);
      {
        std::lock_guard<std::mutex> lock(mu);
        slots[i % window].emplace(std::move(r));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (size_t i = 0; i < n; ++i) {
    R r;
    {
      std::unique_lock<std::mutex> lock(mu);
      changed.wait(lock, [&] { return slots[i % window].has_value(); });
      r = std::move(*slots[i % window]);
      slots[i % window].reset();
      ++emitted;
    }
    changed.notify_all();
    emit(i, std::move(r));
  }
  for (auto& t : threads) t.join();
}

}  // namespace xxgk::cli
