#include "readers/registry.h"

#include <cstring>

#include "core/find.h"
#include "encoding/decode.h"
#include "readers/docx_reader.h"
#include "readers/html_reader.h"
#include "readers/pdf_reader.h"
#include "readers/text_reader.h"

namespace xxgk {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && std::memcmp(s.data(), p.data(), p.size()) == 0; }

// True when the text looks like Markdown: heading marks or pipe tables at line starts.
bool LooksLikeMarkdown(std::string_view s) {
  // Three of the first 400 lines start with '#' or '|'. Both bytes are rare in a report, so they are
  // looked for, and the lines before one counted only when it starts a line.
  size_t marks = 0, lines_before = 0, counted_to = 0;
  for (size_t pos = FindAnyOf<'#', '|'>(s); pos < s.size(); pos = FindAnyOf<'#', '|'>(s, pos + 1)) {
    if (pos > 0 && s[pos - 1] != '\n') continue;
    for (size_t nl = FindAnyOf<'\n'>(s, counted_to); nl < pos; nl = FindAnyOf<'\n'>(s, nl + 1)) ++lines_before;
    counted_to = pos;
    if (lines_before >= 400) break;
    if (++marks >= 3) return true;
  }
  return false;
}

}  // namespace

MediaKind SniffMedia(std::string_view b) {
  if (StartsWith(b, "%PDF-")) return MediaKind::kPdf;
  if (StartsWith(b, "PK\x03\x04")) {
    // A DOCX package names word/document.xml among its first entries.
    if (b.substr(0, 4096).find("word/") != std::string_view::npos) return MediaKind::kDocx;
    return MediaKind::kArchive;
  }
  if (StartsWith(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return MediaKind::kLegacyDoc;
  if (StartsWith(b, "\x89PNG") || StartsWith(b, "\xFF\xD8\xFF") || StartsWith(b, "GIF8") || StartsWith(b, "BM") ||
      StartsWith(b, "II*\0") || StartsWith(b, "MM\0*")) {
    return MediaKind::kImage;
  }
  if (StartsWith(b, "Rar!") || StartsWith(b, "\x1F\x8B") || StartsWith(b, "7z\xBC\xAF") || StartsWith(b, "BZh")) {
    return MediaKind::kArchive;
  }
  // Markup: an HTML document declares itself in its first kilobytes.
  std::string_view head = b.substr(0, 2048);
  // Every HTML marker below starts with '<': plain text without one in its head needs no lowercased copy.
  if (std::memchr(head.data(), '<', head.size()) == nullptr) return LooksLikeMarkdown(b) ? MediaKind::kMarkdown : MediaKind::kText;
  std::string lower;
  lower.reserve(head.size());
  for (char c : head) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  if (lower.find("<!doctype html") != std::string::npos || lower.find("<html") != std::string::npos ||
      (lower.find("<meta") != std::string::npos && lower.find("<body") != std::string::npos)) {
    return MediaKind::kHtml;
  }
  return LooksLikeMarkdown(b) ? MediaKind::kMarkdown : MediaKind::kText;
}

const char* MediaTypeName(MediaKind kind) {
  switch (kind) {
    case MediaKind::kText: return "text/plain";
    case MediaKind::kMarkdown: return "text/markdown";
    case MediaKind::kHtml: return "text/html";
    case MediaKind::kDocx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case MediaKind::kPdf: return "application/pdf";
    case MediaKind::kLegacyDoc: return "application/msword";
    case MediaKind::kImage: return "image/*";
    case MediaKind::kArchive: return "application/zip";
    case MediaKind::kUnknownBinary: return "application/octet-stream";
  }
  return "application/octet-stream";
}

Result<void> ReadDocument(std::string_view bytes, Document* doc, const ReadLimits& limits) {
  if (bytes.empty()) return MakeError(ErrorCode::kEmpty, "文件为空（0 字节）");
  MediaKind kind = SniffMedia(bytes);
  doc->source.media_type = MediaTypeName(kind);
  switch (kind) {
    case MediaKind::kLegacyDoc:
      return MakeError(ErrorCode::kNotSupported, "不支持旧版 Word（.doc/.wps）文件",
                       "请用 Word 或 WPS 另存为 .docx 或 PDF 后再检查");
    case MediaKind::kImage:
      return MakeError(ErrorCode::kNotSupported, "这是图片文件，没有可读取的文字", "请提供报告的文字版（网页、Word 或带文字层的 PDF）");
    case MediaKind::kArchive:
      return MakeError(ErrorCode::kNotSupported, "这是压缩包，不是单个报告文件", "请先解压，再检查其中的报告文件");
    case MediaKind::kHtml: {
      HtmlLimits l = limits.html;
      l.deadline = limits.deadline;
      return ReadHtml(bytes, doc, l);
    }
    case MediaKind::kPdf: {
      PdfLimits l = limits.pdf;
      l.deadline = limits.deadline;
      return ReadPdf(bytes, doc, l);
    }
    case MediaKind::kDocx: {
      DocxLimits l = limits.docx;
      l.deadline = limits.deadline;
      return ReadDocx(bytes, doc, l);
    }
    case MediaKind::kUnknownBinary:
      return MakeError(ErrorCode::kNotSupported, "无法识别的文件类型");
    case MediaKind::kText:
    case MediaKind::kMarkdown:
      break;
  }
  auto decoded = DecodeToUtf8(bytes);
  if (!decoded) return tl::unexpected(decoded.error());
  doc->source.encoding = decoded->encoding;
  doc->source.replaced_chars = decoded->replaced;
  doc->text = std::move(decoded->utf8);
  if (limits.deadline.Expired()) return TimeLimitError(limits.deadline, "识别文字编码时");
  TextLimits l = limits.text;
  l.deadline = limits.deadline;
  return ReadTextLines(doc, l);
}

}  // namespace xxgk
