// Fuzz target: a report JSON as `xxgk render` and POST /api/render receive it (any bytes), read back,
// totals filled, checked and rendered in every format.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "render/fill_totals.h"
#include "render/render.h"
#include "report/report_from_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto report = xxgk::ReportFromJson(bytes);
  if (!report) return 0;
  std::vector<xxgk::Finding> disagree;
  xxgk::FillTotals(&*report, &disagree);
  xxgk::Report checked = *report;
  xxgk::CheckArithmetic(&checked);
  xxgk::CheckCells(&checked);
  for (auto f : {xxgk::RenderFormat::kText, xxgk::RenderFormat::kMarkdown, xxgk::RenderFormat::kHtml, xxgk::RenderFormat::kDocx}) {
    (void)xxgk::RenderReport(*report, f);
  }
  return 0;
}
