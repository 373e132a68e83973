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

namespace xxgk {
namespace {

bool Has(std::string_view s, std::string_view k) { return Contains(s, k); }

bool HasAny(std::string_view s, std::initializer_list<std::string_view> keys) {
  for (auto k : keys) if (Has(s, k)) return true;
  return false;
}

// Splits match-form text into clauses at sentence and clause punctuation.
std::vector<std::string_view> Clauses(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (s[i] == ',' || s[i] == ';' || s[i] == '!' || s[i] == '?') len = 1;
    else if (s.compare(i, 3, "。") == 0) len = 3;
    if (len) {
      if (i > b) out.push_back(s.substr(b, i - b));
      i += len;
      b = i;
    } else {
      ++i;
    }
  }
  if (b < s.size()) out.push_back(s.substr(b));
  return out;
}

struct Count {
  size_t pos;   // offset of the number in the clause
  double value;
};

// Numbers followed by a counting unit (件, 条, 起, 个, 宗) in a clause.
std::vector<Count> Counts(std::string_view c) {
  std::vector<Count> out;
  for (size_t i = 0; i < c.size();) {
    if (c[i] < '0' || c[i] > '9' || (i > 0 && ((c[i - 1] >= '0' && c[i - 1] <= '9') || c[i - 1] == '.'))) {
      ++i;
      continue;
    }
    size_t j = i;
    double v = 0;
    while (j < c.size() && c[j] >= '0' && c[j] <= '9') v = v * 10 + (c[j++] - '0');
    for (std::string_view unit : {"件", "条", "起", "个", "宗"}) {
      if (c.compare(j, unit.size(), unit) == 0) {
        out.push_back({i, v});
        break;
      }
    }
    i = j;
  }
  return out;
}

// The count nearest to the keyword at kp (after it preferred when equally near), at most max_gap bytes
// away, with no enumeration ("、", "等") between the keyword and the number.
std::optional<double> NearestCount(std::string_view c, size_t kp, bool after_only, size_t max_gap = SIZE_MAX) {
  std::optional<double> best;
  size_t best_dist = SIZE_MAX;
  for (const auto& n : Counts(c)) {
    if (after_only && n.pos < kp) continue;
    size_t lo = std::min(n.pos, kp), hi = std::max(n.pos, kp);
    if (hi - lo > max_gap) continue;
    std::string_view between = c.substr(lo, hi - lo);
    if (max_gap != SIZE_MAX && (Has(between, "、") || Has(between, "等"))) continue;
    size_t d = n.pos >= kp ? n.pos - kp : kp - n.pos + 1;
    if (d < best_dist) {
      best_dist = d;
      best = n.value;
    }
  }
  return best;
}

bool SaysNone(std::string_view c, size_t kp) {
  std::string_view before = c.substr(0, kp);
  return HasAny(before, {"未收到", "没有收到", "未接到", "未受理", "未发生", "没有发生", "未出现", "没有", "未被", "无"});
}

struct Claim {
  std::string what;       // Chinese description for the message
  double stated;
  std::vector<int> cells;  // table cells whose sum should equal stated (alternatives in alt)
  std::vector<int> alt;    // an accepted alternative sum (e.g. new + carried over)
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
  const SectionFound* s1 = report->FindSection("s1_overview");
  if (!s1) return;
  std::string norm = Normalize(s1->text);
  auto cell = [&](const char* id) { return f->CellIndex(id); };
  const int new_total = cell("t3.new_received.total");
  const int carried_total = cell("t3.carried_over.total");
  const int results_total = cell("t3.results_total.total");
  const int forward_total = cell("t3.carried_forward.total");
  const int license = cell("t2.art20_5.admin_license.decisions");
  const int penalty = cell("t2.art20_6.admin_penalty.decisions");
  const int review = cell("t4.review.total");
  const int lit_direct = cell("t4.lit_direct.total");
  const int lit_after = cell("t4.lit_after_review.total");

  std::vector<Claim> claims;
  bool have_requests = false, have_done = false, have_forward = false, have_license = false, have_penalty = false,
       have_review = false, have_lit = false;
  for (std::string_view c : Clauses(norm)) {
    size_t kp;
    if (!have_requests && Has(c, "申请") && !HasAny(c, {"结转", "办结", "答复", "复议", "诉讼", "办理完毕"})) {
      for (std::string_view k : {"收到", "受理", "接到", "接收", "新收"}) {
        if ((kp = c.find(k)) == std::string_view::npos) continue;
        std::optional<double> n = SaysNone(c, kp) ? std::optional<double>(0) : NearestCount(c, kp, true);
        if (n) {
          claims.push_back({"收到政府信息公开申请", *n, {new_total}, {new_total, carried_total}});
          have_requests = true;
        }
        break;
      }
    }
    if (!have_done && (kp = c.find("办结")) != std::string_view::npos && !Has(c, "未办结") && !Has(c, "结转")) {
      if (auto n = NearestCount(c, kp, false)) {
        claims.push_back({"办结申请", *n, {results_total}, {}});
        have_done = true;
      }
    }
    if (!have_forward && (kp = c.find("结转")) != std::string_view::npos && !Has(c, "上年结转") && !Has(c, "办结")) {
      if (auto n = NearestCount(c, kp, false)) {
        claims.push_back({"结转下年度继续办理", *n, {forward_total}, {}});
        have_forward = true;
      }
    }
    bool lic = Has(c, "行政许可"), pen = Has(c, "行政处罚");
    if (lic != pen && HasAny(c, {"信息", "决定", "公示", "公开"}) && !HasAny(c, {"事项", "目录", "清单"})) {
      size_t k = c.find(lic ? "行政许可" : "行政处罚");
      if (auto n = NearestCount(c, k, true, 10 * 3)) {
        if (lic && !have_license) {
          claims.push_back({"行政许可信息（处理决定）", *n, {license}, {}});
          have_license = true;
        } else if (pen && !have_penalty) {
          claims.push_back({"行政处罚信息（处理决定）", *n, {penalty}, {}});
          have_penalty = true;
        }
      }
    }
    bool rev = Has(c, "行政复议"), lit = Has(c, "行政诉讼");
    if ((rev || lit) && HasAny(c, {"政府信息公开", "信息公开"})) {
      size_t k = c.find(rev ? "行政复议" : "行政诉讼");
      std::optional<double> n;
      if (SaysNone(c, k)) n = 0;
      else if (rev != lit) n = NearestCount(c, k, true);
      if (n) {
        if (rev && !have_review && (rev != lit || *n == 0)) {
          claims.push_back({"政府信息公开行政复议案件", *n, {review}, {}});
          have_review = true;
        }
        if (lit && !have_lit && (rev != lit || *n == 0)) {
          claims.push_back({"政府信息公开行政诉讼案件", *n, {lit_direct, lit_after}, {}});
          have_lit = true;
        }
      }
    }
  }
  for (const Claim& cl : claims) {
    std::vector<int> cells;
    for (int c : cl.cells) if (c >= 0) cells.push_back(c);
    if (cells.size() != cl.cells.size() || !AllValues(*report, cells)) continue;
    double table = SumCells(*report, cells);
    if (std::fabs(table - cl.stated) < 1e-9) continue;
    if (!cl.alt.empty() && AllValues(*report, cl.alt) && std::fabs(SumCells(*report, cl.alt) - cl.stated) < 1e-9) continue;
    Finding fd;
    fd.rule = "C13";
    fd.severity = Severity::kWarning;
    std::string where;
    for (int c : cells) {
      fd.cells.push_back(f->cells[c].id);
      if (!where.empty()) where += "与";
      where += f->cells[c].label;
    }
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
  if (!f || f->id != "gov2021") return;
  if (report->year && *report->year < 2021) return;
  const SectionFound* s6 = report->FindSection("s6_other");
  std::string norm = s6 ? Normalize(s6->text) : std::string();
  bool statement = HasAny(norm, {"信息处理费", "收费通知", "处理费", "收取费用", "收费"});
  bool says_none = statement && HasAny(norm, {"未收取", "没有收取", "不收取", "未发出收费通知", "没有发出收费通知", "均为0", "无收取",
                                               "未产生", "未向申请人收取", "零"});
  int fee_cell = f->CellIndex("t3.other_fee_unpaid.total");
  double fee_unpaid = fee_cell >= 0 && report->HasValue(fee_cell) ? report->cells[fee_cell].value : 0;
  if (fee_unpaid > 0 && (!statement || says_none)) {
    Finding fd;
    fd.rule = "C11";
    fd.severity = Severity::kError;
    fd.cells.push_back(f->cells[fee_cell].id);
    fd.message = "表三“申请人逾期未按收费通知要求缴纳费用”总计为" + FormatNumber(fee_unpaid) + "件，说明本年度发出过收费通知，但第六部分" +
                 (statement ? "称未收取信息处理费或未发出收费通知" : "没有报告信息处理费收取情况") + "，两者矛盾。";
    fd.at = s6 ? s6->at : report->cells[fee_cell].at;
    report->findings.push_back(std::move(fd));
    return;
  }
  if (s6 && !statement) {
    Finding fd;
    fd.rule = "C12";
    fd.severity = Severity::kWarning;
    fd.message = "第六部分“其他需要报告的事项”没有说明信息处理费的收取情况。按年报格式，收取信息处理费的情况在此报告；未收取的也应写明“未收取信息处理费”。";
    fd.at = s6->at;
    report->findings.push_back(std::move(fd));
  }
}

}  // namespace xxgk
