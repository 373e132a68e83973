#include "report/report.h"

namespace xxgk {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "info";
}

const char* SeverityChinese(Severity s) {
  switch (s) {
    case Severity::kError: return "错误";
    case Severity::kWarning: return "警告";
    case Severity::kInfo: return "提示";
  }
  return "提示";
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
