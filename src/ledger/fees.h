// 信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): an office charges either by count
// (按件: the applicant's applications in a calendar month, ≤ 10 free, 11–30 at 100 元 each, then 100 元 more for
// each further band of 10) or by quantity (按量: pages, ≤ 30 free, 31–100 at 10 元, 101–200 at 20 元, above 200
// at 40 元 a page), never both. A charge may be waived (减免), so only a fee above nothing that differs from its
// tier is a finding (A3).
#pragma once

#include <string>
#include <vector>

#include "ledger/application.h"
#include "ledger/deadlines.h"

namespace xxgk::ledger {

// The fee of the n-th application (1-based) of one applicant in one calendar month, 按件.
double FeeByCount(int nth_in_month);
// The fee for `pages` pages, 按量.
double FeeByPages(int pages);

struct FeeCheck {
  const Application* app = nullptr;
  double expected = 0;  // the tier's fee
  std::string basis;    // "本月第 12 件，100 元/件"
};

struct FeeReview {
  std::vector<FeeCheck> checks;          // every application charged or with a method
  std::vector<LedgerFinding> findings;   // A3
  double total_charged = 0;              // the fees recorded, in 元
};

// Checks every application's fee against its tier. The count of an applicant's month runs over the whole
// register, by receipt date (then serial), so it must hold every application of the months concerned.
FeeReview ReviewFees(const std::vector<Application>& apps);

}  // namespace xxgk::ledger
