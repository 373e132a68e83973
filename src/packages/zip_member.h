// Members of a ZIP package (DOCX, XLSX) read from memory, with the uncompressed size bounded whatever the
// headers claim (zip bombs). `what` names the package kind in messages ("DOCX", "XLSX").
#pragma once

#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace xxgk {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};


// Opens a package held in `bytes` (which must outlive it). Errors: kCorruption, with `hint` as the fix.
Result<std::unique_ptr<zip_t, ZipCloser>> OpenZip(std::string_view bytes, std::string_view what, std::string_view hint);

// Reads one member, refusing more than `limit` bytes whatever the header claims. `raw` and `out` are the
// caller's buffers, reused across documents. Errors: kCorruption (missing, damaged), kTooLarge.
Result<void> ReadZipMember(zip_t* zip, std::string_view what, const char* name, uint64_t limit, std::string& raw, std::string* out);

}  // namespace xxgk
