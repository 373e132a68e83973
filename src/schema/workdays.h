// Working days as the official calendar sets them: weekdays, less the public holidays, plus the weekend days
// made working days (调休), year by year as each 国务院办公厅 notice announced them. The data is the npm package
// chinese-days (MIT), pinned in web/package-lock.json and compiled in; a year it does not cover is refused,
// never guessed. For the statutory reply deadlines of 依申请公开 (条例第三十三条: 20 working days).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace xxgk {

struct CalendarYears {
  int first = 0, last = 0;  // the years the calendar covers, inclusive
};
CalendarYears CoveredYears();

// Whether an ISO date ("2025-10-08") is a working day. Errors: kInvalidArgument for a malformed date or a
// year the calendar does not cover (the message names the years it does).
Result<bool> IsWorkingDay(std::string_view iso);

// The date `n` working days after `start` (start itself not counted: 期间开始之日不计算在内), n ≥ 1.
// Errors as IsWorkingDay, for any date the count passes through.
Result<std::string> AddWorkingDays(std::string_view start, int n);

// The working days after `from` up to and including `to` (0 when `to` is not after `from`).
Result<int> WorkingDaysBetween(std::string_view from, std::string_view to);

// Days since 1970-01-01 of an ISO date (kInvalidArgument for a malformed one), and back: plain calendar
// arithmetic, for any year (the calendar's coverage matters only for working days).
Result<long> DayNumber(std::string_view iso);
std::string IsoOfDay(long day);

// The holiday's name of a date ("国庆节"), or "" for an ordinary day; the name of the holiday a 调休 working
// day makes up for, prefixed "调休上班：".
std::string DayNote(std::string_view iso);

}  // namespace xxgk
