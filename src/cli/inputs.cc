#include "cli/inputs.h"

#include <cstdlib>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace xxgk::cli {

namespace fs = std::filesystem;

std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().filename().string().front() != '.') files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(p);
    }
  }
  return out;
}

Result<std::string> ReadInput(const std::string& path, uint64_t max_bytes) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return MakeError(ErrorCode::kIoError, "文件不存在");
    return MakeError(ErrorCode::kIoError, "无法打开文件（没有读取权限？）");
  }
  std::string data;
  if (path != "-") {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
      std::fclose(f);
      return MakeError(ErrorCode::kTooLarge,
                       "文件过大（" + std::to_string(size >> 20) + " MB），超过上限 " + std::to_string(max_bytes >> 20) + " MB",
                       "年度报告通常小于 10 MB；如确需处理，请调高文件大小上限（命令行 --max-mb，网页服务 --max-upload-mb）");
    }
    if (!ec) data.reserve(size);
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (data.size() + n > max_bytes) {
      if (f != stdin) std::fclose(f);
      return MakeError(ErrorCode::kTooLarge, "输入超过上限 " + std::to_string(max_bytes >> 20) + " MB",
                       "如确需处理，请调高文件大小上限（命令行 --max-mb，网页服务 --max-upload-mb）");
    }
    // Grow by doubling, but never past the limit: a stream of unknown size (stdin) then holds at most the
    // limit, whatever the allocator keeps of the smaller buffers it outgrew.
    if (data.size() + n > data.capacity()) {
      data.reserve(std::min<uint64_t>(std::max<uint64_t>(2 * data.capacity(), data.size() + n), max_bytes));
    }
    data.append(buf, n);
  }
  bool failed = std::ferror(f);
  if (f != stdin) std::fclose(f);
  if (failed) return MakeError(ErrorCode::kIoError, "读取文件时出错");
  return data;
}

std::string BaseName(const std::string& path) {
  if (path == "-") return "-";
  return fs::path(path).filename().string();
}

std::string Printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7F) {
      static const char* kHex = "0123456789abcdef";
      out += "\\x";
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string WriteErrorText(int err) {
  switch (err) {
    case ENOENT: return "所在目录不存在";
    case EACCES: return "没有写入权限";
    case ENOSPC: return "磁盘空间已满";
    case EIO: return "输入输出错误";
    case EBADF: return "标准输出已关闭";
    case 0: return "写入失败";
    default: return std::strerror(err);
  }
}

std::string DefaultStoreUrl() {
  const char* env = std::getenv("XXGK_DB");
  return env && *env ? env : "sqlite:xxgk.db";
}

int Fail(const Error& e) {
  std::fprintf(stderr, "xxgk: %s\n", ErrorText(e).c_str());
  return kExitUnprocessed;
}

void Print(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

bool WriteAll(const std::string& path, std::string_view data) {
  if (path.empty() || path == "-") {
    if (std::fwrite(data.data(), 1, data.size(), stdout) == data.size() && std::fflush(stdout) == 0) return true;
    std::fprintf(stderr, "xxgk: 写入标准输出失败：%s\n", WriteErrorText(errno).c_str());
    return false;
  }
  errno = 0;
  std::ofstream f(path, std::ios::binary);
  if (f) f.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (f) f.close();
  if (f) return true;
  const int err = errno;
  std::fprintf(stderr, "xxgk: 无法写入 %s：%s\n", Printable(path).c_str(), WriteErrorText(err).c_str());
  return false;
}

}  // namespace xxgk::cli
