// The supervisor's data files (packs/*.json, compiled in; more can be given as files): indicator definitions
// ("kind": "indicators") and scoring packs ("kind": "scoring"). See packs/README.md for their fields.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xxgk::store {

// The built-in packs, as parsed JSON, in file-name order.
const std::vector<nlohmann::json>& BuiltinPacks();
// A built-in pack by its id ("statutory", "example-city", "indicators"), or nullptr.
const nlohmann::json* FindPack(std::string_view id);
// A pack from a file's text, checked for its kind and the fields that kind needs. Errors: kInvalidArgument
// naming the field.
Result<nlohmann::json> ParsePack(std::string_view text, std::string_view want_kind);

}  // namespace xxgk::store
