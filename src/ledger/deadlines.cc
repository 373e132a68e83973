#include "ledger/deadlines.h"

#include <algorithm>

#include "schema/workdays.h"

namespace xxgk::ledger {
namespace {

Result<std::string> Named(const Application& a, Result<std::string> r) {
  if (!r) return MakeError(ErrorCode::kInvalidArgument, ApplicationRef(a) + "：" + r.error().message);
  return r;
}

// Working days from `from` to `to`, both counted.
Result<int> WorkingDaysInclusive(const std::string& from, const std::string& to) {
  if (to < from) return 0;
  auto between = WorkingDaysBetween(from, to);
  if (!between) return between;
  auto first = IsWorkingDay(from);
  if (!first) return tl::unexpected(first.error());
  return *between + (*first ? 1 : 0);
}

void Add(DueList* out, Rule rule, const Application& a, std::string message) {
  out->findings.push_back({rule, InfoOf(rule).severity, a.serial, a.source_row, std::move(message)});
}

}  // namespace

const char* DueStateKey(DueState s) {
  switch (s) {
    case DueState::kRepliedOnTime: return "replied";
    case DueState::kRepliedLate: return "replied_late";
    case DueState::kOpen: return "open";
    case DueState::kDueSoon: return "due_soon";
    case DueState::kOverdue: return "overdue";
    case DueState::kAwaitingCorrection: return "awaiting_correction";
  }
  return "";
}

const char* DueStateChinese(DueState s) {
  switch (s) {
    case DueState::kRepliedOnTime: return "按期答复";
    case DueState::kRepliedLate: return "逾期答复";
    case DueState::kOpen: return "办理中";
    case DueState::kDueSoon: return "临期";
    case DueState::kOverdue: return "已逾期";
    case DueState::kAwaitingCorrection: return "等待补正";
  }
  return "";
}

Result<Deadline> ReplyDeadline(const Application& a, const std::string& today) {
  Deadline d;
  if (a.ReceiptDate().empty()) return MakeError(ErrorCode::kInvalidArgument, ApplicationRef(a) + "：没有收到日期");
  d.start = a.ReceiptDate();
  d.basis = std::string(a.received.empty() ? "提交日 " : "收到申请 ") + d.start;
  if (a.received.empty() && a.channel != Channel::kInPerson) d.basis += "（未填收到日期，按提交日从严计算）";
  if (!a.correction_requested.empty()) {
    if (a.correction_received.empty()) {
      d.awaiting_correction = true;
      d.basis += "；" + a.correction_requested + " 告知补正，尚未收到补正，答复期限自收到补正之日起计算（第三十条）";
      return d;
    }
    d.start = a.correction_received;
    d.basis += "；" + a.correction_received + " 收到补正，期限自该日起重新计算（第三十条）";
  }
  if (!a.consult_start.empty()) {
    d.consulting = a.consult_end.empty() && a.replied.empty();
    const std::string end = !a.consult_end.empty() ? a.consult_end : !a.replied.empty() ? a.replied : today;
    auto days = WorkingDaysInclusive(a.consult_start, end);
    if (!days) return MakeError(ErrorCode::kInvalidArgument, ApplicationRef(a) + "：" + days.error().message);
    d.consult_days = *days;
    d.basis += "；征求意见 " + a.consult_start + " 至 " + (d.consulting ? std::string("今（仍在进行）") : end) + "，" +
               std::to_string(d.consult_days) + " 个工作日不计入（第三十二条）";
  }
  auto base = Named(a, AddWorkingDays(d.start, kReplyWorkingDays + d.consult_days));
  if (!base) return tl::unexpected(base.error());
  d.base_due = *base;
  d.due = d.base_due;
  d.basis += "；" + std::to_string(kReplyWorkingDays) + " 个工作日（第三十三条）";
  if (!a.extension_approved.empty()) {
    const int days = std::min(a.extension_days > 0 ? a.extension_days : kMaxExtensionDays, kMaxExtensionDays);
    auto extended = Named(a, AddWorkingDays(d.start, kReplyWorkingDays + d.consult_days + days));
    if (!extended) return tl::unexpected(extended.error());
    d.due = *extended;
    d.basis += "；" + a.extension_approved + " 批准延期 " + std::to_string(days) + " 个工作日";
  }
  if (!a.art35_due.empty()) {
    d.due = a.art35_due;
    d.basis += "；申请数量、频次明显超过合理范围，本机关确定的答复期限为 " + a.art35_due + "（第三十五条）";
  }
  return d;
}

DueList ComputeDueList(const std::vector<Application>& apps, const std::string& today) {
  DueList out;
  out.items.reserve(apps.size());
  for (const Application& a : apps) {
    // Dates out of order (A5): reported, and the deadline still computed from what is there.
    const std::string& receipt = a.ReceiptDate();
    if (!a.replied.empty() && !receipt.empty() && a.replied < receipt) {
      Add(&out, Rule::kA5, a, ApplicationRef(a) + "：答复日期 " + a.replied + " 早于收到申请 " + receipt);
    }
    if (!a.correction_received.empty() && a.correction_received < a.correction_requested) {
      Add(&out, Rule::kA5, a, ApplicationRef(a) + "：收到补正 " + a.correction_received + " 早于告知补正 " + a.correction_requested);
    }
    if (!a.correction_received.empty() && a.correction_requested.empty()) {
      Add(&out, Rule::kA5, a, ApplicationRef(a) + "：有收到补正日期，但没有告知补正日期");
    }
    if (!a.consult_end.empty() && a.consult_end < a.consult_start) {
      Add(&out, Rule::kA5, a, ApplicationRef(a) + "：征求意见结束 " + a.consult_end + " 早于开始 " + a.consult_start);
    }
    if (!a.outcome.empty() && a.replied.empty()) Add(&out, Rule::kA5, a, ApplicationRef(a) + "：填了办理结果，但没有答复日期");
    if (a.outcome.empty() && !a.replied.empty()) Add(&out, Rule::kA5, a, ApplicationRef(a) + "：有答复日期，但没有办理结果");

    auto d = ReplyDeadline(a, today);
    if (!d) {
      out.errors.push_back(d.error().message);
      continue;
    }
    DueItem item{&a, std::move(*d)};
    const Deadline& dl = item.deadline;
    if (!a.extension_approved.empty()) {
      if (a.extension_days > kMaxExtensionDays) {
        Add(&out, Rule::kA2, a,
            ApplicationRef(a) + "：延期 " + std::to_string(a.extension_days) + " 个工作日，超过法定的 20 个工作日；期限按延长 20 个工作日计算");
      }
      if (!dl.awaiting_correction && a.extension_approved > dl.base_due) {
        Add(&out, Rule::kA2, a, ApplicationRef(a) + "：延期于 " + a.extension_approved + " 批准，晚于原答复期限 " + dl.base_due);
      }
    }
    // Working days past the deadline; when they cannot be counted (a day the calendar does not cover) the
    // message says why instead of a number.
    std::string why_uncounted;
    auto late_days = [&](const std::string& until) -> int {
      auto n = WorkingDaysBetween(dl.due, until);
      if (!n) why_uncounted = n.error().message;
      return n ? *n : 0;
    };
    auto late_text = [&](int days) {
      return why_uncounted.empty() ? std::to_string(days) + " 个工作日" : "若干工作日（" + why_uncounted + "）";
    };
    if (dl.awaiting_correction) {
      item.state = a.replied.empty() ? DueState::kAwaitingCorrection : DueState::kRepliedOnTime;
    } else if (!a.replied.empty()) {
      if (a.replied <= dl.due) {
        item.state = DueState::kRepliedOnTime;
      } else {
        item.state = DueState::kRepliedLate;
        item.days_late = late_days(a.replied);
        Add(&out, Rule::kA1, a,
            ApplicationRef(a) + "：答复期限 " + dl.due + "，" + a.replied + " 才答复，逾期 " + late_text(item.days_late) + "（" + dl.basis +
                "）");
      }
    } else if (today > dl.due) {
      item.state = DueState::kOverdue;
      item.days_late = late_days(today);
      item.working_days_left = -item.days_late;
      Add(&out, Rule::kA1, a,
          ApplicationRef(a) + "：答复期限 " + dl.due + "，至 " + today + " 仍未答复，已逾期 " + late_text(item.days_late) + "（" + dl.basis +
              "）");
    } else {
      auto left = WorkingDaysBetween(today, dl.due);
      if (!left) out.errors.push_back(ApplicationRef(a) + "：距答复期限的工作日数无法计算（" + left.error().message + "）");
      item.working_days_left = left ? *left : 0;
      item.state = item.working_days_left <= kDueSoonWorkingDays ? DueState::kDueSoon : DueState::kOpen;
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace xxgk::ledger
