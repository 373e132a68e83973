// Numbers the narrative states about the tables, as the report holds them (Report::narrative_claims):
// "共接到依申请公开件7件" is a claim that 表三's new requests total 7. Found by extract/narrative_claims.h,
// compared with the tables by the checker (C13).
#pragma once

namespace xxgk {

enum class ClaimKind {
  kRequestsReceived,   // 收到/受理/接到 … 申请 N 件
  kRequestsDone,       // 办结 N 件
  kCarriedForward,     // 结转 N 件
  kLicenseDecisions,   // 行政许可 … N 条/件
  kPenaltyDecisions,   // 行政处罚 … N 条/件
  kReviewCases,        // 行政复议 N 件 (0 for "未发生…行政复议")
  kLitigationCases,    // 行政诉讼 N 件
  kNormativeIssued,    // 制发 … 规范性文件 N 件
  kNormativeRepealed,  // 废止 … 规范性文件 N 件
  kNormativeInForce,   // 现行有效 … 规范性文件 N 件
  kDenied,             // 不予公开 N 件 (the requests denied, all reasons together)
};

struct Claim {
  ClaimKind kind;
  double value;
  bool strict;  // worded precisely enough to report a contradiction (C13); loose claims only break ties
};

}  // namespace xxgk
