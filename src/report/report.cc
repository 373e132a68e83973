#include "report/report.h"

namespace xxgk {

Finding MakeFinding(Rule rule) { return MakeFinding(rule, InfoOf(rule).severity); }

Finding MakeFinding(Rule rule, Severity severity) {
  Finding f;
  f.rule = std::string(InfoOf(rule).id);
  f.severity = severity;
  return f;
}

const char* PrintedUnitChinese(PrintedUnit u) {
  switch (u) {
    case PrintedUnit::kNone: return "";
    case PrintedUnit::kYuan: return "元";
    case PrintedUnit::kThousandYuan: return "千元";
    case PrintedUnit::kTenThousandYuan: return "万元";
  }
  return "";
}

int Report::ErrorCount() const {
  int n = 0;
  for (const auto& f : findings) n += f.severity == Severity::kError;
  return n;
}

}  // namespace xxgk
