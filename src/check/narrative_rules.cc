// C11, C12: the 信息处理费 statement of section 六 against table 3; C13: numbers stated in section 一
// (applications received, handled, carried forward; 行政许可/行政处罚 decisions; review and litigation
// cases) against the tables.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "core/find.h"
#include "core/normalize.h"
#include "report/claims.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

struct TableClaim {
  std::string what;       // Chinese description for the message
  double stated;
  std::vector<int> cells;  // table cells whose sum should equal stated (alternatives in alt)
  std::vector<int> alt;    // an accepted alternative sum (e.g. new + carried over)
  std::string where = {};  // the cells in words, when naming each would be too long
};

double SumCells(const Report& r, const std::vector<int>& cells) {
  double s = 0;
  for (int c : cells) s += r.cells[c].value;
  return s;
}

bool AllValues(const Report& r, const std::vector<int>& cells) {
  for (int c : cells) if (!r.HasValue(c)) return false;
  return !cells.empty();
}

}  // namespace

void CheckNarrative(Report* report) {
  const FormatSpec* f = report->format;
  if (!f || !f->has_tables || report->cells.empty()) return;
  const SectionFound* s1 = report->FindSection(ids::section::s1_overview);
  if (!s1) return;

  auto cell = [&](ClaimKind kind) { return f->CellIndex(*ClaimCell(kind)); };
  const int new_total = cell(ClaimKind::kRequestsReceived);
  const int carried_total = f->CellIndex(ids::cell::t3_carried_over_total);
  const int results_total = cell(ClaimKind::kRequestsDone);
  const int forward_total = cell(ClaimKind::kCarriedForward);
  const int license = cell(ClaimKind::kLicenseDecisions);
  const int penalty = cell(ClaimKind::kPenaltyDecisions);
  const int review = cell(ClaimKind::kReviewCases);
  const int lit_direct = f->CellIndex(ids::cell::t4_lit_direct_total);
  const int lit_after = f->CellIndex(ids::cell::t4_lit_after_review_total);

  std::vector<TableClaim> claims;
  for (const Claim& c : report->narrative_claims) {
    if (!c.strict) continue;
    switch (c.kind) {
      case ClaimKind::kRequestsReceived:
        claims.push_back({"收到政府信息公开申请", c.value, {new_total}, {new_total, carried_total}});
        break;
      case ClaimKind::kRequestsDone: claims.push_back({"办结申请", c.value, {results_total}, {}}); break;
      case ClaimKind::kCarriedForward: claims.push_back({"结转下年度继续办理", c.value, {forward_total}, {}}); break;
      case ClaimKind::kLicenseDecisions: claims.push_back({"行政许可信息（处理决定）", c.value, {license}, {}}); break;
      case ClaimKind::kPenaltyDecisions: claims.push_back({"行政处罚信息（处理决定）", c.value, {penalty}, {}}); break;
      case ClaimKind::kReviewCases: claims.push_back({"政府信息公开行政复议案件", c.value, {review}, {}}); break;
      case ClaimKind::kLitigationCases:
        claims.push_back({"政府信息公开行政诉讼案件", c.value, {lit_direct, lit_after}, {}});
        break;
      case ClaimKind::kDenied: {
        std::vector<int> denied;
        for (size_t r = 0; r < f->t3_rows.size(); ++r) {
          if (f->t3_rows[r].key.rfind("denied_", 0) == 0) denied.push_back(f->T3Cell(static_cast<int>(r), f->T3ColIndex(ids::t3_col::total)));
        }
        claims.push_back({"不予公开", c.value, denied, {}, "表三“（三）不予公开”各项的总计"});
        break;
      }
      default: break;
    }
  }
  for (const TableClaim& cl : claims) {
    std::vector<int> cells;
    for (int c : cl.cells) if (c >= 0) cells.push_back(c);
    if (cells.size() != cl.cells.size() || !AllValues(*report, cells)) continue;
    double table = SumCells(*report, cells);
    if (std::fabs(table - cl.stated) < 1e-9) continue;
    if (!cl.alt.empty() && AllValues(*report, cl.alt) && std::fabs(SumCells(*report, cl.alt) - cl.stated) < 1e-9) continue;
    Finding fd = MakeFinding(Rule::kC13);
    std::string where;
    for (int c : cells) {
      fd.cells.push_back(f->cells[c].id);
      if (!cl.where.empty()) continue;
      if (!where.empty()) where += "与";
      where += f->cells[c].label;
    }
    if (!cl.where.empty()) where = cl.where;
    fd.message = "第一部分“总体情况”称" + cl.what + FormatNumber(cl.stated) + "件，但" + where + (cells.size() > 1 ? "合计为" : "为") +
                 FormatNumber(table) + "，文字与表格不一致。";
    fd.expected = table;
    fd.actual = cl.stated;
    fd.at = s1->at;
    report->findings.push_back(std::move(fd));
  }
}

void CheckFees(Report* report) {
  const FormatSpec* f = report->format;
  // The rule belongs to the formats with a row for unpaid fees (表三“申请人逾期未按收费通知要求缴纳费用”).
  const int fee_cell = f ? f->CellIndex(ids::cell::t3_other_fee_unpaid_total) : -1;
  if (fee_cell < 0) return;
  if (report->year && *report->year < f->year_from) return;
  const SectionFound* s6 = report->FindSection(ids::section::s6_other);
  std::string norm = s6 ? Normalize(s6->text) : std::string();
  bool statement = ContainsAny(norm, {"信息处理费", "收费通知", "处理费", "收取费用", "收费"});
  bool says_none = statement && ContainsAny(norm, {"未收取", "没有收取", "不收取", "未发出收费通知", "没有发出收费通知", "均为0", "无收取",
                                               "未产生", "未向申请人收取", "零"});
  double fee_unpaid = fee_cell >= 0 && report->HasValue(fee_cell) ? report->cells[fee_cell].value : 0;
  if (fee_unpaid > 0 && (!statement || says_none)) {
    Finding fd = MakeFinding(Rule::kC11);
    fd.cells.push_back(f->cells[fee_cell].id);
    fd.message = "表三“申请人逾期未按收费通知要求缴纳费用”总计为" + FormatNumber(fee_unpaid) + "件，说明本年度发出过收费通知，但第六部分" +
                 (statement ? "称未收取信息处理费或未发出收费通知" : "没有报告信息处理费收取情况") + "，两者矛盾。";
    fd.at = s6 ? s6->at : report->cells[fee_cell].at;
    report->findings.push_back(std::move(fd));
    return;
  }
  if (s6 && !statement) {
    Finding fd = MakeFinding(Rule::kC12);
    fd.message = "第六部分“其他需要报告的事项”没有说明信息处理费的收取情况。按年报格式，收取信息处理费的情况在此报告；未收取的也应写明“未收取信息处理费”。";
    fd.at = s6->at;
    report->findings.push_back(std::move(fd));
  }
}

}  // namespace xxgk
