#include "ledger/tables.h"

#include <cmath>

#include "core/numbers.h"
#include "schema/ids.h"

namespace xxgk::ledger {
namespace {

void SetValue(Report* r, int idx, double v) {
  if (idx < 0) return;
  CellValue& c = r->cells[idx];
  c.state = CellState::kValue;
  c.value = v;
  c.integral = std::floor(v) == v;
}

// Counts application number `who` (an index into t->serials) in a cell.
void Count(LedgerTables* t, int idx, uint32_t who) {
  if (idx < 0) return;
  CellValue& c = t->report.cells[idx];
  c.state = CellState::kValue;
  c.value += 1;
  t->members[idx].push_back(who);
}

// The index of an application among those counted (added at its first count).
uint32_t Member(LedgerTables* t, const Application& a, int64_t* slot) {
  if (*slot < 0) {
    *slot = static_cast<int64_t>(t->serials.size());
    t->serials.push_back(a.serial);
  }
  return static_cast<uint32_t>(*slot);
}

// Table 3: every cell computed, or all of them left empty with the reason (an application that cannot be
// placed would make any total wrong).
void Table3(const std::vector<Application>& apps, int year, LedgerTables* t) {
  const FormatSpec& f = *t->report.format;
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  const int total_col = f.T3ColIndex(ids::t3_col::total);
  const int r_new = f.T3RowIndex(ids::t3_row::new_received), r_over = f.T3RowIndex(ids::t3_row::carried_over),
            r_total = f.T3RowIndex(ids::t3_row::results_total), r_forward = f.T3RowIndex(ids::t3_row::carried_forward);
  std::vector<int> kind_col(kApplicantKinds);
  for (int k = 0; k < kApplicantKinds; ++k) kind_col[k] = f.T3ColIndex(ApplicantKey(k));
  std::vector<std::string> problems;
  for (int r = 0; r < static_cast<int>(f.t3_rows.size()); ++r) {
    for (int c = 0; c < static_cast<int>(f.t3_cols.size()); ++c) SetValue(&t->report, f.T3Cell(r, c), 0);
  }
  int64_t slot = -1;
  auto count_row = [&](int row, const Application& a) {
    const uint32_t who = Member(t, a, &slot);
    Count(t, f.T3Cell(row, kind_col[a.kind]), who);
    Count(t, f.T3Cell(row, total_col), who);
  };
  for (const Application& a : apps) {
    slot = -1;
    const std::string& receipt = a.ReceiptDate();
    if (receipt.empty() || receipt > last) continue;
    const bool concluded_before = !a.replied.empty() && a.replied < first;
    const bool concluded_in = !a.replied.empty() && a.replied >= first && a.replied <= last;
    if (concluded_before) continue;
    if (a.kind < 0 || a.kind >= kApplicantKinds) {
      problems.push_back("申请 " + a.serial + " 没有申请人类型");
      continue;
    }
    count_row(receipt >= first ? r_new : r_over, a);
    if (!concluded_in) {
      count_row(r_forward, a);
      continue;
    }
    const RowDef* row = a.outcome.empty() ? nullptr : OutcomeRowIn(f, a.outcome);
    if (!row) {
      problems.push_back("申请 " + a.serial + (a.outcome.empty() ? " 已答复但没有办理结果"
                                                                 : " 的办理结果“" + OutcomeChinese(a.outcome) + "”不是" +
                                                                       f.name + "表三的一行，请按该格式细分"));
      continue;
    }
    count_row(f.T3RowIndex(row->key), a);
    count_row(r_total, a);
  }
  if (!problems.empty()) {
    for (int i = f.table_begin[1]; i < f.table_end[1]; ++i) t->report.cells[i] = CellValue{};
    for (int i = f.table_begin[1]; i < f.table_end[1]; ++i) t->members[i].clear();
    t->problems.push_back("表三未计算：" + std::to_string(problems.size()) + " 件申请无法计入（" + problems.front() +
                          (problems.size() > 1 ? " 等" : "") + "）");
    for (auto& p : problems) t->problems.push_back(std::move(p));
  }
}

void Table4(const std::vector<Application>& apps, int year, LedgerTables* t) {
  const FormatSpec& f = *t->report.format;
  for (int i = f.table_begin[2]; i < f.table_end[2]; ++i) SetValue(&t->report, i, 0);
  int64_t slot = -1;
  auto count = [&](std::string_view block, const CaseRecord& c, const Application& a) {
    if (!c.present() || c.filed_year > year || (c.ended_year != 0 && c.ended_year < year)) return;
    const CaseOutcome o = c.ended_year == year ? c.outcome : CaseOutcome::kPending;
    const uint32_t who = Member(t, a, &slot);
    Count(t, f.CellIndex(T4CellId(block, CaseOutcomeKey(o))), who);
    Count(t, f.CellIndex(T4CellId(block, ids::t4_col::total)), who);
  };
  for (const Application& a : apps) {
    slot = -1;
    count(ids::t4_block::review, a.review, a);
    count(a.review.present() ? ids::t4_block::lit_after_review : ids::t4_block::lit_direct, a.litigation, a);
  }
}

void Table2(const std::vector<Regulation>& regs, const AnnualCounts& counts, int year, LedgerTables* t) {
  const FormatSpec& f = *t->report.format;
  auto cell = [&](std::string_view block, std::string_view row, std::string_view col) {
    return f.CellIndex(T2CellId(block, row, col));
  };
  const int issued = cell(ids::t2_block::art20_1, ids::t2_row::rules, ids::t2_col::issued);
  if (issued < 0) {
    t->problems.push_back("表二：" + f.name + "的表二（本年新制作、新公开数量等）不由台账计算，请手工填写");
    return;
  }
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  for (bool rule : {true, false}) {
    const std::string_view row = rule ? ids::t2_row::rules.value : ids::t2_row::normative_docs.value;
    double made = 0, gone = 0, live = 0;
    for (const Regulation& r : regs) {
      if (r.rule != rule || r.issued.empty()) continue;
      made += r.issued >= first && r.issued <= last;
      gone += !r.repealed.empty() && r.repealed >= first && r.repealed <= last;
      live += r.issued <= last && (r.repealed.empty() || r.repealed > last);
    }
    SetValue(&t->report, cell(ids::t2_block::art20_1, row, ids::t2_col::issued), made);
    SetValue(&t->report, cell(ids::t2_block::art20_1, row, ids::t2_col::repealed), gone);
    SetValue(&t->report, cell(ids::t2_block::art20_1, row, ids::t2_col::in_force), live);
  }
  auto put = [&](const std::optional<double>& v, int idx, const char* what) {
    if (v) SetValue(&t->report, idx, *v);
    else t->problems.push_back(std::string("表二：") + std::to_string(year) + " 年的" + what + "尚未填写，该单元格留空");
  };
  put(counts.licenses, cell(ids::t2_block::art20_5, ids::t2_row::admin_license, ids::t2_col::decisions), "行政许可处理决定数");
  put(counts.penalties, cell(ids::t2_block::art20_6, ids::t2_row::admin_penalty, ids::t2_col::decisions), "行政处罚处理决定数");
  put(counts.coercions, cell(ids::t2_block::art20_6, ids::t2_row::admin_coercion, ids::t2_col::decisions), "行政强制处理决定数");
  put(counts.fees_wan, cell(ids::t2_block::art20_8, ids::t2_row::admin_fees, ids::t2_col::fee_amount), "行政事业性收费金额");
}

}  // namespace

Result<LedgerTables> ComputeTables(const std::vector<Application>& apps, const std::vector<Regulation>& regulations,
                                   const AnnualCounts& counts, int year) {
  const FormatSpec* f = FormatForYear(year);
  if (!f || !f->has_tables) {
    return MakeError(ErrorCode::kInvalidArgument, std::to_string(year) + " 年度没有全国统一的报告表格（2019 年起才有）");
  }
  LedgerTables t;
  t.report.format = f;
  t.report.format_id = f->id;
  t.report.year = year;
  t.report.cells.assign(f->cells.size(), CellValue{});
  t.members.resize(f->cells.size());
  Table3(apps, year, &t);
  Table4(apps, year, &t);
  Table2(regulations, counts, year, &t);
  // Every table is there, as the register computes it (a cell it could not compute stays empty, with a problem).
  for (TableExtraction& e : t.report.tables) {
    e.present = true;
    e.method = "register";
  }
  const std::string year_text = std::to_string(year);
  for (const Application& a : apps) {
    if (a.replied.size() >= 4 && a.replied.compare(0, 4, year_text) == 0) t.fees_charged_yuan += a.fee_yuan;
  }
  return t;
}

std::vector<std::string> LedgerTables::MembersOf(int cell) const {
  std::vector<std::string> out;
  if (cell < 0 || static_cast<size_t>(cell) >= members.size()) return out;
  out.reserve(members[cell].size());
  for (uint32_t i : members[cell]) out.push_back(serials[i]);
  return out;
}

Result<std::vector<CellDisagreement>> CrossCheck(const LedgerTables& ledger, const Report& published) {
  const FormatSpec* f = ledger.report.format;
  if (!published.format || published.format != f) {
    return MakeError(ErrorCode::kInvalidArgument, "报告的格式（" + published.format_id + "）与台账年度的格式（" + f->id + "）不同，无法逐格比对");
  }
  if (published.year != ledger.report.year) {
    return MakeError(ErrorCode::kInvalidArgument, "报告的年度与台账的年度不同");
  }
  std::vector<CellDisagreement> out;
  for (int i = f->table_begin[1]; i < f->table_end[2]; ++i) {
    const CellValue& mine = ledger.report.cells[i];
    if (mine.state != CellState::kValue) continue;
    const CellValue& theirs = published.cells[i];
    const bool same = theirs.state == CellState::kValue && std::fabs(theirs.value - mine.value) < 0.5;
    if (same) continue;
    CellDisagreement d;
    d.cell = i;
    d.label = f->cells[i].label;
    d.ledger = mine.value;
    if (theirs.state == CellState::kValue) d.published = theirs.value;
    d.serials = ledger.MembersOf(i);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace xxgk::ledger
