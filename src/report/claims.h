// Numbers the narrative states about the tables, as the report holds them (Report::narrative_claims):
// "共接到依申请公开件7件" is a claim that 表三's new requests total 7. Found by extract/narrative_claims.h,
// compared with the tables by the checker (C13).
#pragma once

#include <optional>

#include "schema/ids.h"

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

// The one table cell a claim states, or nullopt when it states a sum of cells (kLitigationCases: the two
// litigation blocks; kDenied: every 不予公开 row). The extractor pins these cells, the checker compares them.
constexpr std::optional<ids::CellId> ClaimCell(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::kRequestsReceived: return ids::cell::t3_new_received_total;
    case ClaimKind::kRequestsDone: return ids::cell::t3_results_total_total;
    case ClaimKind::kCarriedForward: return ids::cell::t3_carried_forward_total;
    case ClaimKind::kLicenseDecisions: return ids::cell::t2_art20_5_admin_license_decisions;
    case ClaimKind::kPenaltyDecisions: return ids::cell::t2_art20_6_admin_penalty_decisions;
    case ClaimKind::kReviewCases: return ids::cell::t4_review_total;
    case ClaimKind::kNormativeIssued: return ids::cell::t2_art20_1_normative_docs_issued;
    case ClaimKind::kNormativeRepealed: return ids::cell::t2_art20_1_normative_docs_repealed;
    case ClaimKind::kNormativeInForce: return ids::cell::t2_art20_1_normative_docs_in_force;
    case ClaimKind::kLitigationCases:
    case ClaimKind::kDenied: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace xxgk
