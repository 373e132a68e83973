#include "readers/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/normalize.h"
#include "readers/limits.h"

namespace xxgk {
namespace {

void QuietPoppler(const std::string&, void*) {}

// A running page number: "-3-", "— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 5 页", "3/5". The digits must
// form one short number: "4 0 0 0 0 0 4" is a table row, not a page number.
bool IsPageNumber(std::string_view raw) {
  std::string_view t = TrimSpace(raw);
  if (t.empty() || t.size() > 40) return false;
  int numbers = 0;
  size_t digits_in_run = 0;
  bool in_digits = false;
  for (size_t i = 0; i < t.size();) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c >= '0' && c <= '9') {
      if (!in_digits) ++numbers;
      in_digits = true;
      if (++digits_in_run > 4) return false;
      ++i;
      continue;
    }
    in_digits = false;
    digits_in_run = 0;
    std::string_view rest = t.substr(i);
    bool ok = false;
    for (std::string_view junk : {" ", "\t", "—", "–", "-", "第", "页", "共", "/", "Page", "page", "of", "·"}) {
      if (rest.substr(0, junk.size()) == junk) {
        i += junk.size();
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return numbers >= 1 && numbers <= 2;
}

struct PageLines {
  std::vector<std::string> lines;
};

}  // namespace

Result<void> ReadPdf(std::string_view bytes, Document* doc, const PdfLimits& limits) {
  poppler::set_debug_error_function(QuietPoppler, nullptr);
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return MakeError(ErrorCode::kTooLarge, "PDF 文件过大");
  if (auto cost = MeasurePdfStreams(bytes, limits.streams, limits.deadline); !cost) return tl::unexpected(cost.error());
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) return MakeError(ErrorCode::kCorruption, "PDF 文件已损坏，无法打开", "请重新下载或另存为 PDF 后再试");
  if (pdf->is_locked()) return MakeError(ErrorCode::kNotSupported, "PDF 文件已加密，无法读取文字");
  int pages = pdf->pages();
  if (pages > limits.max_pages) {
    return MakeError(ErrorCode::kTooLarge, "PDF 页数过多（" + std::to_string(pages) + " 页，上限 " +
                                               std::to_string(limits.max_pages) + " 页）");
  }
  doc->source.encoding = "PDF";
  std::vector<PageLines> page_lines(pages);
  size_t text_chars = 0;
  for (int p = 0; p < pages; ++p) {
    if (limits.deadline.Expired()) return TimeLimitError(limits.deadline, "读取 PDF 第 " + std::to_string(p + 1) + " 页时");
    std::unique_ptr<poppler::page> page(pdf->create_page(p));
    if (!page) continue;
    poppler::byte_array utf8 = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::string text(utf8.begin(), utf8.end());
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find_first_of("\n\f", pos);
      if (nl == std::string::npos) nl = text.size();
      std::string line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      page_lines[p].lines.push_back(std::move(line));
      pos = nl + 1;
    }
    for (char c : text) text_chars += static_cast<unsigned char>(c) > ' ';
  }
  if (text_chars < 20) {
    return MakeError(ErrorCode::kNotSupported, "PDF 没有文字层（可能是扫描件或图片），无法读取内容",
                     "请提供带文字层的 PDF，或报告的网页、Word 版本");
  }
  // Running headers and footers: the first and last non-empty lines that recur on most pages.
  std::map<std::string, int> edge_count;
  auto edges = [&](const PageLines& pl, std::vector<std::string>* out) {
    std::vector<std::string> nonempty;
    for (const auto& l : pl.lines) {
      std::string n = Normalize(l);
      if (!n.empty()) nonempty.push_back(n);
    }
    for (size_t k = 0; k < nonempty.size() && k < 2; ++k) out->push_back(nonempty[k]);
    for (size_t k = nonempty.size(); k > 0 && nonempty.size() - k < 2; --k) out->push_back(nonempty[k - 1]);
  };
  for (const auto& pl : page_lines) {
    std::vector<std::string> e;
    edges(pl, &e);
    std::sort(e.begin(), e.end());
    e.erase(std::unique(e.begin(), e.end()), e.end());
    for (const auto& x : e) ++edge_count[x];
  }
  for (int p = 0; p < pages; ++p) {
    std::vector<std::string> e;
    edges(page_lines[p], &e);
    uint32_t line_no = 0;
    for (auto& l : page_lines[p].lines) {
      ++line_no;
      std::string n = Normalize(l);
      if (n.empty() || IsPageNumber(l)) continue;
      bool running = pages >= 3 && edge_count[n] * 2 > pages && std::find(e.begin(), e.end(), n) != e.end();
      if (running) continue;
      if (doc->blocks.size() >= limits.max_blocks) {
        return TooManyBlocksError("PDF 文字行数", limits.max_blocks, "行");
      }
      Block b;
      b.text = doc->Keep(l);
      b.at.page = static_cast<uint32_t>(p + 1);
      b.at.line = line_no;
      doc->blocks.push_back(std::move(b));
    }
  }
  return {};
}

}  // namespace xxgk
