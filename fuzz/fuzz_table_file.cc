// Fuzz target: a tabular file an office hands over (CSV in any encoding, or XLSX) read into rows, and the
// rows read as a registry of bodies (the parser `xxgk registry import` and POST /api/registry/import use).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/table_file.h"
#include "store/registry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto rows = xxgk::ReadTableRows(bytes, "fuzz");
  if (rows) (void)xxgk::store::ParseRegistry(*rows);
  return 0;
}
