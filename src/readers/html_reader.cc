#include "readers/html_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/normalize.h"
#include "core/utf8.h"
#include "encoding/decode.h"
#include "readers/html_entities.h"
#include "readers/limits.h"

namespace xxgk {
namespace {

bool IsVoid(std::string_view tag) {
  static constexpr std::string_view kVoid[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                               "link", "meta", "param", "source", "track", "wbr"};
  for (auto v : kVoid) if (tag == v) return true;
  return false;
}

// Maximum element nesting, estimated with a tag scanner (start tags +1, end tags −1), so that a
// pathological document is refused before the tree is built.
size_t EstimateDepth(std::string_view s) {
  size_t depth = 0, max_depth = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '<') continue;
    char c = s[i + 1];
    if (c == '/') {
      if (depth) --depth;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
    size_t j = i + 1;
    std::string tag;
    while (j < s.size() && tag.size() < 12 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9'))) {
      tag.push_back(static_cast<char>(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]));
      ++j;
    }
    if (IsVoid(tag) || tag == "p" || tag == "li" || tag == "td" || tag == "tr" || tag == "th" || tag == "option") continue;
    size_t close = s.find('>', j);
    if (close != std::string_view::npos && close > 0 && s[close - 1] == '/') continue;
    max_depth = std::max(max_depth, ++depth);
  }
  return max_depth;
}

// Element names as the scanner sees them: lowercase ASCII, namespace prefixes kept ("o:p").
bool IsBlock(std::string_view t) {
  static constexpr std::string_view kBlocks[] = {
      "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
      "section", "article", "header", "footer", "nav", "aside", "main", "hr", "center", "form", "fieldset",
      "address", "figure", "caption", "body", "html"};
  for (auto b : kBlocks) if (t == b) return true;
  return false;
}

// Elements whose content is not text of the page (script content is looked at for embedded reports).
bool IsSkipped(std::string_view t) {
  return t == "script" || t == "style" || t == "template" || t == "noscript" || t == "iframe" || t == "svg" ||
         t == "select" || t == "textarea" || t == "object" || t == "xml";
}

// Elements whose content the tokenizer must not parse as markup: read up to the matching end tag.
bool IsRawText(std::string_view t) {
  return t == "script" || t == "style" || t == "textarea" || t == "title" || t == "xmp" || t == "noscript" || t == "iframe";
}

bool AsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Position of "</name" (any case) at or after from, or npos.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  for (size_t p = s.find("</", from); p != std::string_view::npos; p = s.find("</", p + 2)) {
    size_t k = 0;
    while (k < name.size() && p + 2 + k < s.size() && Lower(s[p + 2 + k]) == name[k]) ++k;
    if (k == name.size() && (p + 2 + k >= s.size() || !AsciiAlpha(s[p + 2 + k]))) return p;
  }
  return std::string_view::npos;
}

// The index after the end tag that starts at `close` (npos: the end of s).
size_t PastEndTag(std::string_view s, size_t close) {
  if (close == std::string_view::npos) return s.size();
  size_t gt = s.find('>', close);
  return gt == std::string_view::npos ? s.size() : gt + 1;
}

// One start tag: its lowercase name and the attributes the reader uses.
struct Tag {
  std::string name;
  bool end = false;
  bool self_closing = false;
  int rowspan = 1, colspan = 1;
};

int SpanValue(std::string_view v, size_t max) {
  long n = 0;
  size_t i = 0;
  while (i < v.size() && Space(v[i])) ++i;
  size_t digits = 0;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9' && digits < 9; ++i, ++digits) n = n * 10 + (v[i] - '0');
  if (n < 1) return 1;
  return static_cast<int>(std::min<long>(n, static_cast<long>(max)));
}

// Parses the tag starting at s[i] == '<' (a letter or '/' follows); returns the index after '>'.
size_t ParseTag(std::string_view s, size_t i, Tag* tag, size_t max_span) {
  tag->name.clear();
  tag->end = s[i + 1] == '/';
  tag->self_closing = false;
  tag->rowspan = tag->colspan = 1;
  size_t j = i + (tag->end ? 2 : 1);
  while (j < s.size() && !Space(s[j]) && s[j] != '>' && s[j] != '/') tag->name.push_back(Lower(s[j++]));
  // Attributes: name[=value], value quoted or not.
  while (j < s.size()) {
    while (j < s.size() && (Space(s[j]) || s[j] == '/')) {
      if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '>') tag->self_closing = true;
      ++j;
    }
    if (j >= s.size() || s[j] == '>') break;
    size_t n0 = j;
    while (j < s.size() && !Space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/') ++j;
    std::string_view name = s.substr(n0, j - n0);
    while (j < s.size() && Space(s[j])) ++j;
    std::string_view value;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && Space(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        char q = s[j++];
        size_t v0 = j;
        size_t close = s.find(q, j);
        j = close == std::string_view::npos ? s.size() : close;
        value = s.substr(v0, j - v0);
        if (j < s.size()) ++j;
      } else {
        size_t v0 = j;
        while (j < s.size() && !Space(s[j]) && s[j] != '>') ++j;
        value = s.substr(v0, j - v0);
      }
    }
    if (name.size() == 7) {
      char low[7];
      for (int k = 0; k < 7; ++k) low[k] = Lower(name[k]);
      std::string_view l(low, 7);
      if (l == "rowspan") tag->rowspan = SpanValue(value, max_span);
      else if (l == "colspan") tag->colspan = SpanValue(value, max_span);
    }
  }
  return j < s.size() ? j + 1 : s.size();
}

// Builds the document model while scanning the page once: no tree. Paragraphs break at block elements
// and <br>; a <table> becomes a grid block (rowspan/colspan resolved); a table inside a cell keeps its text
// in the outer cell, as browsers show it.
class Builder {
 public:
  Builder(Document* doc, const HtmlLimits& limits) : doc_(doc), limits_(limits) {}

  Result<void> Run(std::string_view html) {
    Scan(html);
    if (timed_out_) return TimeLimitError(limits_.deadline, "读取网页时");
    if (too_many_) return TooManyBlocks();
    // Some pages carry the report's title only in <title>: then it goes first. When the page repeats it
    // (a heading, a crawler's header), it is not added twice.
    std::string title;
    AppendHtmlText(TitleOf(html), &title);
    std::string_view first = TrimSpace(std::string_view(title).substr(0, title.find('\n')));
    if (!first.empty()) {
      bool shown = false;
      for (size_t k = 0; k < doc_->blocks.size() && k < 40 && !shown; ++k) {
        const Block& b = doc_->blocks[k];
        if (b.kind == BlockKind::kTable) continue;
        shown = b.text.find(first) != std::string_view::npos || first.find(b.text) != std::string_view::npos;
      }
      if (!shown) {
        std::vector<Block> rest = std::move(doc_->blocks);
        doc_->blocks.clear();
        uint32_t added = 0;
        doc_->AddParagraphs(title, &added, false);
        for (Block& b : rest) {
          if (b.kind != BlockKind::kTable) b.at.line += added;
          doc_->blocks.push_back(std::move(b));
        }
        paragraphs_ += added;
      }
    }
    if (too_big_) return MakeError(ErrorCode::kCorruption, "HTML 表格过大（超过 " + std::to_string(limits_.max_table_cells) + " 个单元格）");
    return {};
  }

  std::vector<std::string> TakeScriptHtml() { return std::move(script_html_); }

  Result<void> ReadFragment(std::string_view html) {
    allow_scripts_ = false;
    Scan(html);
    if (timed_out_) return TimeLimitError(limits_.deadline, "读取网页脚本中的报告时");
    if (too_many_) return TooManyBlocks();
    return {};
  }

 private:
  tl::unexpected<Error> TooManyBlocks() const { return TooManyBlocksError("网页段落", limits_.max_blocks, "段"); }

  // One open table: its block, the row being read, the cell being read, the rowspans still pending.
  struct OpenTable {
    Block block;
    std::vector<Cell> row;
    bool in_row = false;
    bool in_cell = false;
    std::string cell_text;
    int cell_rowspan = 1, cell_colspan = 1;
    std::vector<int> pending;
    size_t col = 0;
    size_t cells = 0;
    std::string foster;  // text between cells: shown before the table, as browsers do
  };

  static std::string_view TitleOf(std::string_view html) {
    size_t body = html.size();
    for (size_t p = html.find('<'); p != std::string_view::npos && p < body; p = html.find('<', p + 1)) {
      if (p + 6 < html.size() && Lower(html[p + 1]) == 't' && Lower(html[p + 2]) == 'i' && Lower(html[p + 3]) == 't' &&
          Lower(html[p + 4]) == 'l' && Lower(html[p + 5]) == 'e' && (html[p + 6] == '>' || Space(html[p + 6]))) {
        size_t open_end = html.find('>', p);
        if (open_end == std::string_view::npos) return {};
        size_t close = FindEndTag(html, open_end + 1, "title");
        return html.substr(open_end + 1, (close == std::string_view::npos ? html.size() : close) - open_end - 1);
      }
      if (p + 5 < html.size() && Lower(html[p + 1]) == 'b' && Lower(html[p + 2]) == 'o' && Lower(html[p + 3]) == 'd' &&
          Lower(html[p + 4]) == 'y') {
        break;  // the title belongs to the head
      }
    }
    return {};
  }

  void Scan(std::string_view s) {
    Tag tag;
    size_t i = 0;
    while (i < s.size() && !too_big_) {
      if (limits_.deadline.Tick(&ticks_)) {
        timed_out_ = true;
        break;
      }
      if (doc_->blocks.size() > limits_.max_blocks) {
        too_many_ = true;
        break;
      }
      size_t lt = s.find('<', i);
      if (lt == std::string_view::npos) lt = s.size();
      if (lt > i) Text(s.substr(i, lt - i));
      if (lt >= s.size()) break;
      i = lt;
      char next = i + 1 < s.size() ? s[i + 1] : '\0';
      if (next == '!' || next == '?') {  // comment, doctype, CDATA, processing instruction
        if (s.compare(i, 4, "<!--") == 0) {
          size_t close = s.find("-->", i + 4);
          i = close == std::string_view::npos ? s.size() : close + 3;
        } else if (s.compare(i, 9, "<![CDATA[") == 0) {
          size_t close = s.find("]]>", i + 9);
          size_t end = close == std::string_view::npos ? s.size() : close;
          Text(s.substr(i + 9, end - i - 9));
          i = close == std::string_view::npos ? s.size() : close + 3;
        } else {
          size_t close = s.find('>', i);
          i = close == std::string_view::npos ? s.size() : close + 1;
        }
        continue;
      }
      if (!AsciiAlpha(next) && !(next == '/' && i + 2 < s.size() && AsciiAlpha(s[i + 2]))) {
        Text(s.substr(i, 1));  // a lone '<' is text
        ++i;
        continue;
      }
      i = ParseTag(s, i, &tag, limits_.max_span);
      if (!tag.end && IsRawText(tag.name) && !tag.self_closing) {
        size_t close = FindEndTag(s, i, tag.name);
        std::string_view content = s.substr(i, (close == std::string_view::npos ? s.size() : close) - i);
        if (tag.name == "script" && allow_scripts_) CollectScriptHtml(content);
        i = PastEndTag(s, close);
        continue;  // raw-text content is never page text (the title was taken first)
      }
      if (IsSkipped(tag.name)) {
        // Skipped containers that are not raw text (svg, select, template, object): jump past the end tag.
        if (!tag.end && !tag.self_closing) {
          size_t close = FindEndTag(s, i, tag.name);
          i = PastEndTag(s, close);
        }
        continue;
      }
      if (tag.name == "head" && !tag.end) {
        // Only <title> (already taken), the article's meta tags and scripts matter in the head.
        size_t close = FindEndTag(s, i, "head");
        size_t body = FindStart(s, i, "body");
        size_t stop = std::min(close, body);
        if (stop != std::string_view::npos) {
          ScanHeadMeta(s.substr(i, stop - i));
          ScanHeadScripts(s.substr(i, stop - i));
          i = stop;
        }
        continue;
      }
      Element(tag);
    }
    // Unclosed tables end with the page.
    while (!tables_.empty()) CloseTable();
    Flush();
  }

  static size_t FindStart(std::string_view s, size_t from, std::string_view name) {
    for (size_t p = s.find('<', from); p != std::string_view::npos; p = s.find('<', p + 1)) {
      size_t k = 0;
      while (k < name.size() && p + 1 + k < s.size() && Lower(s[p + 1 + k]) == name[k]) ++k;
      if (k == name.size() && (p + 1 + k >= s.size() || !AsciiAlpha(s[p + 1 + k]))) return p;
    }
    return std::string_view::npos;
  }

  // Scripts in the head may carry the report too.
  // <meta name="ArticleTitle" content="…"> and the like: the article's own title, date and source.
  void ScanHeadMeta(std::string_view head) {
    for (size_t p = FindStart(head, 0, "meta"); p != std::string_view::npos; p = FindStart(head, p + 5, "meta")) {
      size_t gt = head.find('>', p);
      if (gt == std::string_view::npos) break;
      std::string_view tag = head.substr(p, gt - p);
      std::string name = LowerCopy(AttrValue(tag, "name"));
      if (name.empty()) name = LowerCopy(AttrValue(tag, "property"));
      std::string* field = name == "articletitle" || name == "og:title"   ? &doc_->meta.title
                           : name == "pubdate" || name == "publishdate"   ? &doc_->meta.published
                           : name == "contentsource"                      ? &doc_->meta.source
                           : name == "sitename"                           ? &doc_->meta.site
                           : name == "columnname"                         ? &doc_->meta.column
                                                                          : nullptr;
      if (!field || !field->empty()) continue;
      std::string value;
      AppendHtmlText(AttrValue(tag, "content"), &value);
      *field = std::string(TrimSpace(value)).substr(0, 400);
    }
  }

  // The value of attribute `name` (lowercase) in the text of a start tag, or "".
  static std::string_view AttrValue(std::string_view tag, std::string_view name) {
    for (size_t p = 0; p < tag.size(); ++p) {
      size_t k = 0;
      while (k < name.size() && p + k < tag.size() && Lower(tag[p + k]) == name[k]) ++k;
      if (k != name.size() || (p > 0 && !Space(tag[p - 1]))) continue;
      size_t j = p + k;
      while (j < tag.size() && Space(tag[j])) ++j;
      if (j >= tag.size() || tag[j] != '=') continue;
      ++j;
      while (j < tag.size() && Space(tag[j])) ++j;
      if (j < tag.size() && (tag[j] == '"' || tag[j] == '\'')) {
        size_t close = tag.find(tag[j], j + 1);
        return tag.substr(j + 1, (close == std::string_view::npos ? tag.size() : close) - j - 1);
      }
      size_t e = j;
      while (e < tag.size() && !Space(tag[e]) && tag[e] != '/') ++e;
      return tag.substr(j, e - j);
    }
    return {};
  }

  static std::string LowerCopy(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = Lower(c);
    return out;
  }

  void ScanHeadScripts(std::string_view head) {
    if (!allow_scripts_) return;
    for (size_t p = FindStart(head, 0, "script"); p != std::string_view::npos; p = FindStart(head, p + 7, "script")) {
      size_t open_end = head.find('>', p);
      if (open_end == std::string_view::npos) return;
      size_t close = FindEndTag(head, open_end + 1, "script");
      CollectScriptHtml(head.substr(open_end + 1, (close == std::string_view::npos ? head.size() : close) - open_end - 1));
      if (close == std::string_view::npos) return;
      p = close;
    }
  }

  void Text(std::string_view raw) {
    if (tables_.empty()) {
      AppendHtmlText(raw, &buf_);
      return;
    }
    OpenTable& t = tables_.back();
    if (t.in_cell) {
      AppendHtmlText(raw, &t.cell_text);
    } else {
      AppendHtmlText(raw, &t.foster);
    }
  }

  // A separator inside a cell (block or <br>): the cell's text stays on one line.
  void CellBreak() {
    OpenTable& t = tables_.back();
    if (t.in_cell && !t.cell_text.empty() && t.cell_text.back() != ' ') t.cell_text.push_back(' ');
  }

  void Element(const Tag& tag) {
    const std::string& n = tag.name;
    // Inside a cell, a nested table only contributes its text.
    if (!tables_.empty() && nested_ > 0) {
      if (n == "table") nested_ += tag.end ? -1 : 1;
      if (nested_ > 0 && (n == "td" || n == "th" || n == "tr" || n == "br" || IsBlock(n))) CellBreak();
      if (nested_ > 0) return;
      CellBreak();
      return;
    }
    if (n == "table") {
      if (tag.end) {
        if (!tables_.empty()) CloseTable();
        return;
      }
      if (!tables_.empty() && tables_.back().in_cell) {
        nested_ = 1;
        CellBreak();
        return;
      }
      Flush();
      tables_.emplace_back();
      tables_.back().block.kind = BlockKind::kTable;
      return;
    }
    if (!tables_.empty()) {
      OpenTable& t = tables_.back();
      if (n == "tr") {
        if (t.in_row) EndRow();
        if (!tag.end) StartRow();
        return;
      }
      if (n == "td" || n == "th") {
        if (tag.end) {
          EndCell();
          return;
        }
        if (!t.in_row) StartRow();
        EndCell();
        tables_.back().in_cell = true;
        tables_.back().cell_rowspan = tag.rowspan;
        tables_.back().cell_colspan = tag.colspan;
        return;
      }
      if (n == "thead" || n == "tbody" || n == "tfoot") {
        if (t.in_row) EndRow();
        return;
      }
      if (n == "br" || IsBlock(n)) CellBreak();
      return;
    }
    if (n == "br") {
      Flush();
      return;
    }
    if (IsBlock(n)) Flush();
  }

  void StartRow() {
    OpenTable& t = tables_.back();
    t.in_row = true;
    t.row.clear();
    t.col = 0;
  }

  // Positions covered by rowspans from above. They are grid cells like any other: the limit counts the
  // expanded grid, not the cells a page declares (200 rows of rowspan=1000 colspan=1000 are 9 KB of HTML).
  void CoverPending(OpenTable& t, int32_t r) {
    while (t.col < t.pending.size() && t.pending[t.col] > 0) {
      if (++t.cells > limits_.max_table_cells) {
        too_big_ = true;
        return;
      }
      Cell c;
      c.covered = true;
      c.at = {0, 0, TableIndex(), r, static_cast<int32_t>(t.col)};
      t.row.push_back(c);
      --t.pending[t.col];
      ++t.col;
    }
  }

  int32_t TableIndex() const { return tables_done_ + static_cast<int32_t>(tables_.size()) - 1; }

  void EndCell() {
    OpenTable& t = tables_.back();
    if (!t.in_cell) return;
    t.in_cell = false;
    const int32_t r = static_cast<int32_t>(t.block.rows.size());
    CoverPending(t, r);
    std::string text = std::move(t.cell_text);
    t.cell_text.clear();
    for (char& ch : text) if (ch == '\n') ch = ' ';
    while (!text.empty() && text.back() == ' ') text.pop_back();
    Cell c;
    c.text = doc_->Keep(std::move(text));
    c.row_span = static_cast<uint16_t>(t.cell_rowspan);
    c.col_span = static_cast<uint16_t>(t.cell_colspan);
    c.at = {0, 0, TableIndex(), r, static_cast<int32_t>(t.col)};
    t.row.push_back(c);
    if (too_big_) return;
    for (int k = 0; k < t.cell_colspan; ++k) {
      if (t.pending.size() <= t.col) t.pending.resize(t.col + 1, 0);
      t.pending[t.col] = t.cell_rowspan - 1;
      if (k > 0) {
        Cell cov;
        cov.covered = true;
        cov.at = {0, 0, TableIndex(), r, static_cast<int32_t>(t.col)};
        t.row.push_back(cov);
      }
      ++t.col;
    }
    t.cells += static_cast<size_t>(t.cell_colspan);
    if (t.cells > limits_.max_table_cells) too_big_ = true;
  }

  void EndRow() {
    EndCell();
    OpenTable& t = tables_.back();
    if (!t.in_row) return;
    t.in_row = false;
    CoverPending(t, static_cast<int32_t>(t.block.rows.size()));
    t.block.rows.push_back(std::move(t.row));
    t.row.clear();
  }

  void CloseTable() {
    EndRow();
    OpenTable t = std::move(tables_.back());
    tables_.pop_back();
    nested_ = 0;
    // Text found between the cells is shown before the table.
    if (t.foster.find_first_not_of(" \t\n\xC2\xA0") != std::string::npos) Paragraph(t.foster);
    t.block.at.table = tables_done_ + static_cast<int32_t>(tables_.size());
    // (A table closed inside an open one, outside its cells, stands on its own as well.)
    if (!t.block.rows.empty()) doc_->blocks.push_back(std::move(t.block));
    if (tables_.empty()) tables_done_ += 1;
  }

  // Some pages carry the report as an HTML string inside a script (document.write('…'), let content = "…").
  // The script's string literals are decoded (\", \n, \uXXXX, \xXX, \/), literals joined by `+` are one
  // string, comments are skipped, and only strings that carry markup are kept, to be read after the page
  // itself: the script's other strings (selectors, dates, counters) are not report text.
  void CollectScriptHtml(std::string_view code) {
    std::string lower;
    lower.reserve(code.size());
    for (char c : code) lower.push_back(Lower(c));
    if (lower.find("<table") == std::string::npos && lower.find("\\u003ctable") == std::string::npos &&
        lower.find("\\x3ctable") == std::string::npos && lower.find("&lt;table") == std::string::npos) {
      return;
    }
    std::string piece;     // the string being joined from literals
    bool joining = false;  // only white space and '+' since the last literal
    auto keep = [&] {
      if (piece.find("&lt;") != std::string::npos && piece.find('<') == std::string::npos) {
        for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
          std::string out;
          size_t p = 0, q;
          while ((q = piece.find(from, p)) != std::string::npos) {
            out.append(piece, p, q - p);
            out.append(to);
            p = q + from.size();
          }
          out.append(piece, p, std::string::npos);
          piece = std::move(out);
        }
      }
      if (piece.size() > 64 && piece.find('<') != std::string::npos) script_html_.push_back(std::move(piece));
      piece.clear();
    };
    for (size_t i = 0; i < code.size(); ++i) {
      char c = code[i];
      if (c == '/' && i + 1 < code.size() && (code[i + 1] == '/' || code[i + 1] == '*')) {
        size_t end = code[i + 1] == '/' ? code.find('\n', i) : code.find("*/", i + 2);
        i = end == std::string_view::npos ? code.size() : end + (code[i + 1] == '*' ? 1 : 0);
        continue;
      }
      if (c != '\'' && c != '"' && c != '`') {
        if (c == '+' || Space(c)) continue;
        if (joining) keep();
        joining = false;
        continue;
      }
      if (!joining) piece.clear();
      i = DecodeLiteral(code, i, &piece);
      joining = true;
    }
    if (joining) keep();
  }

  // Appends the decoded literal starting at the quote code[i] to *out; returns the index of its closing quote.
  static size_t DecodeLiteral(std::string_view code, size_t i, std::string* out) {
    const char q = code[i];
    size_t j = i + 1;
    for (; j < code.size() && code[j] != q; ++j) {
      char c = code[j];
      if (c != '\\' || j + 1 >= code.size()) {
        out->push_back(c);
        continue;
      }
      char e = code[++j];
      switch (e) {
        case 'n': out->push_back('\n'); break;
        case 't': out->push_back('\t'); break;
        case 'r': break;
        case '\n': break;  // a line continuation
        case 'u':
        case 'x': {
          size_t len = e == 'u' ? 4 : 2;
          if (j + len < code.size()) {
            unsigned cp = static_cast<unsigned>(std::strtoul(std::string(code.substr(j + 1, len)).c_str(), nullptr, 16));
            if (cp >= 0xD800 && cp <= 0xDBFF && code.compare(j + 1 + len, 2, "\\u") == 0) {
              unsigned lo = static_cast<unsigned>(std::strtoul(std::string(code.substr(j + 3 + len, 4)).c_str(), nullptr, 16));
              if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                j += 6;
              }
            }
            AppendUtf8(cp, out);
            j += len;
          }
          break;
        }
        default: out->push_back(e);
      }
    }
    return j;
  }

 private:
  void Paragraph(const std::string& text) { doc_->AddParagraphs(text, &paragraphs_, false); }

  void Flush() {
    if (buf_.empty()) return;
    Paragraph(buf_);
    buf_.clear();
  }

  Document* doc_;
  const HtmlLimits& limits_;
  std::string buf_;
  uint32_t paragraphs_ = 0;
  std::vector<OpenTable> tables_;
  int32_t tables_done_ = 0;
  int nested_ = 0;  // depth of tables nested inside the innermost open table's cell
  bool too_big_ = false;
  bool timed_out_ = false;
  bool too_many_ = false;
  uint32_t ticks_ = 0;
  bool allow_scripts_ = true;
  std::vector<std::string> script_html_;
};

}  // namespace

std::string DeclaredHtmlCharset(std::string_view bytes) {
  std::string head;
  for (char c : bytes.substr(0, 4096)) head.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  size_t p = head.find("charset=");
  while (p != std::string::npos) {
    size_t b = p + 8;
    while (b < head.size() && (head[b] == '"' || head[b] == '\'' || head[b] == ' ')) ++b;
    size_t e = b;
    while (e < head.size() && (isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) ++e;
    if (e > b) return head.substr(b, e - b);
    p = head.find("charset=", p + 8);
  }
  return "";
}

Result<void> ReadHtml(std::string_view bytes, Document* doc, const HtmlLimits& limits) {
  auto decoded = DecodeDeclared(bytes, DeclaredHtmlCharset(bytes));
  if (!decoded) return tl::unexpected(decoded.error());
  doc->source.encoding = decoded->encoding;
  doc->source.replaced_chars = decoded->replaced;
  doc->text = std::move(decoded->utf8);
  size_t depth = EstimateDepth(doc->text);
  if (depth > limits.max_depth) {
    return MakeError(ErrorCode::kCorruption, "HTML 元素嵌套过深（约 " + std::to_string(depth) + " 层，上限 " +
                                                 std::to_string(limits.max_depth) + " 层）");
  }
  Builder builder(doc, limits);
  auto r = builder.Run(doc->text);
  if (!r) return r;
  for (std::string& fragment : builder.TakeScriptHtml()) {
    if (EstimateDepth(fragment) > limits.max_depth) continue;
    std::string_view kept = doc->Keep(std::move(fragment));
    if (auto ok = builder.ReadFragment(kept); !ok) return ok;
  }
  return {};
}

}  // namespace xxgk
