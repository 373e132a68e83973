#include "core/result.h"

namespace xxgk {

std::string ErrorText(const Error& e) {
  if (e.hint.empty()) return e.message;
  return e.message + "（" + e.hint + "）";
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kIoError: return "io_error";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kEmpty: return "empty";
    case ErrorCode::kEncodingError: return "encoding_error";
    case ErrorCode::kNotSupported: return "not_supported";
    case ErrorCode::kNotAReport: return "not_a_report";
    case ErrorCode::kCorruption: return "corruption";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kDatabase: return "database";
    case ErrorCode::kTimeLimit: return "time_limit";
  }
  return "unknown";
}

}  // namespace xxgk
