#include "ledger/ledger_json.h"

#include "core/numbers.h"

namespace xxgk::ledger {
namespace {

using nlohmann::json;

json CaseJson(const CaseRecord& c) {
  if (!c.present()) return nullptr;
  return {{"filed_year", c.filed_year}, {"outcome", CaseOutcomeKey(c.outcome)}, {"outcome_label", CaseOutcomeChinese(c.outcome)},
          {"ended_year", c.ended_year ? json(c.ended_year) : json()}};
}

std::string Str(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return "";
  if (j[key].is_string()) return j[key].get<std::string>();
  if (j[key].is_number()) return j[key].dump();
  return "";
}

}  // namespace

json ApplicationJson(const Application& a) {
  return {{"id", a.id},
          {"serial", a.serial},
          {"row", a.source_row},
          {"channel", ChannelKey(a.channel)},
          {"channel_label", ChannelChinese(a.channel)},
          {"submitted", a.submitted},
          {"received", a.received},
          {"applicant", a.applicant},
          {"kind", ApplicantKey(a.kind)},
          {"kind_label", ApplicantChinese(a.kind)},
          {"request", a.request},
          {"correction_requested", a.correction_requested},
          {"correction_received", a.correction_received},
          {"consult_start", a.consult_start},
          {"consult_end", a.consult_end},
          {"extension_approved", a.extension_approved},
          {"extension_days", a.extension_days},
          {"art35_due", a.art35_due},
          {"replied", a.replied},
          {"outcome", a.outcome},
          {"outcome_label", a.outcome.empty() ? "" : OutcomeChinese(a.outcome)},
          {"fee_method", FeeMethodKey(a.fee_method)},
          {"fee_yuan", a.fee_yuan},
          {"pages", a.pages},
          {"review", CaseJson(a.review)},
          {"litigation", CaseJson(a.litigation)},
          {"note", a.note}};
}

Result<Application> ApplicationFromJson(const json& j) {
  if (!j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "申请记录应为 JSON 对象");
  Application a;
  std::vector<std::string> errors;
  if (j.contains("id") && j["id"].is_number_integer()) a.id = j["id"].get<int64_t>();
  a.serial = Str(j, "serial");
  if (a.serial.empty()) errors.push_back("编号为空");
  if (a.serial.size() > 100) errors.push_back("编号过长");
  const std::string channel = Str(j, "channel");
  if (!channel.empty()) {
    if (auto c = ParseChannel(channel)) a.channel = *c;
    else errors.push_back("“" + channel + "”不是申请渠道");
  }
  if (auto k = ParseApplicantKind(Str(j, "kind"))) a.kind = *k;
  else errors.push_back("申请人类型无法识别");
  auto date = [&](const char* key, const char* label, std::string* into) {
    const std::string v = Str(j, key);
    if (v.empty()) return;
    if (auto d = ParseLooseDate(v)) *into = *d;
    else errors.push_back(std::string(label) + "“" + v + "”不是日期");
  };
  date("submitted", "提交日期", &a.submitted);
  date("received", "收到日期", &a.received);
  if (a.received.empty() && a.submitted.empty()) errors.push_back("没有收到日期");
  date("correction_requested", "告知补正日期", &a.correction_requested);
  date("correction_received", "收到补正日期", &a.correction_received);
  date("consult_start", "征求意见开始日期", &a.consult_start);
  date("consult_end", "征求意见结束日期", &a.consult_end);
  date("extension_approved", "延期批准日期", &a.extension_approved);
  date("art35_due", "第三十五条期限", &a.art35_due);
  date("replied", "答复日期", &a.replied);
  a.applicant = Str(j, "applicant");
  a.request = Str(j, "request");
  a.note = Str(j, "note");
  for (const std::string* s : {&a.applicant, &a.request, &a.note}) {
    if (s->size() > 4000) errors.push_back("文字过长（4000 字节以内）");
  }
  auto whole = [&](const char* key, const char* label, int* into) {
    const std::string v = Str(j, key);
    if (v.empty()) return;
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    if (*end != 0 || n < 0 || n > 100000) errors.push_back(std::string(label) + "应为非负整数");
    else *into = static_cast<int>(n);
  };
  whole("extension_days", "延期工作日", &a.extension_days);
  whole("pages", "页数", &a.pages);
  if (!a.extension_approved.empty() && a.extension_days == 0) a.extension_days = 20;
  if (const std::string o = Str(j, "outcome"); !o.empty()) {
    std::string why;
    if (auto k = ParseOutcome(o, &why)) a.outcome = *k;
    else errors.push_back(why);
  }
  {
    std::string why;
    if (auto m = ParseFeeMethod(Str(j, "fee_method"), &why)) a.fee_method = *m;
    else errors.push_back(why);
  }
  if (const std::string fee = Str(j, "fee_yuan"); !fee.empty()) {
    if (auto y = ParseYuan(fee)) a.fee_yuan = *y;
    else errors.push_back("收费金额“" + fee + "”不是金额");
  }
  auto legal = [&](const char* key, const char* label, CaseRecord* c) {
    if (!j.contains(key) || !j[key].is_object()) return;
    const json& k = j[key];
    const std::string o = Str(k, "outcome");
    if (o.empty()) return;
    auto parsed = ParseCaseOutcome(o);
    const std::string filed = Str(k, "filed_year"), ended = Str(k, "ended_year");
    const int fy = std::atoi(filed.c_str()), ey = std::atoi(ended.c_str());
    if (!parsed) errors.push_back(std::string(label) + "结果“" + o + "”无法识别");
    else if (fy < 2000 || fy > 2200) errors.push_back(std::string(label) + "请填写提起年度");
    else if (*parsed != CaseOutcome::kPending && (ey < fy || ey > 2200)) errors.push_back(std::string(label) + "请填写审结年度");
    else *c = {fy, *parsed, *parsed == CaseOutcome::kPending ? 0 : ey};
  };
  legal("review", "行政复议", &a.review);
  legal("litigation", "行政诉讼", &a.litigation);
  if (!errors.empty()) {
    std::string msg;
    for (const auto& e : errors) msg += (msg.empty() ? "" : "；") + e;
    return MakeError(ErrorCode::kInvalidArgument, msg);
  }
  return a;
}

json FindingJson(const LedgerFinding& f) {
  return {{"rule", InfoOf(f.rule).id}, {"severity", SeverityName(f.severity)}, {"title", InfoOf(f.rule).title},
          {"serial", f.serial},       {"row", f.row},                          {"message", f.message}};
}

json DueListJson(const DueList& d, const std::string& today, bool only_open) {
  json counts = json::object();
  for (DueState s : {DueState::kOverdue, DueState::kDueSoon, DueState::kOpen, DueState::kAwaitingCorrection, DueState::kRepliedLate,
                     DueState::kRepliedOnTime}) {
    counts[DueStateKey(s)] = 0;
  }
  json items = json::array();
  for (const DueItem& i : d.items) {
    counts[DueStateKey(i.state)] = counts[DueStateKey(i.state)].get<int>() + 1;
    if (only_open && !IsOpen(i.state)) continue;
    items.push_back({{"id", i.app->id},
                     {"serial", i.app->serial},
                     {"row", i.app->source_row},
                     {"applicant", i.app->applicant},
                     {"received", i.app->ReceiptDate()},
                     {"replied", i.app->replied},
                     {"start", i.deadline.start},
                     {"due", i.deadline.due},
                     {"state", DueStateKey(i.state)},
                     {"state_label", DueStateChinese(i.state)},
                     {"working_days_left", i.working_days_left},
                     {"days_late", i.days_late},
                     {"basis", i.deadline.basis}});
  }
  json findings = json::array();
  for (const auto& f : d.findings) findings.push_back(FindingJson(f));
  return {{"today", today}, {"counts", counts}, {"items", items}, {"findings", findings}, {"errors", d.errors}};
}

json TablesJson(const LedgerTables& t, bool with_members) {
  const FormatSpec& f = *t.report.format;
  json tables = json::object();
  for (size_t i = 0; i < f.cells.size(); ++i) {
    const CellDef& c = f.cells[i];
    const CellValue& v = t.report.cells[i];
    const json value = v.state == CellState::kValue ? json(v.value) : json();
    if (c.table == TableId::kT2) tables["t2"][c.block][c.row][c.col] = value;
    else if (c.table == TableId::kT3) tables["t3"][c.row][c.col] = value;
    else tables["t4"][c.block][c.col] = value;
  }
  json rows = json::array(), cols = json::array();
  for (const RowDef& r : f.t3_rows) rows.push_back({{"key", r.key}, {"label", r.short_name.empty() ? r.label.text : r.short_name}});
  for (const ColumnDef& c : f.t3_cols) cols.push_back({{"key", c.key}, {"label", c.label.text}});
  json out = {{"year", *t.report.year}, {"format", f.id}, {"format_name", f.name}, {"tables", tables},
              {"t3_rows", rows}, {"t3_cols", cols},
              {"problems", t.problems}, {"fees_charged_yuan", t.fees_charged_yuan}};
  if (with_members) {
    json m = json::object();
    for (size_t cell = 0; cell < t.members.size(); ++cell) {
      if (!t.members[cell].empty()) m[f.cells[cell].id] = t.MembersOf(static_cast<int>(cell));
    }
    out["members"] = m;
  }
  return out;
}

json DisagreementsJson(const std::vector<CellDisagreement>& d) {
  json out = json::array();
  for (const auto& x : d) {
    out.push_back({{"label", x.label}, {"ledger", x.ledger}, {"published", x.published ? json(*x.published) : json()},
                   {"serials", x.serials}});
  }
  return out;
}

std::vector<LedgerFinding> DisagreementFindings(const std::vector<CellDisagreement>& d) {
  std::vector<LedgerFinding> out;
  for (const auto& x : d) {
    std::string list;
    for (size_t i = 0; i < x.serials.size() && i < 20; ++i) list += (i ? "、" : "") + x.serials[i];
    if (x.serials.size() > 20) list += " 等 " + std::to_string(x.serials.size()) + " 件";
    out.push_back({Rule::kA4, InfoOf(Rule::kA4).severity, "", 0,
                   x.label + "：报告填 " + (x.published ? FormatNumber(*x.published) : std::string("空白")) + "，台账计 " +
                       FormatNumber(x.ledger) + (list.empty() ? "" : "（" + list + "）")});
  }
  return out;
}

}  // namespace xxgk::ledger
