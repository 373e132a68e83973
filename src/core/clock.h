// Wall-clock dates as ISO strings, for records and for deadlines measured against today.
#pragma once

#include <string>

namespace xxgk {

// Today's local date, "2026-11-29".
std::string TodayIso();
// The current UTC time, "2026-11-29T10:16:08Z".
std::string NowIsoUtc();

}  // namespace xxgk
