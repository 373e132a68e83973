#include "core/result.h"

namespace xxgk {

std::string ErrorText(const Error& e) {
  if (e.hint.empty()) return e.message;
  return e.message + "（" + e.hint + "）";
}

int HttpStatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kEmpty:
    case ErrorCode::kEncodingError:
    case ErrorCode::kNotSupported:
    case ErrorCode::kNotAReport:
    case ErrorCode::kCorruption:
    case ErrorCode::kTimeLimit: return 422;
    case ErrorCode::kDatabase:
    case ErrorCode::kIoError: return 500;
    case ErrorCode::kInvalidArgument: return 400;
  }
  return 400;
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
