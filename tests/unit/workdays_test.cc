// Working days from the official calendar (schema/workdays.h, the npm package chinese-days compiled in).
// The holidays and 调休 working days below were checked against the 国务院办公厅 notices:
//   2024: 国办发明电〔2023〕7号 — 春节 2月10日至17日放假调休，2月4日（周日）、2月18日（周日）上班；
//         国庆节 10月1日至7日放假调休，9月29日（周日）、10月12日（周六）上班。
//   2025: 国办发明电〔2024〕12号 — 春节 1月28日至2月4日放假调休，1月26日（周日）、2月8日（周六）上班；
//         国庆节、中秋节 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班。
//   2026: 国办发明电〔2025〕7号 — 春节 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班。
#include "schema/workdays.h"

#include <gtest/gtest.h>

namespace xxgk {
namespace {

bool Working(const char* iso) {
  auto w = IsWorkingDay(iso);
  EXPECT_TRUE(w) << iso << ": " << (w ? "" : w.error().message);
  return w && *w;
}

TEST(Workdays, HolidaysAndMakeUpDaysFollowTheNotices) {
  // 2024 春节 and 国庆.
  for (const char* d : {"2024-02-10", "2024-02-12", "2024-02-17", "2024-10-01", "2024-10-07"}) EXPECT_FALSE(Working(d)) << d;
  for (const char* d : {"2024-02-04", "2024-02-18", "2024-09-29", "2024-10-12", "2024-10-08"}) EXPECT_TRUE(Working(d)) << d;
  // 2025 春节 and 国庆·中秋.
  for (const char* d : {"2025-01-28", "2025-02-04", "2025-10-01", "2025-10-06", "2025-10-08"}) EXPECT_FALSE(Working(d)) << d;
  for (const char* d : {"2025-01-26", "2025-02-08", "2025-09-28", "2025-10-11", "2025-10-09"}) EXPECT_TRUE(Working(d)) << d;
  // 2026 春节.
  for (const char* d : {"2026-02-15", "2026-02-19", "2026-02-23"}) EXPECT_FALSE(Working(d)) << d;
  for (const char* d : {"2026-02-14", "2026-02-28", "2026-02-24"}) EXPECT_TRUE(Working(d)) << d;
  // Ordinary weekends and weekdays.
  EXPECT_FALSE(Working("2025-03-08"));  // a Saturday
  EXPECT_TRUE(Working("2025-03-10"));   // a Monday
  EXPECT_EQ(DayNote("2025-10-06"), "中秋");
  EXPECT_EQ(DayNote("2025-09-28"), "调休上班：国庆节");
  EXPECT_EQ(DayNote("2025-03-10"), "");
}

// Worked examples of 条例第三十三条's 20 working days (the day of receipt not counted).
TEST(Workdays, TwentyWorkingDaysAcrossTheLongHolidays) {
  // Received Friday 2025-09-26: Sun 9-28 (调休) is day 1, 9-29 and 9-30 days 2–3, 10-1 to 10-8 off, 10-9 and
  // 10-10 days 4–5, Sat 10-11 (调休) day 6, then weekdays: day 20 is Thursday 10-30.
  EXPECT_EQ(*AddWorkingDays("2025-09-26", 20), "2025-10-30");
  // Received Monday 2025-01-20: 1-21…1-24 days 1–4, Sun 1-26 (调休) day 5, 1-27 day 6, 1-28 to 2-4 off,
  // 2-5…2-7 days 7–9, Sat 2-8 (调休) day 10, then weekdays: day 20 is Friday 2-21.
  EXPECT_EQ(*AddWorkingDays("2025-01-20", 20), "2025-02-21");
  // And 20 more with approval (延期): 40 working days in all.
  EXPECT_EQ(*AddWorkingDays("2025-01-20", 40), *AddWorkingDays("2025-02-21", 20));
  EXPECT_EQ(*WorkingDaysBetween("2025-09-26", "2025-10-30"), 20);
  EXPECT_EQ(*WorkingDaysBetween("2025-10-30", "2025-09-26"), 0);
  // Across a year's end.
  EXPECT_EQ(*AddWorkingDays("2024-12-30", 1), "2024-12-31");
  EXPECT_EQ(*AddWorkingDays("2024-12-31", 1), "2025-01-02");  // 元旦 2025-01-01
}

TEST(Workdays, AYearTheCalendarDoesNotCoverIsRefusedNotGuessed) {
  const CalendarYears years = CoveredYears();
  EXPECT_EQ(years.first, 2004);
  EXPECT_GE(years.last, 2026);
  const std::string after = std::to_string(years.last + 1) + "-03-02";
  auto w = IsWorkingDay(after);
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("不在内置日历中"), std::string::npos) << w.error().message;
  auto crossing = AddWorkingDays(std::to_string(years.last) + "-12-20", 20);
  EXPECT_FALSE(crossing);  // the count would run into the uncovered year
  EXPECT_FALSE(IsWorkingDay("2003-05-06"));
  EXPECT_FALSE(IsWorkingDay("2025-02-30"));
  EXPECT_FALSE(IsWorkingDay("2025/10/08"));
  EXPECT_FALSE(AddWorkingDays("2025-01-20", 0));
}

}  // namespace
}  // namespace xxgk
