// Input handling for the CLI: expanding files and directories, reading bytes with a size limit, stdin.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xxgk::cli {

// Expands the given paths: files as given, directories recursively (regular files, sorted), "-" as stdin.
// Paths that do not exist are kept, so that reading them reports the error in order.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths);

// Reads a whole file (or stdin for "-"), refusing more than max_bytes without reading it all.
// Errors: kIoError (missing, a directory, unreadable), kTooLarge (over max_bytes).
Result<std::string> ReadInput(const std::string& path, uint64_t max_bytes);

// The store URL when --db is not given: $XXGK_DB, else sqlite:xxgk.db.
std::string DefaultStoreUrl();

// The file name without directories.
std::string BaseName(const std::string& path);

// Text safe to print on a terminal: control characters (a newline or an escape code in a file name) are
// written as \n, \t or \xNN.
std::string Printable(std::string_view s);

// Says on standard error why a command could not be done ("xxgk: " and the error with its hint) and returns
// kExitUnprocessed, for `return Fail(e);`.
int Fail(const Error& e);
// Writes text on standard output.
void Print(std::string_view s);

// Writes data to path (standard output for "" or "-"); a failure is reported on standard error, naming the
// file and the cause, and returns false.
bool WriteAll(const std::string& path, std::string_view data);

// Why a write failed, for an officer: the common causes in Chinese, others as the system says.
std::string WriteErrorText(int err);

}  // namespace xxgk::cli
