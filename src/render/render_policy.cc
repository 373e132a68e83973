#include "render/render_policy.h"

#include "check/checker.h"
#include "render/fill_totals.h"

namespace xxgk {

const char* RenderVerdict::code() const {
  switch (refusal) {
    case RenderRefusal::kNone: return "";
    case RenderRefusal::kTotalsDisagree: return "totals_disagree";
    case RenderRefusal::kUnfilled: return "unfilled";
    case RenderRefusal::kArithmetic: return "arithmetic";
  }
  return "";
}

RenderVerdict PrepareForRender(Report* report, bool fill_totals) {
  RenderVerdict v;
  if (fill_totals) {
    FillTotals(report, &v.findings);
    if (!v.findings.empty()) {
      v.refusal = RenderRefusal::kTotalsDisagree;
      v.message = "填写的合计与各项之和不符，未生成报告。";
      return v;
    }
  }
  for (size_t i = 0; i < report->cells.size(); ++i) {
    if (report->cells[i].state == CellState::kMissing) v.unfilled.push_back(report->format->cells[i].label);
  }
  if (!v.unfilled.empty()) {
    std::string some;
    for (size_t i = 0; i < v.unfilled.size() && i < 3; ++i) some += (i ? "、" : "") + v.unfilled[i];
    v.refusal = RenderRefusal::kUnfilled;
    v.message = "有" + std::to_string(v.unfilled.size()) + "个单元格未填写（如" + some + "），未生成报告。";
    return v;
  }
  // A rendered report must check clean: errors stop it, blank cells (C5) are said.
  Report checked = *report;
  checked.findings.clear();
  CheckArithmetic(&checked);
  CheckCells(&checked);
  for (auto& f : checked.findings) {
    if (f.severity == Severity::kError) v.refusal = RenderRefusal::kArithmetic;
    if (f.severity == Severity::kError || f.rule == InfoOf(Rule::kC5).id) v.findings.push_back(std::move(f));
  }
  if (!v.ok()) v.message = "数据有问题（勾稽关系不符），未生成报告。";
  return v;
}

}  // namespace xxgk
