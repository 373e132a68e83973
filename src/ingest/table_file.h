// The rows of a tabular file an office hands over (a registry of bodies, later a ledger): .xlsx, or CSV in
// any encoding Excel and WPS save (UTF-8 with or without BOM, GBK/GB18030, UTF-16).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xxgk {

// Rows of cells. `name` is the file's name, for messages. Errors: kCorruption or kTooLarge from the XLSX
// reader, kEncodingError for text no encoding decodes, each with the file named.
Result<std::vector<std::vector<std::string>>> ReadTableRows(std::string_view bytes, std::string_view name);

}  // namespace xxgk
