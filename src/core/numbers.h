// Numbers as a report prints them.
#pragma once

#include <string>

namespace xxgk {

// Formats a number as the report would print it: integers without decimals, amounts with up to six
// decimals and no trailing zeros.
std::string FormatNumber(double v);

}  // namespace xxgk
