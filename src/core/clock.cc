#include "core/clock.h"

#include <ctime>

namespace xxgk {
namespace {

std::string Format(bool utc, const char* pattern) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  if (utc) gmtime_r(&t, &tm);
  else localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

}  // namespace

std::string TodayIso() { return Format(false, "%Y-%m-%d"); }
std::string NowIsoUtc() { return Format(true, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace xxgk
