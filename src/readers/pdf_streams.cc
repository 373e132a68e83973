#include "readers/pdf_streams.h"

#include <zlib.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "core/find.h"

namespace xxgk {
namespace {

constexpr size_t kNoObject = SIZE_MAX;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsPdfSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

// The object number of "N G obj" ending at `obj` (the offset of "obj"), or kNoObject.
size_t ObjectNumberBefore(std::string_view s, size_t obj) {
  size_t i = obj;
  auto skip_space = [&] { while (i > 0 && IsPdfSpace(s[i - 1])) --i; };
  auto digits = [&](size_t* value) {
    size_t end = i;
    while (i > 0 && IsDigit(s[i - 1]) && end - i < 10) --i;
    if (i == end) return false;
    *value = 0;
    for (size_t k = i; k < end; ++k) *value = *value * 10 + static_cast<size_t>(s[k] - '0');
    return true;
  };
  size_t gen = 0, num = 0;
  skip_space();
  if (!digits(&gen)) return kNoObject;
  skip_space();
  if (!digits(&num)) return kNoObject;
  return num;
}

// Inflates data, counting what comes out (into a scratch buffer). Keeps the output in *keep when keep is
// set. Stops at cap bytes (then *over). A damaged stream counts what inflated before the damage.
struct InflateOutcome {
  uint64_t bytes = 0;
  bool over = false;
  bool timed_out = false;
};

InflateOutcome Inflate(std::string_view data, uint64_t cap, std::string* keep, const Deadline& deadline) {
  InflateOutcome out;
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return out;
  thread_local std::vector<unsigned char> scratch(1 << 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(data.size(), UINT32_MAX));
  uint32_t rounds = 0;
  for (;;) {
    z.next_out = scratch.data();
    z.avail_out = static_cast<uInt>(scratch.size());
    int rc = inflate(&z, Z_NO_FLUSH);
    size_t produced = scratch.size() - z.avail_out;
    out.bytes += produced;
    if (keep) keep->append(reinterpret_cast<const char*>(scratch.data()), produced);
    if (out.bytes > cap) {
      out.over = true;
      break;
    }
    if (rc != Z_OK || produced == 0) break;  // the end, damage, or no progress
    if ((++rounds & 15u) == 0 && deadline.Expired()) {
      out.timed_out = true;
      break;
    }
  }
  inflateEnd(&z);
  return out;
}

// Adds up, for every "/Contents N G R" and "/Contents [N G R …]" in s, the inflated size of the objects
// named. Stops early once the sum passes limit.
uint64_t AddPageContent(std::string_view s, const std::unordered_map<size_t, uint64_t>& sizes, uint64_t sum, uint64_t limit) {
  static const std::string_view kKey = "/Contents";
  for (size_t p = FindBytes(s, kKey); p != std::string_view::npos && sum <= limit; p = FindBytes(s, kKey, p + kKey.size())) {
    size_t i = p + kKey.size();
    while (i < s.size() && IsPdfSpace(s[i])) ++i;
    bool array = i < s.size() && s[i] == '[';
    if (array) ++i;
    // A reference list: "N G R" repeated (one without brackets).
    for (int refs = 0; refs < 4096; ++refs) {
      while (i < s.size() && IsPdfSpace(s[i])) ++i;
      size_t num = 0, digits = 0;
      while (i < s.size() && IsDigit(s[i]) && digits < 10) num = num * 10 + static_cast<size_t>(s[i++] - '0'), ++digits;
      if (digits == 0) break;
      while (i < s.size() && IsPdfSpace(s[i])) ++i;
      size_t gen_digits = 0;
      while (i < s.size() && IsDigit(s[i]) && gen_digits < 10) ++i, ++gen_digits;
      while (i < s.size() && IsPdfSpace(s[i])) ++i;
      if (gen_digits == 0 || i >= s.size() || s[i] != 'R') break;
      ++i;
      if (auto it = sizes.find(num); it != sizes.end()) sum += it->second;
      if (!array) break;
    }
  }
  return sum;
}

std::string Mb(uint64_t bytes) { return std::to_string(bytes >> 20); }

}  // namespace

Result<PdfStreamCost> MeasurePdfStreams(std::string_view s, const PdfStreamLimits& limits, const Deadline& deadline) {
  PdfStreamCost cost;
  std::unordered_map<size_t, uint64_t> sizes;  // object number → inflated size
  std::vector<std::string> object_streams;     // inflated /ObjStm contents, searched for pages
  static const std::string_view kStream = "stream";
  size_t pos = 0;
  while (true) {
    size_t k = FindBytes(s, kStream, pos);
    if (k == std::string_view::npos) break;
    pos = k + kStream.size();
    if (k >= 3 && s.compare(k - 3, 3, "end") == 0) continue;  // "endstream"
    size_t data = k + kStream.size();
    if (data < s.size() && s[data] == '\r') ++data;
    if (data >= s.size() || s[data] != '\n') {
      if (data < s.size() && s[data - 1] != '\r') continue;  // not the keyword
    } else {
      ++data;
    }
    // The dictionary: after the last "obj" before the keyword (within 64 KiB).
    size_t window = k > 65536 ? k - 65536 : 0;
    std::string_view before = s.substr(window, k - window);
    size_t obj = before.rfind("obj");
    if (obj == std::string_view::npos) continue;
    size_t obj_at = window + obj;
    size_t number = obj_at >= 3 && s.compare(obj_at - 3, 3, "end") == 0 ? kNoObject : ObjectNumberBefore(s, obj_at);
    std::string_view dict = s.substr(obj_at + 3, k - obj_at - 3);
    size_t end = FindBytes(s, "endstream", data);
    if (end == std::string_view::npos) end = s.size();
    pos = std::max(pos, end);
    if (FindBytes(dict, "FlateDecode") == std::string_view::npos) continue;
    if (FindBytes(dict, "/Image") != std::string_view::npos) continue;  // images are never decoded for text
    bool object_stream = FindBytes(dict, "/ObjStm") != std::string_view::npos;
    uint64_t room = limits.max_inflated_bytes - cost.inflated;
    uint64_t cap = std::min(limits.max_stream_bytes, room);
    std::string kept;
    InflateOutcome r = Inflate(s.substr(data, end - data), cap, object_stream ? &kept : nullptr, deadline);
    if (r.timed_out) return TimeLimitError(deadline, "解压 PDF 内容时");
    ++cost.streams;
    cost.inflated += r.bytes;
    if (r.over) {
      if (r.bytes > limits.max_stream_bytes) {
        return MakeError(ErrorCode::kTooLarge,
                         "PDF 中有一段内容解压后超过 " + Mb(limits.max_stream_bytes) + " MB（正常的报告每页不过几十 KB），不予处理",
                         "这可能是恶意构造或损坏的 PDF；请重新导出 PDF，或提供报告的网页、Word 版本");
      }
      return MakeError(ErrorCode::kTooLarge, "PDF 内容解压后合计超过 " + Mb(limits.max_inflated_bytes) + " MB，不予处理",
                       "请重新导出 PDF，或提供报告的网页、Word 版本");
    }
    if (number != kNoObject) sizes[number] = r.bytes;
    if (object_stream) object_streams.push_back(std::move(kept));
    if (deadline.Expired()) return TimeLimitError(deadline, "解压 PDF 内容时");
  }
  uint64_t sum = AddPageContent(s, sizes, 0, limits.max_page_content_bytes);
  for (const std::string& o : object_streams) sum = AddPageContent(o, sizes, sum, limits.max_page_content_bytes);
  cost.page_content = sum;
  if (sum > limits.max_page_content_bytes) {
    return MakeError(ErrorCode::kTooLarge,
                     "PDF 各页的内容解压后合计超过 " + Mb(limits.max_page_content_bytes) + " MB（多页重复使用同一大段内容），不予处理",
                     "这可能是恶意构造的 PDF；请重新导出 PDF，或提供报告的网页、Word 版本");
  }
  return cost;
}

}  // namespace xxgk
