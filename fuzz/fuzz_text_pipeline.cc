// Fuzz target: bytes → decode → text reader → extract → check → JSON, the whole text pipeline.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"
#include "report/report_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto report = xxgk::ProcessDocument(bytes, "fuzz.txt");
  if (report) {
    std::string out;
    xxgk::WriteReportJson(*report, &out);
  }
  return 0;
}
