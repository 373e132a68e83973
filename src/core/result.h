// Result<T> and Error: the return type of anything that can fail on input.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace xxgk {

// Expected failure kinds. Messages shown to users are Chinese; the code is for programs and tests.
enum class ErrorCode {
  kIoError,         // the file could not be read
  kTooLarge,        // the input is over the configured size limit
  kEmpty,           // the input has no bytes, or no text
  kEncodingError,   // the bytes are not text in any encoding xxgk knows
  kNotSupported,    // a container xxgk does not read (legacy .doc, images, archives…)
  kNotAReport,      // text, but not a government information-disclosure annual report
  kCorruption,      // a damaged container (broken zip, PDF…)
  kInvalidArgument, // a bad option or template
  kDatabase,        // the store could not be opened, read or written
  kTimeLimit,       // the document took more than its work budget (--max-seconds)
};

struct Error {
  ErrorCode code;
  std::string message;  // what went wrong, in Chinese, without the file name
  std::string hint;     // how to fix it, may be empty
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message, std::string hint = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(hint)});
}

// The message with its hint, as shown to users: "文件过大（…）".
std::string ErrorText(const Error& e);

// Short English name of an error code, for logs and JSON.
const char* ErrorCodeName(ErrorCode code);

// The HTTP status the server answers an error with: 413 kTooLarge; 422 for an input that is not a readable
// report (kEmpty, kEncodingError, kNotSupported, kNotAReport, kCorruption, kTimeLimit); 400 kInvalidArgument;
// 500 kDatabase and kIoError (the server's own trouble). Beside the codes so a new code is mapped where it is
// declared.
int HttpStatusOf(ErrorCode code);

// The CLI's exit codes (as ripgrep's): every input processed and no error finding; error findings; an input
// could not be processed (the others still were) or a usage error. Any input error is kExitUnprocessed.
inline constexpr int kExitClean = 0;
inline constexpr int kExitErrorFindings = 1;
inline constexpr int kExitUnprocessed = 2;

}  // namespace xxgk
