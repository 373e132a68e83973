#include "encoding/chinese_variant.h"

#include <opencc/opencc.h>

#include "core/find.h"

namespace xxgk {
namespace {

// Pairs of (Traditional, Simplified) forms frequent in every annual report.
constexpr std::string_view kPairs[][2] = {
    {"報告", "报告"}, {"資訊", "信息"}, {"申請", "申请"}, {"處理", "处理"}, {"數量", "数量"}, {"總計", "总计"},
    {"機關", "机关"}, {"條例", "条例"}, {"訴訟", "诉讼"}, {"複議", "复议"}, {"結轉", "结转"}, {"公開", "公开"},
};

struct OpenccHandle {
  opencc_t handle;
  OpenccHandle() : handle(opencc_open("t2s.json")) {}
  ~OpenccHandle() {
    if (handle != reinterpret_cast<opencc_t>(-1)) opencc_close(handle);
  }
  bool ok() const { return handle != reinterpret_cast<opencc_t>(-1); }
};

std::string Convert(opencc_t h, std::string_view s) {
  std::string in(s);
  char* out = opencc_convert_utf8(h, in.c_str(), in.size());
  if (!out) return in;
  std::string r(out);
  opencc_convert_utf8_free(out);
  return r;
}

}  // namespace

bool ClearlySimplified(std::string_view utf8) {
  constexpr size_t kHead = 4096;  // where 公开 must start
  static_assert(kClearlySimplifiedReads >= kHead + 6);
  return FindBytes(utf8.substr(0, kClearlySimplifiedReads), "公开") < kHead;
}

bool LooksTraditional(std::string_view utf8) {
  std::string_view sample = utf8.substr(0, 64 * 1024);
  if (ClearlySimplified(sample)) return false;
  int trad = 0, simp = 0;
  for (const auto& p : kPairs) {
    trad += Contains(sample, p[0]);
    simp += Contains(sample, p[1]);
  }
  return trad >= 3 && trad > simp;
}

bool ConvertDocumentToSimplified(Document* doc) {
  thread_local OpenccHandle cc;
  if (!cc.ok()) return false;
  for (Block& b : doc->blocks) {
    if (!b.text.empty()) b.text = doc->Keep(Convert(cc.handle, b.text));
    for (auto& row : b.rows) {
      for (Cell& c : row) {
        if (!c.text.empty()) c.text = doc->Keep(Convert(cc.handle, c.text));
      }
    }
  }
  return true;
}

}  // namespace xxgk
