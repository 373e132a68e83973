// A ZIP archive built in memory (libzip), for Word files and bulk downloads.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace xxgk {

// The archive of `files` (name in the archive, bytes; names UTF-8, deflated). The bytes must outlive the
// call. Errors: kIoError when libzip cannot allocate or write, the message naming `what` ("Word 文件").
Result<std::string> ZipInMemory(const std::vector<std::pair<std::string, std::string_view>>& files, std::string_view what);

}  // namespace xxgk
