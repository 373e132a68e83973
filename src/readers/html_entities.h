// HTML character references: &amp; &#20013; &#x4E2D; and the named ones found in government pages and
// Word output. Unknown names are kept as written.
#pragma once

#include <string>
#include <string_view>

namespace xxgk {

// Appends raw with its character references decoded; \r\n and \r become \n, NUL becomes U+FFFD.
void AppendHtmlText(std::string_view raw, std::string* out);

}  // namespace xxgk
