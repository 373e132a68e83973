// SHA-256 (FIPS 180-4), for content-addressing documents.
#pragma once

#include <string>
#include <string_view>

namespace xxgk {

// Returns the lowercase hex digest of data.
std::string Sha256Hex(std::string_view data);

}  // namespace xxgk
