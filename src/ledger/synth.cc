#include "ledger/synth.h"

#include <xlsxwriter.h>

#include <cstdio>
#include <random>

#include "ledger/fees.h"
#include "schema/ids.h"
#include "schema/workdays.h"

namespace xxgk::ledger {
namespace {

using nlohmann::json;

struct Rng {
  std::mt19937_64 g;
  explicit Rng(uint64_t seed) : g(seed * 0x9E3779B97F4A7C15ULL + 7) {}
  uint64_t Below(uint64_t n) { return g() % n; }
  double Unit() { return static_cast<double>(g() >> 11) / 9007199254740992.0; }
};

std::string Day(long d) { return IsoOfDay(d); }

std::string Serial(int year, int n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "YSQ-%d-%04d", year, n);
  return buf;
}

}  // namespace

Result<SynthLedger> MakeLedgerYear(const SynthOptions& o) {
  const FormatSpec* f = FormatForYear(o.year);
  if (!f || !f->has_tables || o.year < 2021) return MakeError(ErrorCode::kInvalidArgument, "生成台账需要 2021 年及以后的年度");
  for (int y : {o.year - 1, o.year + 1}) {
    if (y < CoveredYears().first || y > CoveredYears().last) {
      return MakeError(ErrorCode::kInvalidArgument, std::to_string(y) + " 年的节假日安排不在内置日历中");
    }
  }
  Rng rng(o.seed);
  SynthLedger s;
  const std::string first = std::to_string(o.year) + "-01-01", last = std::to_string(o.year) + "-12-31";
  s.as_of = last;
  const long day0 = *DayNumber(first), day_last = *DayNumber(last);

  // Expected counts, incremented as the fates are drawn.
  const std::vector<const RowDef*> outcomes = OutcomeRows(*f);
  json t3 = json::object();
  for (const RowDef& r : f->t3_rows) {
    for (const ColumnDef& c : f->t3_cols) t3[r.key][c.key] = 0;
  }
  json t4 = json::object();
  for (const auto& [block, label] : f->t4_blocks) {
    for (const ColumnDef& c : f->t4_cols) t4[block][c.key] = 0;
  }
  auto count3 = [&](std::string_view row, int kind) {
    t3[std::string(row)][std::string(ApplicantKey(kind))] = t3[std::string(row)][std::string(ApplicantKey(kind))].get<int>() + 1;
    t3[std::string(row)]["total"] = t3[std::string(row)]["total"].get<int>() + 1;
  };
  auto count4 = [&](std::string_view block, const CaseRecord& c) {
    const char* col = c.ended_year == o.year ? CaseOutcomeKey(c.outcome) : CaseOutcomeKey(CaseOutcome::kPending);
    t4[std::string(block)][col] = t4[std::string(block)][col].get<int>() + 1;
    t4[std::string(block)]["total"] = t4[std::string(block)]["total"].get<int>() + 1;
  };
  json late = json::array(), overdue = json::array(), wrong_fees = json::array();

  // Outcome weights: most requests are granted, partly granted or not held.
  auto draw_outcome = [&]() -> std::string {
    const double u = rng.Unit();
    if (u < 0.40) return std::string(ids::t3_row::granted.value);
    if (u < 0.55) return std::string(ids::t3_row::partially_granted.value);
    if (u < 0.75) return std::string(ids::t3_row::unable_not_held.value);
    for (;;) {
      const RowDef* r = outcomes[rng.Below(outcomes.size())];
      if (r->key != ids::t3_row::results_total && r->key != ids::t3_row::other_no_correction) return r->key;
    }
  };
  const int carried = o.count / 20;
  int serial_no = 0;
  for (int i = 0; i < carried + o.count; ++i) {
    const bool from_last_year = i < carried;
    Application a;
    a.kind = [&] {
      const double u = rng.Unit();
      return u < 0.72 ? 0 : u < 0.86 ? 1 : u < 0.89 ? 2 : u < 0.92 ? 3 : u < 0.96 ? 4 : 5;
    }();
    a.channel = static_cast<Channel>(rng.Below(4));
    a.applicant = "申请人" + std::to_string(1 + rng.Below(1500));
    // Carried over: submitted between 12-08 and 12-24 of the year before, replied in this year.
    long submitted = from_last_year ? day0 - 24 + static_cast<long>(rng.Below(17)) : day0 + static_cast<long>(rng.Below(day_last - day0 + 1));
    a.serial = from_last_year ? Serial(o.year - 1, 5000 + i) : Serial(o.year, ++serial_no);
    a.submitted = Day(submitted);
    a.received = a.channel == Channel::kInPerson ? a.submitted : Day(submitted + static_cast<long>(rng.Below(3)));
    if (!from_last_year && a.received > last) a.received = last;
    a.request = "关于" + std::to_string(1 + rng.Below(900)) + "号文件的政府信息";
    std::string start = a.ReceiptDate();
    int limit = 20;
    bool no_correction = false;
    if (rng.Unit() < 0.10) {
      a.correction_requested = *AddWorkingDays(start, 3);
      if (rng.Unit() < 0.15) {
        no_correction = true;
      } else {
        a.correction_received = *AddWorkingDays(a.correction_requested, 4);
        start = a.correction_received;
      }
    }
    if (!no_correction && rng.Unit() < 0.05) {
      a.consult_start = *AddWorkingDays(start, 5);
      a.consult_end = *AddWorkingDays(start, 12);  // 8 working days, both ends counted
      limit += 8;
    }
    if (!no_correction && rng.Unit() < 0.05) {
      a.extension_approved = *AddWorkingDays(start, 15);
      a.extension_days = 5 + static_cast<int>(rng.Below(16));
      limit += a.extension_days;
    }
    const std::string due = no_correction ? "" : *AddWorkingDays(start, limit);
    const bool received_this_year = a.ReceiptDate() >= first;
    // Fates: forgotten (open, overdue at the year's end), open at the end (received in its last weeks), late,
    // or replied on time.
    const bool forgotten = received_this_year && !no_correction && a.ReceiptDate() < std::to_string(o.year) + "-09-30" &&
                           rng.Unit() < o.open_share / 3;
    const bool open_at_end = received_this_year && a.ReceiptDate() > std::to_string(o.year) + "-12-05" && rng.Unit() < o.open_share * 12;
    if (no_correction) {
      a.replied = *AddWorkingDays(a.correction_requested, 15 + static_cast<int>(rng.Below(10)));
      a.outcome = std::string(ids::t3_row::other_no_correction.value);
    } else if (!forgotten && !open_at_end) {
      const bool make_late = rng.Unit() < o.late_share;
      const int k = make_late ? limit + 1 + static_cast<int>(rng.Below(8)) : 1 + static_cast<int>(rng.Below(limit));
      a.replied = *AddWorkingDays(start, k);
      if (!received_this_year && a.replied < first) a.replied = *AddWorkingDays(Day(day0 - 1), 1);  // carried over
      a.outcome = draw_outcome();
      if (a.replied > last) a.replied.clear(), a.outcome.clear();  // runs into next year: open at the end
      else if (a.replied > due) late.push_back(a.serial);
    }
    if (no_correction && !received_this_year && a.replied < first) a.replied = *AddWorkingDays(Day(day0 - 1), 1);
    if (no_correction && a.replied > last) a.replied.clear(), a.outcome.clear();  // still waiting at the end
    if (a.replied.empty() && !no_correction && s.as_of > due) overdue.push_back(a.serial);
    // Expected table 3.
    count3(received_this_year ? ids::t3_row::new_received.value : ids::t3_row::carried_over.value, a.kind);
    if (!a.replied.empty()) {
      count3(a.outcome, a.kind);
      count3(ids::t3_row::results_total.value, a.kind);
    } else {
      count3(ids::t3_row::carried_forward.value, a.kind);
    }
    // 复议 and 诉讼 after some replies of the year.
    if (!a.replied.empty() && a.outcome != ids::t3_row::granted && rng.Unit() < 0.04) {
      a.review.filed_year = o.year;
      a.review.outcome = static_cast<CaseOutcome>(rng.Below(4));
      a.review.ended_year = a.review.outcome == CaseOutcome::kPending ? 0 : o.year;
      count4(ids::t4_block::review, a.review);
      if (a.review.ended_year && rng.Unit() < 0.3) {
        a.litigation.filed_year = o.year;
        a.litigation.outcome = rng.Unit() < 0.5 ? CaseOutcome::kPending : CaseOutcome::kUpheld;
        a.litigation.ended_year = a.litigation.outcome == CaseOutcome::kPending ? 0 : o.year;
        count4(ids::t4_block::lit_after_review, a.litigation);
      }
    } else if (!a.replied.empty() && rng.Unit() < 0.01) {
      a.litigation.filed_year = o.year;
      a.litigation.outcome = static_cast<CaseOutcome>(rng.Below(4));
      a.litigation.ended_year = a.litigation.outcome == CaseOutcome::kPending ? 0 : o.year;
      count4(ids::t4_block::lit_direct, a.litigation);
    }
    // Fees by pages on a few large replies; one of them charged wrongly.
    if (!a.replied.empty() && a.outcome == ids::t3_row::granted && rng.Unit() < 0.01) {
      a.fee_method = FeeMethod::kByPages;
      a.pages = 31 + static_cast<int>(rng.Below(250));
      a.fee_yuan = FeeByPages(a.pages);
      if (wrong_fees.empty()) {
        a.fee_yuan += 50;
        wrong_fees.push_back(a.serial);
      }
    }
    s.apps.push_back(std::move(a));
  }
  // One applicant who asks fourteen times in March, charged 按件 from the eleventh.
  for (int n = 1; n <= 14; ++n) {
    Application a;
    a.serial = Serial(o.year, ++serial_no);
    a.applicant = "高频申请人";
    a.kind = 0;
    a.channel = Channel::kOnline;
    a.submitted = a.received = Day(*DayNumber(std::to_string(o.year) + "-03-02") + n);
    a.request = "第 " + std::to_string(n) + " 份会议纪要";
    a.replied = *AddWorkingDays(a.received, 10);
    a.outcome = std::string(ids::t3_row::granted.value);
    a.fee_method = FeeMethod::kByCount;
    a.fee_yuan = FeeByCount(n);
    count3(ids::t3_row::new_received.value, 0);
    count3(ids::t3_row::granted.value, 0);
    count3(ids::t3_row::results_total.value, 0);
    s.apps.push_back(std::move(a));
  }
  // Table 2: the documents of the last years, and the year's counts.
  json t2 = json::object();
  for (bool rule : {true, false}) {
    int made = 0, gone = 0, live = 0;
    const int n = rule ? 3 : 12;
    for (int i = 0; i < n; ++i) {
      Regulation g;
      g.rule = rule;
      g.title = std::string(rule ? "某某管理办法" : "关于规范某某工作的通知") + "（" + std::to_string(i + 1) + "）";
      g.number = std::string(rule ? "令第" : "规字〔") + std::to_string(i + 1) + (rule ? "号" : "〕号");
      const int y = o.year - static_cast<int>(rng.Below(3));
      g.issued = Day(*DayNumber(std::to_string(y) + "-01-01") + static_cast<long>(rng.Below(360)));
      if (g.issued > last) g.issued = last;
      if (i % 5 == 4) g.repealed = Day(*DayNumber(first) + static_cast<long>(rng.Below(360)));
      if (!g.repealed.empty() && g.repealed <= g.issued) g.repealed.clear();
      made += g.issued >= first;
      gone += !g.repealed.empty();
      live += g.repealed.empty();
      s.regulations.push_back(std::move(g));
    }
    const std::string row(rule ? ids::t2_row::rules.value : ids::t2_row::normative_docs.value);
    t2[row] = {{"issued", made}, {"repealed", gone}, {"in_force", live}};
  }
  s.counts.licenses = static_cast<double>(100 + rng.Below(3000));
  s.counts.penalties = static_cast<double>(rng.Below(200));
  s.counts.coercions = static_cast<double>(rng.Below(20));
  s.counts.fees_wan = static_cast<double>(rng.Below(100000)) / 100.0;
  s.expected = {{"year", o.year}, {"as_of", s.as_of}, {"table3", t3}, {"table4", t4}, {"table2", t2},
                {"late", late},   {"overdue", overdue}, {"wrong_fees", wrong_fees},
                {"applications", s.apps.size()}};
  return s;
}

Result<void> WriteLedgerXlsx(const std::vector<Application>& apps, const std::string& path, uint64_t seed) {
  Rng rng(seed + 99);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return MakeError(ErrorCode::kIoError, "无法写出 " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "台账");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_align(head, LXW_ALIGN_CENTER);
  // Title, then a two-row header with groups merged across and single headers merged down.
  worksheet_merge_range(ws, 0, 0, 0, 26, "政府信息公开申请办理台账", head);
  struct Col {
    const char* group;
    const char* name;
  };
  const Col cols[] = {{nullptr, "序号"},     {"申请人", "姓名"},      {"申请人", "类型"},      {nullptr, "申请方式"},
                      {nullptr, "申请日期"}, {nullptr, "收到日期"},   {nullptr, "申请内容"},   {"补正", "告知日期"},
                      {"补正", "收到日期"},  {"征求意见", "开始日期"}, {"征求意见", "结束日期"}, {"延期", "批准日期"},
                      {"延期", "天数"},      {"答复", "日期"},        {"答复", "结果"},        {nullptr, "收费方式"},
                      {nullptr, "收费金额（元）"}, {nullptr, "页数"}, {"行政复议", "申请日期"}, {"行政复议", "结果"},
                      {"行政复议", "审结日期"}, {"行政诉讼", "起诉日期"}, {"行政诉讼", "结果"}, {"行政诉讼", "审结日期"},
                      {nullptr, "备注"}};
  const int ncols = static_cast<int>(sizeof cols / sizeof cols[0]);
  for (int c = 0; c < ncols;) {
    if (!cols[c].group) {
      worksheet_merge_range(ws, 1, c, 2, c, cols[c].name, head);
      ++c;
      continue;
    }
    int e = c;
    while (e + 1 < ncols && cols[e + 1].group && std::string_view(cols[e + 1].group) == cols[c].group) ++e;
    worksheet_merge_range(ws, 1, c, 1, e, cols[c].group, head);
    for (int k = c; k <= e; ++k) worksheet_write_string(ws, 2, k, cols[k].name, head);
    c = e + 1;
  }
  static constexpr const char* kLoose[kApplicantKinds][3] = {{"自然人", "个人", "公民"},
                                                             {"企业", "商业企业", "公司"},
                                                             {"科研机构", "高校", "科研机构"},
                                                             {"社会组织", "社会公益组织", "公益组织"},
                                                             {"律师事务所", "法律服务机构", "律所"},
                                                             {"其他组织", "其他", "其他组织"}};
  lxw_row_t row = 3;
  auto date = [&](int c, const std::string& iso) {
    if (iso.empty()) return;
    const long d = *DayNumber(iso);
    int y = 0, m = 0, dd = 0;
    std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &dd);
    char buf[32];
    switch (rng.Below(5)) {
      case 0:
      case 1:
        worksheet_write_number(ws, row, c, static_cast<double>(d + 25569), date_fmt);
        return;
      case 2: std::snprintf(buf, sizeof buf, "%d/%d/%d", y, m, dd); break;
      case 3: std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, dd); break;
      default: std::snprintf(buf, sizeof buf, "%d.%02d.%02d", y, m, dd); break;
    }
    worksheet_write_string(ws, row, c, buf, nullptr);
  };
  auto text = [&](int c, const std::string& s) {
    if (!s.empty()) worksheet_write_string(ws, row, c, s.c_str(), nullptr);
  };
  auto legal = [&](int c, const CaseRecord& k) {
    if (!k.present()) return;
    text(c, std::to_string(k.filed_year) + "-06-30");
    text(c + 1, CaseOutcomeChinese(k.outcome));
    if (k.ended_year) text(c + 2, std::to_string(k.ended_year) + "-11-30");
  };
  for (size_t i = 0; i < apps.size(); ++i) {
    const Application& a = apps[i];
    if (i % 150 == 149) ++row;  // a blank row now and then
    text(0, a.serial);
    text(1, a.applicant);
    text(2, kLoose[a.kind][rng.Below(3)]);
    text(3, ChannelChinese(a.channel));
    date(4, a.submitted);
    date(5, a.received);
    text(6, a.request);
    date(7, a.correction_requested);
    date(8, a.correction_received);
    date(9, a.consult_start);
    date(10, a.consult_end);
    date(11, a.extension_approved);
    if (a.extension_days) worksheet_write_number(ws, row, 12, a.extension_days, nullptr);
    date(13, a.replied);
    if (!a.outcome.empty()) text(14, rng.Below(3) == 0 && a.outcome == ids::t3_row::granted ? std::string("公开") : OutcomeChinese(a.outcome));
    if (a.fee_method != FeeMethod::kNone) text(15, a.fee_method == FeeMethod::kByCount ? "按件" : "按量");
    if (a.fee_yuan > 0) worksheet_write_number(ws, row, 16, a.fee_yuan, nullptr);
    if (a.pages) worksheet_write_number(ws, row, 17, a.pages, nullptr);
    legal(18, a.review);
    legal(21, a.litigation);
    text(24, a.note);
    ++row;
  }
  worksheet_write_string(ws, row, 0, "合计", nullptr);
  worksheet_write_number(ws, row, 1, static_cast<double>(apps.size()), nullptr);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return MakeError(ErrorCode::kIoError, std::string("写出 Excel 文件失败：") + lxw_strerror(err));
  return {};
}

std::string RegulationsCsv(const std::vector<Regulation>& regs) {
  std::string out = "类型,名称,文号,发布日期,废止日期\n";
  for (const Regulation& g : regs) {
    out += std::string(g.rule ? "规章" : "行政规范性文件") + "," + g.title + "," + g.number + "," + g.issued + "," + g.repealed + "\n";
  }
  return out;
}

}  // namespace xxgk::ledger
