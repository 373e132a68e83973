// Serialising nlohmann::json without throwing: text that is not valid UTF-8 (a damaged upload, a broken
// spreadsheet) is written with U+FFFD instead of raising type_error 316.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace xxgk {

inline std::string DumpJson(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace xxgk
