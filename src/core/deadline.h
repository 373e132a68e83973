// A work budget in time: a deadline on the monotonic clock, checked by the loops whose work grows with the
// input (lines, elements, pages, table rows). A default Deadline never expires. Reading a clock is the only
// outside state it touches; the budget is set by the caller (the CLI's and the server's --max-seconds).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xxgk {

class Deadline {
 public:
  Deadline() = default;  // no limit

  // A deadline `seconds` from now; seconds <= 0 means no limit.
  static Deadline After(double seconds) {
    Deadline d;
    if (seconds > 0) {
      d.limited_ = true;
      d.seconds_ = seconds;
      d.at_ = std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
    }
    return d;
  }

  bool limited() const { return limited_; }
  double seconds() const { return seconds_; }

  // True once the deadline has passed. About 20 ns; loops call it every few thousand steps (Tick).
  bool Expired() const { return limited_ && std::chrono::steady_clock::now() >= at_; }

  // For hot loops: looks at the clock on every 4096th call only.
  bool Tick(uint32_t* counter) const {
    if (!limited_ || ((++*counter) & 4095u) != 0) return false;
    return Expired();
  }

 private:
  bool limited_ = false;
  double seconds_ = 0;
  std::chrono::steady_clock::time_point at_{};
};

// The error of a document that ran out of time; `where` says what was being done ("读取 PDF 第 37 页时").
inline tl::unexpected<Error> TimeLimitError(const Deadline& d, std::string_view where) {
  std::string secs = std::to_string(static_cast<long long>(d.seconds()));
  if (d.seconds() < 1) secs = std::to_string(d.seconds()).substr(0, 4);
  return MakeError(ErrorCode::kTimeLimit,
                   "处理时间超过上限（每份文件 " + secs + " 秒），已在" + std::string(where) + "停止",
                   "年度报告通常在 1 秒内处理完；如确需处理，请调高时间上限（命令行与网页服务的 --max-seconds）");
}

}  // namespace xxgk
