#include "render/zip_writer.h"

#include <zip.h>

namespace xxgk {

Result<std::string> ZipInMemory(const std::vector<std::pair<std::string, std::string_view>>& files, std::string_view what) {
  const std::string name(what);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* mem = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!mem) return MakeError(ErrorCode::kIoError, "无法生成" + name + "（内存）");
  zip_source_keep(mem);
  zip_t* za = zip_open_from_source(mem, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(mem);
    return MakeError(ErrorCode::kIoError, "无法生成" + name + "（zip）");
  }
  for (const auto& [path, data] : files) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!s || zip_file_add(za, path.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(mem);
      return MakeError(ErrorCode::kIoError, "无法生成" + name + "（写入）");
    }
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(mem);
    return MakeError(ErrorCode::kIoError, "无法生成" + name + "（压缩）");
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(mem, &st) == 0 && (st.valid & ZIP_STAT_SIZE) && zip_source_open(mem) == 0) {
    out.resize(st.size);
    zip_int64_t n = zip_source_read(mem, out.data(), st.size);
    zip_source_close(mem);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) out.clear();
  }
  zip_source_free(mem);
  if (out.empty()) return MakeError(ErrorCode::kIoError, "无法生成" + name + "（读出）");
  return out;
}

}  // namespace xxgk
