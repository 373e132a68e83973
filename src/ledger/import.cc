#include "ledger/import.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <unordered_map>

#include "core/normalize.h"

namespace xxgk::ledger {
namespace {

struct FieldInfo {
  Field field;
  const char* key;
  const char* chinese;
  std::vector<std::string_view> names;  // header names in match form (Normalize, brackets dropped)
};

const std::vector<FieldInfo>& Fields() {
  static const std::vector<FieldInfo> f = {
      {Field::kSerial, "serial", "编号", {"编号", "申请编号", "登记编号", "受理编号", "流水号", "登记号", "申请序号", "序号", "台账编号"}},
      {Field::kApplicant, "applicant", "申请人", {"申请人", "申请人姓名", "申请人名称", "申请人姓名或名称", "姓名", "申请单位", "申请人姓名名称"}},
      {Field::kKind, "kind", "申请人类型", {"申请人类型", "申请人类别", "申请主体类型", "申请人性质", "申请主体", "类型", "申请人身份", "申请人情况"}},
      {Field::kChannel, "channel", "渠道", {"申请方式", "申请渠道", "渠道", "提交方式", "来件方式", "收件方式", "申请途径", "提交渠道"}},
      {Field::kSubmitted, "submitted", "提交日期", {"申请日期", "提交日期", "申请时间", "提交时间", "申请提交日期"}},
      {Field::kReceived, "received", "收到日期", {"收到日期", "收到申请日期", "受理日期", "签收日期", "确认日期", "收件日期", "登记日期", "收到时间", "受理时间", "收到申请时间"}},
      {Field::kRequest, "request", "申请内容", {"申请内容", "申请事项", "申请公开内容", "申请公开的信息", "所需信息", "申请信息内容", "内容描述", "所需政府信息", "申请公开的政府信息"}},
      {Field::kCorrectionRequested, "correction_requested", "告知补正日期", {"告知补正日期", "补正告知日期", "补正通知日期", "要求补正日期", "发出补正日期", "补正告知", "补正通知"}},
      {Field::kCorrectionReceived, "correction_received", "收到补正日期", {"收到补正日期", "补正收到日期", "补正日期", "补正完成日期", "补正到达日期"}},
      {Field::kConsultStart, "consult_start", "征求意见开始", {"征求意见开始日期", "征求意见日期", "征求第三方意见日期", "征求意见开始", "征求意见发出日期"}},
      {Field::kConsultEnd, "consult_end", "征求意见结束", {"征求意见结束日期", "征求意见结束", "第三方答复日期", "意见反馈日期", "征求意见反馈日期"}},
      {Field::kExtensionApproved, "extension_approved", "延期批准日期", {"延期批准日期", "延期审批日期", "延期日期", "批准延期日期", "延期批准"}},
      {Field::kExtensionDays, "extension_days", "延期工作日", {"延期天数", "延期工作日", "延长工作日", "延长天数", "延期工作日数", "延期天数工作日"}},
      {Field::kArt35Due, "art35_due", "第三十五条期限", {"第三十五条期限", "合理期限", "确定的答复期限", "延迟答复期限"}},
      {Field::kReplied, "replied", "答复日期", {"答复日期", "办结日期", "回复日期", "答复时间", "办结时间", "答复办结日期"}},
      {Field::kOutcome, "outcome", "办理结果", {"办理结果", "答复结果", "处理结果", "答复类型", "答复情况", "办理情况", "答复结果类型"}},
      {Field::kFeeMethod, "fee_method", "收费方式", {"收费方式", "计收方式", "计费方式", "信息处理费计收方式"}},
      {Field::kFee, "fee", "收费金额", {"收费金额", "信息处理费", "收费", "信息处理费金额", "收费金额元", "收取信息处理费"}},
      {Field::kPages, "pages", "页数", {"页数", "提供页数", "页码数", "信息页数"}},
      {Field::kReviewFiled, "review_filed", "复议申请日期", {"复议申请日期", "行政复议申请日期", "复议提起日期", "复议日期"}},
      {Field::kReviewOutcome, "review_outcome", "复议结果", {"复议结果", "行政复议结果", "行政复议"}},
      {Field::kReviewEnded, "review_ended", "复议审结日期", {"复议审结日期", "复议结案日期", "行政复议审结日期", "复议决定日期"}},
      {Field::kLitigationFiled, "litigation_filed", "起诉日期", {"起诉日期", "诉讼提起日期", "行政诉讼起诉日期", "诉讼日期", "行政诉讼日期"}},
      {Field::kLitigationOutcome, "litigation_outcome", "诉讼结果", {"诉讼结果", "行政诉讼结果", "行政诉讼"}},
      {Field::kLitigationEnded, "litigation_ended", "诉讼审结日期", {"诉讼审结日期", "判决日期", "诉讼结案日期", "行政诉讼审结日期"}},
      {Field::kNote, "note", "备注", {"备注", "说明"}},
  };
  return f;
}

// A header's match form: Normalize, with bracketed remarks ("收费金额（元）", "(yyyy-mm-dd)") and a trailing
// colon dropped.
std::string HeaderForm(std::string_view text) {
  const std::string n = Normalize(text);
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < n.size();) {
    std::string_view rest(n.data() + i, n.size() - i);
    if (rest.starts_with("(") || rest.starts_with("（") || rest.starts_with("[") || rest.starts_with("【")) {
      ++depth;
      i += rest[0] == '(' || rest[0] == '[' ? 1 : 3;
      continue;
    }
    if (rest.starts_with(")") || rest.starts_with("）") || rest.starts_with("]") || rest.starts_with("】")) {
      depth = std::max(0, depth - 1);
      i += rest[0] == ')' || rest[0] == ']' ? 1 : 3;
      continue;
    }
    const size_t len = (static_cast<unsigned char>(n[i]) < 0x80) ? 1 : (static_cast<unsigned char>(n[i]) >= 0xF0) ? 4
                       : (static_cast<unsigned char>(n[i]) >= 0xE0) ? 3 : 2;
    if (depth == 0) out.append(n, i, len);
    i += len;
  }
  for (std::string_view tail : {":", "：", "*", "/"}) {
    while (out.size() >= tail.size() && out.compare(out.size() - tail.size(), tail.size(), tail) == 0) out.resize(out.size() - tail.size());
  }
  return out;
}

std::string ColumnLetters(size_t c) {
  std::string s;
  for (size_t n = c + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

bool Blank(const std::vector<std::string>& row) {
  for (const auto& c : row) {
    if (!Normalize(c).empty()) return false;
  }
  return true;
}

std::string Cell(const std::vector<std::vector<std::string>>& rows, size_t r, size_t c) {
  return r < rows.size() && c < rows[r].size() ? rows[r][c] : std::string();
}

// The labels a column's header can be read as, most specific first: the group over it and its own cell
// ("补正" + "告知日期"), its own cell, and the cell above when its own is empty (a header merged down).
struct HeaderColumn {
  std::string display;                 // as shown to people and saved: "补正告知日期"
  std::vector<std::string> forms;      // match forms
};

std::vector<HeaderColumn> HeaderAt(const std::vector<std::vector<std::string>>& rows, size_t r, size_t width) {
  std::vector<HeaderColumn> cols(width);
  std::string group;
  for (size_t c = 0; c < width; ++c) {
    const std::string own = HeaderForm(Cell(rows, r, c));
    std::string above;
    if (r > 0) {
      above = HeaderForm(Cell(rows, r - 1, c));
      if (!above.empty()) group = above;
      else if (own.empty()) group.clear();
    }
    HeaderColumn& h = cols[c];
    if (!own.empty()) {
      if (!group.empty() && group != own) {
        h.forms.push_back(group + own);
        h.display = group + own;
      }
      h.forms.push_back(own);
      if (h.display.empty()) h.display = own;
    } else if (!above.empty()) {
      h.forms.push_back(above);
      h.display = above;
    }
  }
  return cols;
}

// Which field a header names: 2 for an exact name, 1 for a name it contains (the longest), 0 none; *form
// is the reading of the header that matched.
int Match(const std::vector<std::string>& forms, Field* out, std::string* matched) {
  for (const std::string& form : forms) {
    for (const FieldInfo& f : Fields()) {
      for (std::string_view n : f.names) {
        if (form == n) {
          *out = f.field;
          *matched = form;
          return 2;
        }
      }
    }
  }
  size_t best = 0;
  for (const std::string& form : forms) {
    for (const FieldInfo& f : Fields()) {
      for (std::string_view n : f.names) {
        if (n.size() >= 9 && n.size() > best && form.find(n) != std::string::npos) best = n.size(), *out = f.field, *matched = form;
      }
    }
    if (best) return 1;
  }
  return 0;
}

struct Layout {
  size_t header = 0;  // 0-based index of the last header row
  std::vector<HeaderColumn> cols;
  std::array<int, static_cast<size_t>(Field::kCount)> column;  // field → column, -1 none
  int score = -1;
};

Layout Assign(const std::vector<std::vector<std::string>>& rows, size_t r, size_t width, const ColumnMapping& saved) {
  Layout l;
  l.header = r;
  l.cols = HeaderAt(rows, r, width);
  l.column.fill(-1);
  std::vector<bool> taken(width, false);
  l.score = 0;
  // A saved mapping first: the header text it names, in any of the column's forms.
  for (const auto& [field, header] : saved) {
    const std::string want = HeaderForm(header);
    for (size_t c = 0; c < width && !want.empty(); ++c) {
      if (taken[c]) continue;
      if (std::find(l.cols[c].forms.begin(), l.cols[c].forms.end(), want) != l.cols[c].forms.end()) {
        l.column[static_cast<size_t>(field)] = static_cast<int>(c);
        l.cols[c].display = want;
        taken[c] = true;
        l.score += 2;
        break;
      }
    }
  }
  for (int strength : {2, 1}) {
    for (size_t c = 0; c < width; ++c) {
      if (taken[c]) continue;
      Field f = Field::kNote;
      std::string matched;
      if (Match(l.cols[c].forms, &f, &matched) != strength || l.column[static_cast<size_t>(f)] >= 0) continue;
      l.column[static_cast<size_t>(f)] = static_cast<int>(c);
      l.cols[c].display = matched;
      taken[c] = true;
      l.score += strength;
    }
  }
  return l;
}

}  // namespace

const char* FieldKey(Field f) {
  for (const FieldInfo& i : Fields()) {
    if (i.field == f) return i.key;
  }
  return "";
}

const char* FieldChinese(Field f) {
  for (const FieldInfo& i : Fields()) {
    if (i.field == f) return i.chinese;
  }
  return "";
}

std::optional<Field> FieldFromKey(std::string_view key) {
  for (const FieldInfo& i : Fields()) {
    if (key == i.key) return i.field;
  }
  return std::nullopt;
}

nlohmann::json MappingJson(const ColumnMapping& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [f, header] : m) j[FieldKey(f)] = header;
  return j;
}

Result<ColumnMapping> MappingFromJson(const nlohmann::json& j) {
  ColumnMapping m;
  if (!j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "列对应关系应为 {字段: 表头} 的对象");
  for (const auto& [k, v] : j.items()) {
    auto f = FieldFromKey(k);
    if (!f) continue;
    if (!v.is_string()) return MakeError(ErrorCode::kInvalidArgument, "列对应关系中“" + k + "”的表头应为文字");
    if (!v.get<std::string>().empty()) m[*f] = v.get<std::string>();
  }
  return m;
}

std::string ImportErrorText(const ImportError& e) {
  std::string s = "第 " + std::to_string(e.row) + " 行";
  if (!e.column.empty()) s += " " + e.column;
  return s + "：" + e.message;
}

LedgerImport ReadLedger(const std::vector<std::vector<std::string>>& rows, const ColumnMapping& saved) {
  LedgerImport out;
  size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.size());
  width = std::min<size_t>(width, 200);
  // The header: the row (of the first 20) whose columns name the most fields, read with the row above.
  Layout best;
  for (size_t r = 0; r < rows.size() && r < 20; ++r) {
    Layout l = Assign(rows, r, width, saved);
    if (l.score > best.score) best = std::move(l);
  }
  auto col = [&](Field f) { return best.score < 0 ? -1 : best.column[static_cast<size_t>(f)]; };
  if (best.score <= 0 || (col(Field::kSerial) < 0 && col(Field::kKind) < 0)) {
    out.errors.push_back({1, "", "找不到台账的表头（应有 编号、申请人类型、收到日期、答复日期、办理结果 等列）"});
    return out;
  }
  out.header_row = best.header + 1;
  for (size_t i = 0; i < static_cast<size_t>(Field::kCount); ++i) {
    if (best.column[i] >= 0) out.mapping[static_cast<Field>(i)] = best.cols[best.column[i]].display;
  }
  for (size_t c = 0; c < width; ++c) {
    if (!best.cols[c].display.empty() && std::find(best.column.begin(), best.column.end(), static_cast<int>(c)) == best.column.end()) {
      out.unused_columns.push_back(best.cols[c].display);
    }
  }
  auto missing = [&](const char* what) { out.errors.push_back({out.header_row, "", std::string("台账缺少") + what}); };
  if (col(Field::kSerial) < 0) missing("编号列（编号、申请编号或序号）");
  if (col(Field::kKind) < 0) missing("申请人类型列");
  if (col(Field::kReceived) < 0 && col(Field::kSubmitted) < 0) missing("收到日期列（或申请日期）");
  if (!out.errors.empty()) return out;

  auto name = [&](Field f) { return ColumnLetters(col(f)) + " 列（" + best.cols[col(f)].display + "）"; };
  std::unordered_map<std::string, size_t> serial_rows;
  constexpr size_t kMaxErrors = 500;
  for (size_t r = best.header + 1; r < rows.size(); ++r) {
    const size_t row_no = r + 1;
    if (Blank(rows[r])) {
      ++out.blank_rows;
      continue;
    }
    auto get = [&](Field f) -> std::string {
      const int c = col(f);
      if (c < 0) return "";
      std::string v = Cell(rows, r, c);
      const size_t a = v.find_first_not_of(" \t\r\n"), b = v.find_last_not_of(" \t\r\n");
      return a == std::string::npos ? "" : v.substr(a, b - a + 1);
    };
    const std::string first = Normalize(get(Field::kSerial));
    if (first == "合计" || first == "总计" || first == "小计" || first.starts_with("注") || first.starts_with("填表")) {
      ++out.total_rows;
      continue;
    }
    auto error = [&](Field f, std::string message) {
      if (out.errors.size() < kMaxErrors) out.errors.push_back({row_no, col(f) >= 0 ? name(f) : "", std::move(message)});
    };
    Application a;
    a.source_row = row_no;
    a.serial = get(Field::kSerial);
    if (a.serial.empty()) {
      error(Field::kSerial, "编号为空");
    } else if (a.serial.size() > 100) {
      error(Field::kSerial, "编号过长（100 字节以内）");
    } else if (auto [it, fresh] = serial_rows.emplace(a.serial, row_no); !fresh) {
      error(Field::kSerial, "编号“" + a.serial + "”与第 " + std::to_string(it->second) + " 行重复");
    }
    auto date = [&](Field f, std::string* into) {
      const std::string v = get(f);
      if (v.empty()) return;
      if (auto d = ParseLooseDate(v)) *into = *d;
      else error(f, "“" + v + "”不是日期（可写 2025-03-05、2025/3/5、2025年3月5日）");
    };
    date(Field::kSubmitted, &a.submitted);
    date(Field::kReceived, &a.received);
    if (a.received.empty() && a.submitted.empty() && get(Field::kReceived).empty() && get(Field::kSubmitted).empty()) {
      error(col(Field::kReceived) >= 0 ? Field::kReceived : Field::kSubmitted, "没有收到日期");
    }
    date(Field::kCorrectionRequested, &a.correction_requested);
    date(Field::kCorrectionReceived, &a.correction_received);
    date(Field::kConsultStart, &a.consult_start);
    date(Field::kConsultEnd, &a.consult_end);
    date(Field::kExtensionApproved, &a.extension_approved);
    date(Field::kArt35Due, &a.art35_due);
    date(Field::kReplied, &a.replied);
    a.applicant = get(Field::kApplicant);
    a.request = get(Field::kRequest);
    a.note = get(Field::kNote);
    for (auto [f, text] : {std::pair{Field::kApplicant, &a.applicant}, {Field::kRequest, &a.request}, {Field::kNote, &a.note}}) {
      if (text->size() > 4000) error(f, "文字过长（4000 字节以内）");
    }
    if (const std::string v = get(Field::kKind); v.empty()) {
      error(Field::kKind, "申请人类型为空");
    } else if (auto k = ParseApplicantKind(v)) {
      a.kind = *k;
    } else {
      error(Field::kKind, "“" + v + "”不是表三的申请人类型（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他组织）");
    }
    if (const std::string v = get(Field::kChannel); !v.empty()) {
      if (auto c = ParseChannel(v)) a.channel = *c;
      else error(Field::kChannel, "“" + v + "”不是申请渠道（当面、邮寄、网络、传真）");
    }
    if (const std::string v = get(Field::kOutcome); !v.empty()) {
      std::string why;
      if (auto o = ParseOutcome(v, &why)) a.outcome = *o;
      else error(Field::kOutcome, why);
    }
    auto whole = [&](Field f, int* into) {
      const std::string v = Normalize(get(f));
      if (v.empty()) return;
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      std::string_view rest(end);
      if (rest == "天" || rest == "个工作日" || rest == "工作日" || rest == "页") rest = "";
      if (!rest.empty() || n < 0 || n > 100000) error(f, "“" + get(f) + "”不是整数");
      else *into = static_cast<int>(n);
    };
    whole(Field::kExtensionDays, &a.extension_days);
    whole(Field::kPages, &a.pages);
    if (!a.extension_approved.empty() && a.extension_days == 0) a.extension_days = 20;
    if (const std::string v = get(Field::kFeeMethod); !v.empty()) {
      std::string why;
      if (auto m = ParseFeeMethod(v, &why)) a.fee_method = *m;
      else error(Field::kFeeMethod, why);
    }
    if (const std::string v = get(Field::kFee); !v.empty()) {
      const std::string n = Normalize(v);
      if (n == "无" || n == "/" || n == "-" || n == "不收费" || n == "免费") a.fee_yuan = 0;
      else if (auto y = ParseYuan(v)) a.fee_yuan = *y;
      else error(Field::kFee, "“" + v + "”不是金额（元）");
    }
    auto legal_case = [&](Field filed, Field outcome, Field ended, CaseRecord* c, const char* what) {
      const std::string o = get(outcome), fd = get(filed), ed = get(ended);
      if (o.empty() && fd.empty() && ed.empty()) return;
      const std::string on = Normalize(o);
      if (on == "无" || on == "否" || on == "/" || on == "-") return;
      std::string f_iso, e_iso;
      date(filed, &f_iso);
      date(ended, &e_iso);
      auto parsed = ParseCaseOutcome(o);
      if (!parsed) {
        error(outcome, o.empty() ? std::string("填了") + what + "日期，但没有结果（维持、纠正、其他 或 尚未审结）"
                                 : "“" + o + "”不是" + what + "结果（维持、纠正、其他 或 尚未审结）");
        return;
      }
      if (f_iso.empty()) {
        if (fd.empty()) error(filed, std::string("填了") + what + "结果，请填写提起日期");
        return;
      }
      c->filed_year = std::stoi(f_iso.substr(0, 4));
      c->outcome = *parsed;
      if (*parsed != CaseOutcome::kPending) {
        if (e_iso.empty()) {
          if (ed.empty()) error(ended, std::string(what) + "已有结果，请填写审结日期");
          return;
        }
        c->ended_year = std::stoi(e_iso.substr(0, 4));
      } else if (!e_iso.empty()) {
        error(ended, std::string(what) + "尚未审结，却填了审结日期");
      }
    };
    legal_case(Field::kReviewFiled, Field::kReviewOutcome, Field::kReviewEnded, &a.review, "行政复议");
    legal_case(Field::kLitigationFiled, Field::kLitigationOutcome, Field::kLitigationEnded, &a.litigation, "行政诉讼");
    out.apps.push_back(std::move(a));
  }
  if (out.apps.empty() && out.errors.empty()) out.errors.push_back({out.header_row, "", "表头下面没有申请记录"});
  return out;
}

RegulationImport ReadRegulations(const std::vector<std::vector<std::string>>& rows) {
  RegulationImport out;
  if (rows.empty()) {
    out.errors.push_back({1, "", "文件为空"});
    return out;
  }
  int kind = -1, title = -1, number = -1, issued = -1, repealed = -1;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    const std::string h = HeaderForm(rows[0][c]);
    if (h == "类型" || h == "类别" || h == "文件类型") kind = static_cast<int>(c);
    else if (h == "名称" || h == "标题" || h == "文件名称") title = static_cast<int>(c);
    else if (h == "文号" || h == "发文字号") number = static_cast<int>(c);
    else if (h == "发布日期" || h == "制发日期" || h == "印发日期" || h == "施行日期" || h == "成文日期") issued = static_cast<int>(c);
    else if (h == "废止日期" || h == "失效日期") repealed = static_cast<int>(c);
  }
  if (kind < 0 || issued < 0) {
    out.errors.push_back({1, "", "缺少 类型 或 发布日期 列（表头：类型、名称、文号、发布日期、废止日期）"});
    return out;
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (Blank(rows[r])) continue;
    Regulation g;
    g.source_row = r + 1;
    const std::string k = HeaderForm(Cell(rows, r, kind));
    if (k == "规章" || k == "政府规章" || k == "部门规章") g.rule = true;
    else if (k.find("规范性文件") != std::string::npos) g.rule = false;
    else out.errors.push_back({r + 1, ColumnLetters(kind) + " 列（类型）", "“" + Cell(rows, r, kind) + "”应为 规章 或 行政规范性文件"});
    if (title >= 0) g.title = Cell(rows, r, title);
    if (number >= 0) g.number = Cell(rows, r, number);
    auto date = [&](int c, const char* what, std::string* into, bool required) {
      const std::string v = c >= 0 ? Cell(rows, r, c) : "";
      if (Normalize(v).empty()) {
        if (required) out.errors.push_back({r + 1, ColumnLetters(c) + " 列（" + what + "）", std::string(what) + "为空"});
        return;
      }
      if (auto d = ParseLooseDate(v)) *into = *d;
      else out.errors.push_back({r + 1, ColumnLetters(c) + " 列（" + what + "）", "“" + v + "”不是日期"});
    };
    date(issued, "发布日期", &g.issued, true);
    date(repealed, "废止日期", &g.repealed, false);
    out.regulations.push_back(std::move(g));
  }
  return out;
}

}  // namespace xxgk::ledger
