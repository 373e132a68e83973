// Fuzz target: a filled XLSX template as `xxgk render` reads it (ZIP, shared strings, sheet XML).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "render/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (xxgk::IsXlsx(bytes)) (void)xxgk::ReportFromTemplateXlsx(bytes);
  return 0;
}
