#include "packages/zip_member.h"

#include <zlib.h>

#include <algorithm>
#include <string>

namespace xxgk {
namespace {

// Inflates a raw deflate stream into *out, refusing more than `limit` bytes whatever the header claims.
// (libzip would also verify the CRC-32 of the member; the XML parser rejects damaged text anyway, and the
// CRC costs an eighth of reading a report.)
Result<void> InflateRaw(std::string_view what, std::string_view in, size_t size_hint, uint64_t limit, std::string* out) {
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) return MakeError(ErrorCode::kCorruption, std::string(what) + " 无法解压");
  out->resize(std::min<uint64_t>(size_hint + 1, limit + 1));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  size_t have = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (have == out->size()) {
      if (out->size() > limit) {
        inflateEnd(&zs);
        return MakeError(ErrorCode::kTooLarge, std::string(what) + " 解压后过大（可能是压缩炸弹）");
      }
      out->resize(std::min<uint64_t>(out->size() * 2 + 4096, limit + 1));
    }
    zs.next_out = reinterpret_cast<Bytef*>(out->data() + have);
    zs.avail_out = static_cast<uInt>(out->size() - have);
    rc = inflate(&zs, Z_NO_FLUSH);
    have = out->size() - zs.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return MakeError(ErrorCode::kCorruption, std::string(what) + " 压缩数据损坏");
    }
    if (have > limit) {
      inflateEnd(&zs);
      return MakeError(ErrorCode::kTooLarge, std::string(what) + " 解压后过大（可能是压缩炸弹）");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated stream
  }
  inflateEnd(&zs);
  out->resize(have);
  return {};
}

}  // namespace

Result<std::unique_ptr<zip_t, ZipCloser>> OpenZip(std::string_view bytes, std::string_view what, std::string_view hint) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return MakeError(ErrorCode::kCorruption, std::string(what) + " 无法打开");
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open_from_source(src, ZIP_RDONLY, &err));
  if (!zip) {
    zip_source_free(src);
    zip_error_fini(&err);
    return MakeError(ErrorCode::kCorruption, std::string(what) + " 文件已损坏（不是有效的压缩包）", std::string(hint));
  }
  return zip;
}

Result<void> ReadZipMember(zip_t* zip, std::string_view what, const char* name, uint64_t limit, std::string& raw, std::string* out) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name, 0, &st) != 0) return MakeError(ErrorCode::kCorruption, std::string(what) + " 缺少 " + name);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) {
    return MakeError(ErrorCode::kTooLarge, std::string(what) + " 解压后过大（" + std::to_string(st.size >> 20) + " MB）");
  }
  const bool deflated = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_DEFLATE;
  const bool stored = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
  const zip_flags_t flags = deflated || stored ? ZIP_FL_COMPRESSED : 0;
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(zip, st.index, flags));
  if (!f) return MakeError(ErrorCode::kCorruption, std::string(what) + " 无法读取 " + name);
  // Read straight into a buffer; the sizes in the header are hints, the limit is enforced on what is read.
  size_t have = 0;
  const uint64_t raw_limit = limit;  // the stored or compressed bytes are never more than the limit either
  raw.resize((st.valid & ZIP_STAT_COMP_SIZE) && deflated ? static_cast<size_t>(std::min<uint64_t>(st.comp_size, raw_limit)) + 1
             : (st.valid & ZIP_STAT_SIZE) ? static_cast<size_t>(std::min<uint64_t>(st.size, raw_limit)) + 1
                                          : (1 << 16));
  while (true) {
    if (have == raw.size()) {
      if (raw.size() > raw_limit) return MakeError(ErrorCode::kTooLarge, std::string(what) + " 解压后过大（可能是压缩炸弹）");
      raw.resize(std::min<uint64_t>(raw.size() * 2, raw_limit + 1));
    }
    zip_int64_t n = zip_fread(f.get(), raw.data() + have, raw.size() - have);
    if (n < 0) return MakeError(ErrorCode::kCorruption, std::string(what) + " 压缩数据损坏：" + name);
    if (n == 0) break;
    have += static_cast<size_t>(n);
    if (have > raw_limit) return MakeError(ErrorCode::kTooLarge, std::string(what) + " 解压后过大（可能是压缩炸弹）");
  }
  raw.resize(have);
  if (!deflated) {
    out->swap(raw);
    return {};
  }
  return InflateRaw(what, raw, (st.valid & ZIP_STAT_SIZE) ? static_cast<size_t>(std::min<uint64_t>(st.size, limit)) : raw.size() * 4,
                    limit, out);
}


}  // namespace xxgk
