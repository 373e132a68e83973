#include "readers/docx_reader.h"

#include <pugixml.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "readers/limits.h"
#include "packages/zip_member.h"

namespace xxgk {
namespace {

// Element names of WordprocessingML that matter here, recognised once per node.
enum class W { kOther, kT, kTab, kBr, kCr, kP, kTbl, kTr, kTc, kSdt, kSdtContent, kCustomXml, kSkip };

W Kind(const pugi::xml_node& n) {
  const char* name = n.name();
  if (name[0] != 'w' || name[1] != ':') return W::kOther;
  std::string_view v(name + 2);
  switch (v.size()) {
    case 1: return v == "t" ? W::kT : v == "p" ? W::kP : W::kOther;
    case 2: return v == "br" ? W::kBr : v == "cr" ? W::kCr : v == "tr" ? W::kTr : v == "tc" ? W::kTc : W::kOther;
    case 3:
      if (v == "tab") return W::kTab;
      if (v == "tbl") return W::kTbl;
      if (v == "sdt") return W::kSdt;
      if (v == "rPr" || v == "pPr") return W::kSkip;
      return W::kOther;
    case 5: return v == "tcPr" ? W::kSkip : W::kOther;
    case 4: return v == "tcPr" ? W::kSkip : W::kOther;
    case 7: return v == "delText" ? W::kSkip : W::kOther;
    case 9: return v == "instrText" ? W::kSkip : v == "customXml" ? W::kCustomXml : W::kOther;
    case 10: return v == "sdtContent" ? W::kSdtContent : W::kOther;
    default: return W::kOther;
  }
}

bool Is(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// Text of a paragraph or cell, iteratively: w:t text, w:tab → '\t', w:br/w:cr → '\n', paragraphs of a
// cell separated by '\n'.
void AppendText(const pugi::xml_node& root, std::string* out) {
  std::vector<pugi::xml_node> stack;
  for (pugi::xml_node c = root.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  bool first_p = true;
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    if (n.type() != pugi::node_element) continue;
    switch (Kind(n)) {
      case W::kT:
        out->append(n.child_value());
        continue;
      case W::kTab:
        out->push_back('\t');
        continue;
      case W::kBr:
      case W::kCr:
        out->push_back('\n');
        continue;
      case W::kSkip:
        continue;
      case W::kP:
        if (!first_p) out->push_back('\n');
        first_p = false;
        break;
      default:
        break;
    }
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
  }
}

class Builder {
 public:
  Builder(Document* doc, const DocxLimits& limits) : doc_(doc), limits_(limits) {}

  Result<void> Run(const pugi::xml_node& body) {
    // Body children in order; sdt wrappers are walked into.
    std::vector<pugi::xml_node> stack;
    for (pugi::xml_node c = body.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    while (!stack.empty()) {
      pugi::xml_node n = stack.back();
      stack.pop_back();
      if (limits_.deadline.Tick(&ticks_)) return TimeLimitError(limits_.deadline, "读取 DOCX 正文时");
      if (doc_->blocks.size() > limits_.max_blocks) {
        return TooManyBlocksError("DOCX 段落", limits_.max_blocks, "段");
      }
      if (Is(n, "w:p")) {
        std::string text;
        AppendText(n, &text);
        Paragraph(text);
      } else if (Is(n, "w:tbl")) {
        if (auto r = Table(n); !r) return r;
      } else if (Is(n, "w:sdt") || Is(n, "w:sdtContent") || Is(n, "w:customXml")) {
        for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
      }
    }
    return {};
  }

 private:
  void Paragraph(const std::string& text) { doc_->AddParagraphs(text, &paragraphs_, true); }

  Result<void> Table(const pugi::xml_node& tbl) {
    Block b;
    b.kind = BlockKind::kTable;
    const int32_t index = tables_++;
    b.at.table = index;
    int32_t row_index = 0;
    for (pugi::xml_node tr = tbl.child("w:tr"); tr; tr = tr.next_sibling("w:tr")) {
      if (limits_.deadline.Tick(&ticks_)) return TimeLimitError(limits_.deadline, "读取 DOCX 表格时");
      std::vector<Cell> row;
      int32_t col = 0;
      for (pugi::xml_node tc = tr.first_child(); tc; tc = tc.next_sibling()) {
        pugi::xml_node cell = tc;
        if (Is(tc, "w:sdt")) cell = tc.child("w:sdtContent").child("w:tc");
        if (!Is(cell, "w:tc")) continue;
        pugi::xml_node pr = cell.child("w:tcPr");
        int span = pr.child("w:gridSpan").attribute("w:val").as_int(1);
        span = std::max(1, std::min(span, 1000));
        pugi::xml_node vmerge = pr.child("w:vMerge");
        bool continues = vmerge && std::strcmp(vmerge.attribute("w:val").as_string("continue"), "restart") != 0;
        Cell c;
        c.at = {0, 0, index, row_index, col};
        c.col_span = static_cast<uint16_t>(span);
        if (continues) {
          c.covered = true;
        } else {
          std::string text;
          AppendText(cell, &text);
          for (char& ch : text) if (ch == '\n') ch = ' ';
          c.text = doc_->Keep(std::move(text));
        }
        row.push_back(c);
        for (int k = 1; k < span; ++k) {
          Cell cov;
          cov.covered = true;
          cov.at = {0, 0, index, row_index, col + k};
          row.push_back(cov);
        }
        col += span;
        cells_ += span;
        if (cells_ > limits_.max_table_cells) {
          return MakeError(ErrorCode::kTooLarge, "DOCX 表格过大（超过 " + std::to_string(limits_.max_table_cells) + " 个单元格）");
        }
      }
      b.rows.push_back(std::move(row));
      ++row_index;
    }
    if (!b.rows.empty()) doc_->blocks.push_back(std::move(b));
    return {};
  }

  Document* doc_;
  const DocxLimits& limits_;
  uint32_t paragraphs_ = 0;
  int32_t tables_ = 0;
  size_t cells_ = 0;
  uint32_t ticks_ = 0;
};

// Element nesting of an XML text, estimated by counting tags, so that a hostile file is refused before
// it is parsed into a tree.
size_t XmlDepth(std::string_view xml) {
  size_t depth = 0, max_depth = 0;
  for (size_t i = 0; i + 1 < xml.size(); ++i) {
    const void* lt = std::memchr(xml.data() + i, '<', xml.size() - i);
    if (!lt) break;
    i = static_cast<size_t>(static_cast<const char*>(lt) - xml.data());
    if (i + 1 >= xml.size()) break;
    char c = xml[i + 1];
    if (c == '/') {
      if (depth) --depth;
    } else if (c != '?' && c != '!') {
      size_t close = xml.find('>', i);
      if (close == std::string_view::npos) break;
      if (xml[close - 1] != '/') max_depth = std::max(max_depth, ++depth);
      i = close;
    }
  }
  return max_depth;
}

}  // namespace

Result<void> ReadDocx(std::string_view bytes, Document* doc, const DocxLimits& limits) {
  auto zip = OpenZip(bytes, "DOCX", "请用 Word 或 WPS 重新另存为 .docx");
  if (!zip) return tl::unexpected(zip.error());
  thread_local std::string raw_buffer, xml_buffer;
  if (xml_buffer.capacity() > (16u << 20)) std::string().swap(xml_buffer);  // do not keep a huge one forever
  if (raw_buffer.capacity() > (16u << 20)) std::string().swap(raw_buffer);
  std::string* xml = &xml_buffer;
  const uint64_t xml_limit = std::min<uint64_t>(limits.max_xml_bytes, limits.xml_allowance + limits.xml_per_input_byte * bytes.size());
  if (auto read = ReadZipMember(zip->get(), "DOCX", "word/document.xml", xml_limit, raw_buffer, xml); !read) {
    return tl::unexpected(read.error());
  }
  if (limits.deadline.Expired()) return TimeLimitError(limits.deadline, "解压 DOCX 时");
  if (XmlDepth(*xml) > limits.max_depth) return MakeError(ErrorCode::kCorruption, "DOCX 正文结构嵌套过深");
  pugi::xml_document xdoc;
  // Minimal parsing (no end-of-line normalisation, no DOCTYPE/PI/comment nodes), but entities decoded.
  pugi::xml_parse_result ok = xdoc.load_buffer_inplace(xml->data(), xml->size(), pugi::parse_minimal | pugi::parse_escapes);
  if (!ok) return MakeError(ErrorCode::kCorruption, std::string("DOCX 正文 XML 损坏：") + ok.description());
  pugi::xml_node body = xdoc.child("w:document").child("w:body");
  if (!body) return MakeError(ErrorCode::kCorruption, "DOCX 没有正文（w:body）");
  doc->source.encoding = "UTF-8";
  Builder builder(doc, limits);
  return builder.Run(body);
}

}  // namespace xxgk
