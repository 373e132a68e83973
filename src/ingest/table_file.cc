#include "ingest/table_file.h"

#include "encoding/decode.h"
#include "packages/xlsx_rows.h"
#include "store/store.h"

namespace xxgk {

Result<std::vector<std::vector<std::string>>> ReadTableRows(std::string_view bytes, std::string_view name) {
  auto named = [&](const Error& e) { return MakeError(e.code, std::string(name) + "：" + e.message, e.hint); };
  if (LooksLikeZip(bytes)) {
    auto rows = ReadXlsxRows(bytes);
    if (!rows) return named(rows.error());
    return rows;
  }
  auto text = DecodeToUtf8(bytes);
  if (!text) return named(text.error());
  return store::ParseCsv(text->utf8);
}

}  // namespace xxgk
