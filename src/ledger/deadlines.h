// The statutory reply deadline of an application, as 条例 sets it, and where each application stands on a
// given day: 20 working days from receipt (第三十三条), restarted on the receipt of a 补正 (第三十条), with
// third-party consultation not counted (第三十二条), plus an approved 延期 of at most 20 working days, or the
// office's own deadline for a large number of requests (第三十五条). Working days follow the official calendar
// (schema/workdays.h); a year it does not cover is an error, never a guess.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "ledger/application.h"
#include "report/report.h"

namespace xxgk::ledger {

inline constexpr int kReplyWorkingDays = 20;      // 第三十三条第二款
inline constexpr int kMaxExtensionDays = 20;
inline constexpr int kDueSoonWorkingDays = 5;     // shown as 临期

struct Deadline {
  std::string start;        // the day the clock starts from (receipt, or the 补正's receipt)
  std::string base_due;     // 20 working days after start, consultation added
  std::string due;          // the deadline that applies (base_due, extended, or 第三十五条's)
  int consult_days = 0;     // working days of consultation not counted
  bool consulting = false;  // consultation begun and not ended (counted up to the day asked about)
  bool awaiting_correction = false;  // 补正 asked for and not received: the clock has not started
  std::string basis;        // how the deadline was reached, in Chinese, for the officer
};

// The deadline of an application as of `today` (an ongoing consultation counts up to today). Errors:
// kInvalidArgument naming the application for a date the calendar does not cover or a malformed date.
Result<Deadline> ReplyDeadline(const Application& a, const std::string& today);

enum class DueState : uint8_t {
  kRepliedOnTime,
  kRepliedLate,
  kOpen,          // due later than kDueSoonWorkingDays working days from today
  kDueSoon,       // due within kDueSoonWorkingDays working days (today included)
  kOverdue,       // open past its deadline
  kAwaitingCorrection,
};
const char* DueStateKey(DueState s);      // "replied", "replied_late", "open", "due_soon", "overdue", "awaiting_correction"
const char* DueStateChinese(DueState s);  // 按期答复, 逾期答复, 办理中, 临期, 已逾期, 等待补正
// Not yet replied: open, due soon, overdue or awaiting a 补正.
inline bool IsOpen(DueState s) { return s != DueState::kRepliedOnTime && s != DueState::kRepliedLate; }

struct DueItem {
  const Application* app = nullptr;
  Deadline deadline;
  DueState state = DueState::kOpen;
  int working_days_left = 0;  // open: working days from today to the deadline (negative when overdue)
  int days_late = 0;          // replied late or overdue: working days past the deadline
};

// A finding about the register: the rule, the application it is about (serial and ledger row) and a message.
struct LedgerFinding {
  Rule rule = Rule::kA1;
  Severity severity = Severity::kError;
  std::string serial;
  size_t row = 0;  // the ledger row, 0 when entered by hand
  std::string message;
};

struct DueList {
  std::vector<DueItem> items;          // every application, in the register's order
  std::vector<LedgerFinding> findings;  // A1 (late or overdue), A2 (延期), A5 (dates out of order)
  std::vector<std::string> errors;      // applications whose deadline could not be computed, and why
};

// Where every application stands on `today` (ISO), with its findings.
DueList ComputeDueList(const std::vector<Application>& apps, const std::string& today);

}  // namespace xxgk::ledger
