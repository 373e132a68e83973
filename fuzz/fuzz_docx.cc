// Fuzz target: the docx reader, then extraction and checking of whatever it read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/checker.h"
#include "extract/extract.h"
#include "readers/docx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  xxgk::Document doc;
  if (xxgk::ReadDocx(bytes, &doc)) {
    xxgk::Report report = xxgk::ExtractReport(doc);
    xxgk::CheckReport(&report);
  }
  return 0;
}
