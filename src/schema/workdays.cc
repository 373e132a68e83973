#include "schema/workdays.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unordered_map>
#include <vector>

namespace xxgk {
extern const char* const kEmbeddedCalendarJson[];
extern const int kEmbeddedCalendarCount;

namespace {

struct Calendar {
  std::unordered_map<std::string, std::string> holidays;  // date → the holiday's Chinese name
  std::unordered_map<std::string, std::string> workdays;  // a weekend date made a working day → the holiday
  CalendarYears years{9999, 0};
  long first_day = 0;              // day number of years.first-01-01
  std::vector<uint8_t> working;    // each day of the covered years from first_day: 1 for a working day
};

// "National Day,国庆节,3" → "国庆节".
std::string ChineseName(const std::string& entry) {
  const size_t a = entry.find(','), b = entry.find(',', a + 1);
  return a == std::string::npos ? entry : entry.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

struct Ymd {
  int y = 0, m = 0, d = 0;
};

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
long DaysFrom(Ymd x) {
  const int y = x.y - (x.m <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (x.m + (x.m > 2 ? -3 : 9)) + 2) / 5 + x.d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Ymd FromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  Ymd r;
  r.d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  r.m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  r.y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (r.m <= 2);
  return r;
}

std::string Iso(Ymd x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", x.y, x.m, x.d);
  return buf;
}

const Calendar& TheCalendar() {
  static const Calendar c = [] {
    Calendar out;
    if (kEmbeddedCalendarCount < 1) return out;
    const nlohmann::json j = nlohmann::json::parse(kEmbeddedCalendarJson[0]);
    for (const auto& [date, v] : j.at("holidays").items()) {
      out.holidays[date] = ChineseName(v.get<std::string>());
      const int y = std::stoi(date.substr(0, 4));
      out.years.first = std::min(out.years.first, y);
      out.years.last = std::max(out.years.last, y);
    }
    for (const auto& [date, v] : j.at("workdays").items()) out.workdays[date] = ChineseName(v.get<std::string>());
    // Every covered day decided once, so that counting working days builds no strings.
    if (out.years.first <= out.years.last) {
      out.first_day = DaysFrom({out.years.first, 1, 1});
      const long end = DaysFrom({out.years.last + 1, 1, 1});
      out.working.resize(static_cast<size_t>(end - out.first_day));
      for (long d = out.first_day; d < end; ++d) {
        const std::string iso = Iso(FromDays(d));
        const long weekday = (d + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
        const bool w = out.holidays.count(iso) ? false : out.workdays.count(iso) ? true : weekday != 0 && weekday != 6;
        out.working[static_cast<size_t>(d - out.first_day)] = w;
      }
    }
    return out;
  }();
  return c;
}


Result<long> Parse(std::string_view iso) {
  Ymd x;
  char tail = 0;
  const std::string s(iso);
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &x.y, &x.m, &x.d, &tail) != 3 || x.m < 1 || x.m > 12 || x.d < 1 ||
      x.d > 31 || Iso(FromDays(DaysFrom(x))) != s) {
    return MakeError(ErrorCode::kInvalidArgument, "“" + s + "”不是有效的日期（应写成 2025-10-08）");
  }
  return DaysFrom(x);
}

Result<bool> Working(long day) {
  const Ymd x = FromDays(day);
  const Calendar& c = TheCalendar();
  if (x.y < c.years.first || x.y > c.years.last) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::to_string(x.y) + " 年的节假日安排不在内置日历中（日历覆盖 " + std::to_string(c.years.first) + "–" +
                         std::to_string(c.years.last) + " 年），无法计算工作日",
                     "请升级 xxgk（日历随 chinese-days 数据包更新）");
  }
  return c.working[static_cast<size_t>(day - c.first_day)] != 0;
}

}  // namespace

CalendarYears CoveredYears() { return TheCalendar().years; }

Result<long> DayNumber(std::string_view iso) { return Parse(iso); }
std::string IsoOfDay(long day) { return Iso(FromDays(day)); }

Result<bool> IsWorkingDay(std::string_view iso) {
  auto day = Parse(iso);
  if (!day) return tl::unexpected(day.error());
  return Working(*day);
}

Result<std::string> AddWorkingDays(std::string_view start, int n) {
  auto day = Parse(start);
  if (!day) return tl::unexpected(day.error());
  if (n < 1 || n > 400) return MakeError(ErrorCode::kInvalidArgument, "工作日数应为 1 到 400");
  long d = *day;
  for (int counted = 0; counted < n;) {
    ++d;
    auto w = Working(d);
    if (!w) return tl::unexpected(w.error());
    counted += *w;
  }
  return Iso(FromDays(d));
}

Result<int> WorkingDaysBetween(std::string_view from, std::string_view to) {
  auto a = Parse(from);
  if (!a) return tl::unexpected(a.error());
  auto b = Parse(to);
  if (!b) return tl::unexpected(b.error());
  if (*b - *a > 3660) return MakeError(ErrorCode::kInvalidArgument, "两个日期相隔过远");
  int n = 0;
  for (long d = *a + 1; d <= *b; ++d) {
    auto w = Working(d);
    if (!w) return tl::unexpected(w.error());
    n += *w;
  }
  return n;
}

std::string DayNote(std::string_view iso) {
  const Calendar& c = TheCalendar();
  const std::string s(iso);
  if (auto it = c.holidays.find(s); it != c.holidays.end()) return it->second;
  if (auto it = c.workdays.find(s); it != c.workdays.end()) return "调休上班：" + it->second;
  return "";
}

}  // namespace xxgk
