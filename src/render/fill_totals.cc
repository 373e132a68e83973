#include "render/fill_totals.h"

#include <cmath>

#include "core/numbers.h"

namespace xxgk {

int FillTotals(Report* r, std::vector<Finding>* disagreements) {
  if (!r->format) return 0;
  const FormatSpec& f = *r->format;
  int filled = 0;
  std::vector<bool> reported(f.constraints.size(), false);
  // Totals feed other totals ((七)总计 of the 总计 column): repeat until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = 0; k < f.constraints.size(); ++k) {
      const Constraint& c = f.constraints[k];
      if ((c.rule_id != Rule::kC2 && c.rule_id != Rule::kC3 && c.rule_id != Rule::kC4) || c.relation != Relation::kEqual || c.lhs.size() != 1) continue;
      double sum = 0;
      bool known = true;
      for (int idx : c.rhs) {
        if (!r->HasValue(idx)) {
          known = false;
          break;
        }
        sum += r->cells[idx].value;
      }
      if (!known) continue;
      CellValue& total = r->cells[c.lhs[0]];
      if (total.state != CellState::kValue) {
        total.state = CellState::kValue;
        total.value = sum;
        total.integral = std::floor(sum) == sum;
        r->tables[static_cast<int>(c.table)].present = true;
        ++filled;
        changed = true;
      } else if (std::fabs(total.value - sum) > 1e-9 && !reported[k]) {
        reported[k] = true;
        Finding fd = MakeFinding(c.rule_id, Severity::kError);
        fd.cells.push_back(f.cells[c.lhs[0]].id);
        fd.expected = sum;
        fd.actual = total.value;
        fd.message = c.scope + "：填写的" + f.cells[c.lhs[0]].label + "为" + FormatNumber(total.value) + "，但各项之和为" +
                     FormatNumber(sum) + "。请改正或删去该合计，由 --fill-totals 计算。";
        disagreements->push_back(std::move(fd));
      }
    }
  }
  return filled;
}

}  // namespace xxgk
