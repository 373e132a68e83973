#include "ledger/fees.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/numbers.h"

namespace xxgk::ledger {
namespace {

std::string Yuan(double v) { return FormatNumber(v) + " 元"; }

}  // namespace

double FeeByCount(int nth) {
  if (nth <= 10) return 0;
  if (nth <= 30) return 100;
  return 100.0 * (2 + (nth - 31) / 10);  // 31–40: 200, 41–50: 300, …
}

double FeeByPages(int pages) {
  const auto band = [&](int from, int to) { return std::max(0, std::min(pages, to) - from); };
  return 10.0 * band(30, 100) + 20.0 * band(100, 200) + 40.0 * std::max(0, pages - 200);
}

FeeReview ReviewFees(const std::vector<Application>& apps) {
  FeeReview out;
  // Each named applicant's applications per calendar month, in receipt order.
  std::map<std::pair<std::string, std::string>, std::vector<const Application*>> months;
  for (const Application& a : apps) {
    if (!a.applicant.empty() && a.ReceiptDate().size() >= 7) months[{a.applicant, a.ReceiptDate().substr(0, 7)}].push_back(&a);
  }
  std::vector<int> nth(apps.size(), 0);  // by index into apps
  for (auto& [key, list] : months) {
    std::stable_sort(list.begin(), list.end(), [](const Application* x, const Application* y) {
      return x->ReceiptDate() != y->ReceiptDate() ? x->ReceiptDate() < y->ReceiptDate() : x->serial < y->serial;
    });
    for (size_t i = 0; i < list.size(); ++i) nth[static_cast<size_t>(list[i] - apps.data())] = static_cast<int>(i) + 1;
  }
  for (const Application& a : apps) {
    out.total_charged += a.fee_yuan;
    if (a.fee_method == FeeMethod::kNone && a.fee_yuan <= 0) continue;
    FeeCheck c;
    c.app = &a;
    bool known = true;
    if (a.fee_method == FeeMethod::kByCount) {
      if (a.applicant.empty()) {
        known = false;
        c.basis = "按件计收，但台账没有申请人姓名或名称，无法确定其当月件数";
      } else {
        const int n = nth[static_cast<size_t>(&a - apps.data())];
        c.expected = FeeByCount(n);
        c.basis = "按件计收：该申请人 " + a.ReceiptDate().substr(0, 7) + " 第 " + std::to_string(n) + " 件，" +
                  (c.expected > 0 ? Yuan(c.expected) + "/件" : std::string("10 件以内不收费"));
      }
    } else if (a.fee_method == FeeMethod::kByPages) {
      c.expected = FeeByPages(a.pages);
      c.basis = "按量计收：" + std::to_string(a.pages) + " 页，应收 " + Yuan(c.expected);
    } else {
      c.basis = "未写明计收方式（按件或按量）";
    }
    out.checks.push_back(c);
    if (a.fee_yuan <= 0) continue;  // nothing charged: a waiver is allowed
    if (a.fee_method == FeeMethod::kNone || !known || std::fabs(a.fee_yuan - c.expected) > 0.005) {
      out.findings.push_back({Rule::kA3, InfoOf(Rule::kA3).severity, a.serial, a.source_row,
                              ApplicationRef(a) + "：收取信息处理费 " + Yuan(a.fee_yuan) + "，" + c.basis +
                                  (a.fee_method == FeeMethod::kNone || !known ? "" : "，应为 " + Yuan(c.expected))});
    }
  }
  return out;
}

}  // namespace xxgk::ledger
