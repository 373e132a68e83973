#include "ledger/application.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/normalize.h"
#include "schema/ids.h"
#include "schema/workdays.h"

namespace xxgk::ledger {
namespace {

bool Has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Strips a trailing parenthetical remark: "商业企业（含个体户）" → "商业企业".
std::string Bare(std::string_view text) {
  std::string n = Normalize(text);
  for (std::string_view open : {"(", "（"}) {
    if (size_t p = n.find(open); p != std::string::npos && p > 0) n.resize(p);
  }
  return n;
}

constexpr std::array<std::string_view, kApplicantKinds> kApplicantChinese = {"自然人", "商业企业", "科研机构",
                                                                            "社会公益组织", "法律服务机构", "其他组织"};

}  // namespace

std::string ApplicationRef(const Application& a) {
  std::string s = "申请 " + a.serial;
  if (a.source_row) s += "（台账第 " + std::to_string(a.source_row) + " 行）";
  return s;
}

const char* ChannelKey(Channel c) {
  switch (c) {
    case Channel::kInPerson: return "in_person";
    case Channel::kPost: return "post";
    case Channel::kOnline: return "online";
    case Channel::kFax: return "fax";
  }
  return "";
}

const char* ChannelChinese(Channel c) {
  switch (c) {
    case Channel::kInPerson: return "当面";
    case Channel::kPost: return "邮寄";
    case Channel::kOnline: return "网络";
    case Channel::kFax: return "传真";
  }
  return "";
}

std::optional<Channel> ParseChannel(std::string_view text) {
  const std::string n = Bare(text);
  for (Channel c : {Channel::kInPerson, Channel::kPost, Channel::kOnline, Channel::kFax}) {
    if (n == ChannelKey(c)) return c;
  }
  if (n.empty()) return std::nullopt;
  if (Has(n, "传真")) return Channel::kFax;
  if (Has(n, "当面") || Has(n, "现场") || Has(n, "窗口") || Has(n, "来访")) return Channel::kInPerson;
  if (Has(n, "邮寄") || Has(n, "信函") || Has(n, "快递") || Has(n, "EMS") || Has(n, "ems") || Has(n, "挂号")) return Channel::kPost;
  if (Has(n, "网") || Has(n, "在线") || Has(n, "平台") || Has(n, "电子邮件") || Has(n, "邮箱") || Has(n, "email")) {
    return Channel::kOnline;
  }
  return std::nullopt;
}

std::string_view ApplicantKey(int kind) {
  static constexpr std::array<ids::ColKey, kApplicantKinds> keys = {
      ids::t3_col::natural_person,  ids::t3_col::commercial_enterprise, ids::t3_col::research_institution,
      ids::t3_col::public_welfare_org, ids::t3_col::legal_service_org, ids::t3_col::other_org};
  return kind >= 0 && kind < kApplicantKinds ? keys[kind].value : std::string_view();
}

std::string_view ApplicantChinese(int kind) {
  return kind >= 0 && kind < kApplicantKinds ? kApplicantChinese[kind] : std::string_view();
}

std::optional<int> ParseApplicantKind(std::string_view text) {
  const std::string n = Bare(text);
  if (n.empty()) return std::nullopt;
  for (int k = 0; k < kApplicantKinds; ++k) {
    if (n == ApplicantKey(k) || n == kApplicantChinese[k]) return k;
  }
  // Most specific first: "法人或其他组织—商业企业" names its column after the group.
  if (Has(n, "商业企业") || Has(n, "企业") || Has(n, "公司") || Has(n, "个体工商户") || Has(n, "个体户")) return 1;
  if (Has(n, "科研") || Has(n, "研究所") || Has(n, "研究院") || Has(n, "高校") || Has(n, "大学") || Has(n, "学院")) return 2;
  if (Has(n, "公益") || Has(n, "社会组织") || Has(n, "基金会") || Has(n, "社会团体")) return 3;
  if (Has(n, "律师事务所") || Has(n, "律所") || Has(n, "法律服务") || Has(n, "法律援助")) return 4;
  if (n == "自然人" || n == "公民" || n == "个人" || n == "群众" || n == "居民" || n == "市民" || n == "村民") return 0;
  if (n == "其他" || n == "其它" || Has(n, "其他组织") || Has(n, "其它组织")) return 5;
  return std::nullopt;
}

const char* FeeMethodKey(FeeMethod m) {
  switch (m) {
    case FeeMethod::kNone: return "";
    case FeeMethod::kByCount: return "count";
    case FeeMethod::kByPages: return "pages";
  }
  return "";
}

const char* FeeMethodChinese(FeeMethod m) {
  switch (m) {
    case FeeMethod::kNone: return "不收费";
    case FeeMethod::kByCount: return "按件计收";
    case FeeMethod::kByPages: return "按量计收";
  }
  return "";
}

std::optional<FeeMethod> ParseFeeMethod(std::string_view text, std::string* error) {
  const std::string n = Bare(text);
  if (n.empty() || n == "无" || n == "否" || Has(n, "不收") || Has(n, "免") || n == "/" || n == "-") return FeeMethod::kNone;
  const bool count = n == "count" || Has(n, "按件") || Has(n, "件");
  const bool pages = n == "pages" || Has(n, "按量") || Has(n, "页") || Has(n, "量");
  if (count && pages) {
    *error = "信息处理费只能按件或按量其一计收（国办函〔2020〕109号），不能两者并用";
    return std::nullopt;
  }
  if (count) return FeeMethod::kByCount;
  if (pages) return FeeMethod::kByPages;
  *error = "“" + std::string(text) + "”不是收费方式（应填 按件、按量 或 不收费）";
  return std::nullopt;
}

const char* CaseOutcomeKey(CaseOutcome o) {
  switch (o) {
    case CaseOutcome::kUpheld: return "upheld";
    case CaseOutcome::kCorrected: return "corrected";
    case CaseOutcome::kOther: return "other";
    case CaseOutcome::kPending: return "pending";
  }
  return "";
}

const char* CaseOutcomeChinese(CaseOutcome o) {
  switch (o) {
    case CaseOutcome::kUpheld: return "维持";
    case CaseOutcome::kCorrected: return "纠正";
    case CaseOutcome::kOther: return "其他";
    case CaseOutcome::kPending: return "尚未审结";
  }
  return "";
}

std::optional<CaseOutcome> ParseCaseOutcome(std::string_view text) {
  const std::string n = Bare(text);
  for (CaseOutcome o : {CaseOutcome::kUpheld, CaseOutcome::kCorrected, CaseOutcome::kOther, CaseOutcome::kPending}) {
    if (n == CaseOutcomeKey(o) || n == CaseOutcomeChinese(o)) return o;
  }
  if (n == "结果维持") return CaseOutcome::kUpheld;
  if (n == "结果纠正") return CaseOutcome::kCorrected;
  if (n == "其他结果" || n == "其它" || n == "其它结果") return CaseOutcome::kOther;
  if (n == "未审结" || n == "审理中" || n == "在审" || n == "未结") return CaseOutcome::kPending;
  return std::nullopt;
}

std::vector<const RowDef*> OutcomeRows(const FormatSpec& format) {
  std::vector<const RowDef*> out;
  for (const RowDef& r : format.t3_rows) {
    if (r.outcome) out.push_back(&r);
  }
  return out;
}

const RowDef* OutcomeRowIn(const FormatSpec& format, std::string_view key) {
  if (int i = format.T3RowIndex(key); i >= 0 && format.t3_rows[i].outcome) return &format.t3_rows[i];
  // A row another format splits: the group it belongs to there, counted here as this format's row of that
  // label (2021's three 其他处理 rows are the 2019 trial's one row).
  for (const FormatSpec& other : AllFormats()) {
    for (const CollapsedGroup& g : other.t3_collapsed) {
      bool in = false;
      for (int r : g.rows) in = in || other.t3_rows[r].key == key;
      if (!in) continue;
      for (const RowDef& r : format.t3_rows) {
        if (r.outcome && r.label.content_norm == g.label.content_norm) return &r;
      }
    }
  }
  return nullptr;
}

std::string OutcomeChinese(std::string_view key) {
  for (const FormatSpec& f : AllFormats()) {
    if (int i = f.T3RowIndex(key); i >= 0) {
      const RowDef& r = f.t3_rows[i];
      const std::string label(StripListNumber(r.label.text));
      std::string group(StripListNumber(r.group));
      if (group.empty() || group == "三、本年度办理结果" || r.group_content_norm == "本年度办理结果") return label;
      return group + "—" + label;
    }
  }
  return std::string(key);
}

std::optional<std::string> ParseOutcome(std::string_view text, std::string* error) {
  const std::string n = Normalize(text);
  if (n.empty()) {
    *error = "办理结果为空";
    return std::nullopt;
  }
  // Every outcome row of every format, newest first; a key found in two formats is the same row.
  struct Cand {
    const RowDef* row;
    std::string content, group;
  };
  std::vector<Cand> cands;
  for (const FormatSpec& f : AllFormats()) {
    for (const RowDef* r : OutcomeRows(f)) {
      bool seen = false;
      for (const Cand& c : cands) seen = seen || c.row->key == r->key;
      if (!seen) cands.push_back({r, std::string(StripListNumber(r->label.content_norm)), r->group_content_norm});
    }
  }
  for (const Cand& c : cands) {
    if (n == c.row->key || n == c.row->label.norm || n == c.content || n == c.row->label.content_norm) return c.row->key;
  }
  // The 部分公开 row's label carries its counting rule in brackets; its first words are enough.
  const std::string bare = Bare(text);
  struct Short {
    std::string_view word;
    ids::RowKey key;
  };
  static constexpr Short kShort[] = {
      {"予以公开", ids::t3_row::granted},
      {"公开", ids::t3_row::granted},
      {"同意公开", ids::t3_row::granted},
      {"全部公开", ids::t3_row::granted},
      {"部分公开", ids::t3_row::partially_granted},
      {"国家秘密", ids::t3_row::denied_state_secret},
      {"信息不存在", ids::t3_row::unable_not_held},
      {"不掌握", ids::t3_row::unable_not_held},
      {"本机关不掌握", ids::t3_row::unable_not_held},
      {"需另行制作", ids::t3_row::unable_needs_creation},
      {"信访", ids::t3_row::not_processed_petition},
      {"信访举报投诉", ids::t3_row::not_processed_petition},
      {"重复申请", ids::t3_row::not_processed_repeated},
      {"公开出版物", ids::t3_row::not_processed_publication},
      {"逾期不补正", ids::t3_row::other_no_correction},
      {"逾期未缴费", ids::t3_row::other_fee_unpaid},
  };
  for (const Short& s : kShort) {
    if (bare == s.word) return std::string(s.key.value);
  }
  // "不予公开—属于国家秘密", "（三）不予公开 1.属于国家秘密": a group and a row's words.
  std::vector<const Cand*> hits;
  for (const Cand& c : cands) {
    if (c.content.size() >= 6 && n.find(c.content) != std::string::npos) hits.push_back(&c);
  }
  if (hits.size() > 1) {
    // Prefer the rows whose group is also named; then the longest label.
    std::vector<const Cand*> grouped;
    for (const Cand* c : hits) {
      if (!c->group.empty() && n.find(c->group) != std::string::npos) grouped.push_back(c);
    }
    if (!grouped.empty()) hits = grouped;
    size_t longest = 0;
    for (const Cand* c : hits) longest = std::max(longest, c->content.size());
    std::vector<const Cand*> top;
    for (const Cand* c : hits) {
      if (c->content.size() == longest) top.push_back(c);
    }
    hits = top;
  }
  if (hits.size() == 1) return hits[0]->row->key;
  for (std::string_view group : {"不予公开", "无法提供", "不予处理", "其他处理"}) {
    if (bare == group) {
      *error = "“" + std::string(text) + "”只写了类别，请写明是" + std::string(group) + "中的哪一种情形（表三每件申请只计一种情形）";
      return std::nullopt;
    }
  }
  *error = "“" + std::string(text) + "”不是表三的办理结果（如 予以公开、部分公开、不予公开—属于国家秘密、无法提供—本机关不掌握相关政府信息）";
  return std::nullopt;
}

std::optional<std::string> ParseLooseDate(std::string_view text) {
  // A time after the date ("2025-03-05 10:22", "2025-03-05T10:22") is dropped before white space goes.
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return std::nullopt;
  text.remove_prefix(first);
  if (size_t cut = text.find_first_of(" \tT"); cut != std::string_view::npos && cut >= 8) text = text.substr(0, cut);
  std::string s = Normalize(text);
  if (s.empty()) return std::nullopt;
  // A spreadsheet serial: days since 1899-12-30 (dates 1955–2119).
  {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end && *end == 0 && s.find_first_not_of("0123456789.") == std::string::npos && s.size() != 8) {
      if (v >= 20000 && v < 80000) return IsoOfDay(static_cast<long>(std::floor(v)) - 25569);
      return std::nullopt;
    }
  }
  int y = 0, m = 0, d = 0;
  if (s.size() >= 8 && s.find_first_not_of("0123456789") >= 8 && std::sscanf(s.c_str(), "%4d%2d%2d", &y, &m, &d) == 3) {
    // 20250305
  } else {
    // Any separators between three numbers: 2025-3-5, 2025/03/05, 2025.3.5, 2025年3月5日, then anything (a time).
    int nums[3] = {0, 0, 0}, k = 0;
    size_t i = 0;
    while (i < s.size() && k < 3) {
      if (s[i] >= '0' && s[i] <= '9') {
        int v = 0, digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 5) v = v * 10 + (s[i++] - '0'), ++digits;
        nums[k++] = v;
      } else {
        if (k == 0) return std::nullopt;  // text before the year
        ++i;
      }
    }
    if (k != 3) return std::nullopt;
    y = nums[0], m = nums[1], d = nums[2];
  }
  if (y < 1900 || y > 2200) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  if (!DayNumber(buf)) return std::nullopt;
  return std::string(buf);
}

std::optional<double> ParseYuan(std::string_view text) {
  std::string rest = Normalize(text);
  for (std::string_view drop : {"元", "￥", "¥", "RMB", ","}) {
    for (size_t p = rest.find(drop); p != std::string::npos; p = rest.find(drop)) rest.erase(p, drop.size());
  }
  if (rest.empty() || rest.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(rest.c_str(), &end);
  if (!end || *end != 0 || v < 0 || v > 1e9) return std::nullopt;
  return v;
}

}  // namespace xxgk::ledger
