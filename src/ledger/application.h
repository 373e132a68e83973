// The office's register (台账) of 依申请公开 applications: one record per application, as 条例 and the
// report's table 3 need it — when and how it was received, who asked, 补正, third-party consultation, 延期,
// the reply and its outcome (one row of table 3), the fee, and any 复议 or 诉讼 that followed. Dates are ISO
// strings ("2025-03-05"), empty when not known. The loose spellings offices type in their ledgers are read
// here, once, for the importer and the web app's form alike.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/format_spec.h"

namespace xxgk::ledger {

// 渠道, which decides the receipt date (条例第三十一条).
enum class Channel : uint8_t { kInPerson, kPost, kOnline, kFax };
const char* ChannelKey(Channel c);      // "in_person", "post", "online", "fax"
const char* ChannelChinese(Channel c);  // 当面, 邮寄, 网络, 传真
// 当面/现场/窗口, 邮寄/信函/快递/EMS, 网络/网上/在线/互联网/网站/平台/电子邮件, 传真, or a key; nullopt otherwise.
std::optional<Channel> ParseChannel(std::string_view text);

// 申请人类型: the six applicant columns of table 3, by their index (0 自然人 … 5 其他).
inline constexpr int kApplicantKinds = 6;
std::string_view ApplicantKey(int kind);      // the table-3 column key ("natural_person")
std::string_view ApplicantChinese(int kind);  // 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他组织
// 公民/个人/自然人, 企业/公司/商业企业/个体工商户, 科研机构/高校/研究所, 社会组织/社会公益组织/基金会,
// 律师事务所/律所/法律服务机构, 其他组织/其他, and the column keys; nullopt for anything else (never guessed).
std::optional<int> ParseApplicantKind(std::string_view text);

enum class FeeMethod : uint8_t { kNone, kByCount, kByPages };  // 国办函〔2020〕109号: 按件 or 按量, never both
const char* FeeMethodKey(FeeMethod m);      // "", "count", "pages"
const char* FeeMethodChinese(FeeMethod m);  // 不收费, 按件计收, 按量计收
// Errors (a message): a text naming both methods.
std::optional<FeeMethod> ParseFeeMethod(std::string_view text, std::string* error);

// A 复议 or 诉讼 that followed the reply: the year it was filed, its outcome and the year it ended.
enum class CaseOutcome : uint8_t { kUpheld, kCorrected, kOther, kPending };
const char* CaseOutcomeKey(CaseOutcome o);      // "upheld", "corrected", "other", "pending" (table 4's columns)
const char* CaseOutcomeChinese(CaseOutcome o);  // 维持, 纠正, 其他, 尚未审结
// 维持/结果维持, 纠正/结果纠正, 其他/其他结果, 尚未审结/未审结/审理中; nullopt otherwise.
std::optional<CaseOutcome> ParseCaseOutcome(std::string_view text);
struct CaseRecord {
  int filed_year = 0;                 // 0: none
  CaseOutcome outcome = CaseOutcome::kPending;
  int ended_year = 0;                 // 0 while pending
  bool present() const { return filed_year != 0; }
};

struct Application {
  int64_t id = 0;             // the store's id; 0 before it is stored
  std::string serial;         // 编号: unique within the body's register
  size_t source_row = 0;      // the ledger row it was imported from (0: entered in the app)
  Channel channel = Channel::kOnline;
  std::string submitted;      // 提交日期
  std::string received;       // 收到日期 as 第三十一条 defines it (签收 / 双方确认); empty: the submission date counts
  std::string applicant;      // 申请人 (the same name is the same applicant for 按件 fees)
  int kind = 0;               // 申请人类型 (ApplicantKey)
  std::string request;        // 申请内容
  std::string correction_requested, correction_received;  // 补正: notice sent, corrected request received
  std::string consult_start, consult_end;                 // 征求第三方或其他机关意见
  std::string extension_approved;  // 延期: approved on (第三十三条第二款)
  int extension_days = 0;          // working days added (≤ 20)
  std::string art35_due;      // 第三十五条: the reasonable deadline the office set for a large number of requests
  std::string replied;        // 答复（办结）日期
  std::string outcome;        // the table-3 outcome row key; empty while open
  FeeMethod fee_method = FeeMethod::kNone;
  double fee_yuan = 0;        // 信息处理费 charged, in 元
  int pages = 0;              // 按量: pages provided
  CaseRecord review, litigation;  // litigation after a review is 复议后起诉, otherwise 未经复议直接起诉
  std::string note;

  // The day the statutory clock starts from: the receipt date, or the submission date when none is recorded.
  const std::string& ReceiptDate() const { return received.empty() ? submitted : received; }
};

// How messages name an application: "申请 YSQ-2025-0001（台账第 12 行）".
std::string ApplicationRef(const Application& a);

// The outcome rows of a format (RowDef::outcome), in table order.
std::vector<const RowDef*> OutcomeRows(const FormatSpec& format);
// The row of `format` an outcome key is counted in: the row itself, or, for a 2021 key in the 2019 trial
// format (其他处理's three rows), the row they collapse into. nullptr when the format cannot count it (the
// 2019 其他处理 in a 2021 year must be split by hand).
const RowDef* OutcomeRowIn(const FormatSpec& format, std::string_view key);
// Reads an outcome as offices write it: a row key, the row's label with or without its number, its group and
// label (不予公开—属于国家秘密), or a common shorthand (公开, 部分公开, 信息不存在, 信访, 逾期不补正 …).
// Matched against the outcome rows of the newest format and the 2019 trial's 其他处理. nullopt with a message
// when nothing matches or the text is ambiguous (不予公开 alone: which of the eight?).
std::optional<std::string> ParseOutcome(std::string_view text, std::string* error);
// The outcome's label for people ("予以公开", "不予公开—属于国家秘密").
std::string OutcomeChinese(std::string_view key);

// A date as offices type it: 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305, a time after it, or a
// spreadsheet serial (45721, 45721.5). The ISO date, or nullopt.
std::optional<std::string> ParseLooseDate(std::string_view text);
// A number of 元 ("100", "100.00元", "￥100", "1,200"); nullopt otherwise.
std::optional<double> ParseYuan(std::string_view text);

}  // namespace xxgk::ledger
