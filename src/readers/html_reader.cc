#include "readers/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "encoding/decode.h"

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

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_CAPTION: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsSkipped(GumboTag t) {
  return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE || t == GUMBO_TAG_NOSCRIPT ||
         t == GUMBO_TAG_HEAD || t == GUMBO_TAG_IFRAME || t == GUMBO_TAG_SVG || t == GUMBO_TAG_SELECT;
}

int SpanAttr(const GumboElement& e, const char* name, size_t max) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  if (!a) return 1;
  long v = std::strtol(a->value, nullptr, 10);
  if (v < 1) return 1;
  return static_cast<int>(std::min<long>(v, static_cast<long>(max)));
}

class Builder {
 public:
  Builder(Document* doc, const HtmlLimits& limits) : doc_(doc), limits_(limits) {}

  Result<void> Run(GumboNode* root) {
    // The document <title>, when present, goes first: many pages carry the report title only there.
    if (const GumboNode* title = FindTitle(root)) {
      std::string t;
      AppendText(title, &t);
      Paragraph(t);
    }
    Walk(root);
    Flush();
    if (too_big_) return MakeError(ErrorCode::kCorruption, "HTML 表格过大（超过 " + std::to_string(limits_.max_table_cells) + " 个单元格）");
    return {};
  }

 private:
  static const GumboNode* FindTitle(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      if (n->v.element.tag == GUMBO_TAG_TITLE) return n;
      if (n->v.element.tag == GUMBO_TAG_BODY) continue;
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
    }
    return nullptr;
  }

  // All text under node (iteratively), <br> and block boundaries as newlines.
  static void AppendText(const GumboNode* node, std::string* out) {
    std::vector<const GumboNode*> stack{node};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
        out->append(n->v.text.text);
        continue;
      }
      if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
      GumboTag t = n->v.element.tag;
      if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE) continue;
      if (t == GUMBO_TAG_BR || (IsBlock(t) && !out->empty())) out->push_back('\n');
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
    }
  }

  void Walk(GumboNode* root) {
    // Iterative walk; an exit marker flushes the paragraph at the end of a block element.
    struct Item {
      GumboNode* node;
      bool exit;
    };
    std::vector<Item> stack{{root, false}};
    while (!stack.empty()) {
      Item it = stack.back();
      stack.pop_back();
      GumboNode* n = it.node;
      if (it.exit) {
        Flush();
        continue;
      }
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
        buf_.append(n->v.text.text);
        continue;
      }
      if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
      const GumboVector* kids;
      if (n->type == GUMBO_NODE_DOCUMENT) {
        kids = &n->v.document.children;
      } else {
        GumboTag t = n->v.element.tag;
        if (t == GUMBO_TAG_SCRIPT && allow_scripts_) CollectScriptHtml(n);
        if (IsSkipped(t)) continue;
        if (t == GUMBO_TAG_TABLE) {
          Flush();
          Table(n);
          continue;
        }
        if (t == GUMBO_TAG_BR) {
          Flush();
          continue;
        }
        if (IsBlock(t)) {
          Flush();
          stack.push_back({n, true});
        }
        kids = &n->v.element.children;
      }
      for (unsigned i = kids->length; i > 0; --i) stack.push_back({static_cast<GumboNode*>(kids->data[i - 1]), false});
    }
  }

  // Some pages carry the report as an HTML string inside a script (document.write('…'), var html = "…").
  // The string literals of such a script are unescaped and kept, to be read after the page itself.
  void CollectScriptHtml(const GumboNode* script) {
    const GumboVector& kids = script->v.element.children;
    std::string code;
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA) code.append(k->v.text.text);
    }
    if (code.find("<table") == std::string::npos && code.find("<TABLE") == std::string::npos &&
        code.find("\\u003ctable") == std::string::npos && code.find("\\x3ctable") == std::string::npos &&
        code.find("&lt;table") == std::string::npos) {
      return;
    }
    std::string html;
    for (size_t i = 0; i < code.size(); ++i) {
      char q = code[i];
      if (q != '\'' && q != '"' && q != '`') continue;
      size_t j = i + 1;
      for (; j < code.size() && code[j] != q; ++j) {
        char c = code[j];
        if (c != '\\' || j + 1 >= code.size()) {
          html.push_back(c);
          continue;
        }
        char e = code[++j];
        switch (e) {
          case 'n': html.push_back('\n'); break;
          case 't': html.push_back('\t'); break;
          case 'r': break;
          case 'u':
          case 'x': {
            size_t len = e == 'u' ? 4 : 2;
            if (j + len < code.size()) {
              unsigned cp = static_cast<unsigned>(std::strtoul(code.substr(j + 1, len).c_str(), nullptr, 16));
              if (cp >= 0xD800 && cp <= 0xDBFF && code.compare(j + 1 + len, 2, "\\u") == 0) {
                unsigned lo = static_cast<unsigned>(std::strtoul(code.substr(j + 3 + len, 4).c_str(), nullptr, 16));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                j += 6;
              }
              AppendUtf8(cp, &html);
              j += len;
            }
            break;
          }
          default: html.push_back(e);
        }
      }
      i = j;
    }
    if (html.find("&lt;") != std::string::npos && html.find('<') == std::string::npos) {
      for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
        size_t p;
        while ((p = html.find(from)) != std::string::npos) html.replace(p, from.size(), to);
      }
    }
    if (html.size() > 64) script_html_.push_back(std::move(html));
  }

 public:
  std::vector<std::string> TakeScriptHtml() { return std::move(script_html_); }
  void ReadFragment(GumboNode* root) {
    allow_scripts_ = false;
    Walk(root);
    Flush();
  }

 private:
  void Paragraph(const std::string& text) { doc_->AddParagraphs(text, &paragraphs_, false); }

  void Flush() {
    if (buf_.empty()) return;
    Paragraph(buf_);
    buf_.clear();
  }

  void Table(GumboNode* table) {
    // Rows of this table (not of nested tables), in order.
    std::vector<GumboNode*> rows;
    std::vector<GumboNode*> stack{table};
    std::vector<GumboNode*> order;
    while (!stack.empty()) {
      GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag t = n->v.element.tag;
      if (n != table && t == GUMBO_TAG_TABLE) continue;
      if (t == GUMBO_TAG_TR) {
        rows.push_back(n);
        continue;
      }
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i > 0; --i) stack.push_back(static_cast<GumboNode*>(kids.data[i - 1]));
    }
    Block b;
    b.kind = BlockKind::kTable;
    const int32_t table_index = tables_++;
    b.at.table = table_index;
    // Grid with spans: pending[col] = rows still covered by a rowspan from above.
    std::vector<int> pending;
    size_t cells = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<Cell> out;
      size_t col = 0;
      auto cover_pending = [&]() {
        while (col < pending.size() && pending[col] > 0) {
          Cell c;
          c.covered = true;
          c.at = {0, 0, table_index, static_cast<int32_t>(r), static_cast<int32_t>(col)};
          out.push_back(c);
          --pending[col];
          ++col;
        }
      };
      const GumboVector& kids = rows[r]->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) {
        GumboNode* td = static_cast<GumboNode*>(kids.data[i]);
        if (td->type != GUMBO_NODE_ELEMENT) continue;
        if (td->v.element.tag != GUMBO_TAG_TD && td->v.element.tag != GUMBO_TAG_TH) continue;
        cover_pending();
        int rowspan = SpanAttr(td->v.element, "rowspan", limits_.max_span);
        int colspan = SpanAttr(td->v.element, "colspan", limits_.max_span);
        std::string text;
        AppendText(td, &text);
        for (char& ch : text) if (ch == '\n') ch = ' ';
        Cell c;
        c.text = doc_->Keep(std::move(text));
        c.row_span = static_cast<uint16_t>(rowspan);
        c.col_span = static_cast<uint16_t>(colspan);
        c.at = {0, 0, table_index, static_cast<int32_t>(r), static_cast<int32_t>(col)};
        out.push_back(c);
        for (int k = 0; k < colspan; ++k) {
          if (pending.size() <= col) pending.resize(col + 1, 0);
          pending[col] = rowspan - 1;
          if (k > 0) {
            Cell cov;
            cov.covered = true;
            cov.at = {0, 0, table_index, static_cast<int32_t>(r), static_cast<int32_t>(col)};
            out.push_back(cov);
          }
          ++col;
        }
        cells += colspan;
        if (cells > limits_.max_table_cells) {
          too_big_ = true;
          return;
        }
      }
      cover_pending();
      b.rows.push_back(std::move(out));
    }
    if (!b.rows.empty()) doc_->blocks.push_back(std::move(b));
  }

  Document* doc_;
  const HtmlLimits& limits_;
  std::string buf_;
  uint32_t paragraphs_ = 0;
  int32_t tables_ = 0;
  bool too_big_ = false;
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
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  GumboOutput* out = gumbo_parse_with_options(&options, doc->text.data(), doc->text.size());
  if (!out) return MakeError(ErrorCode::kCorruption, "HTML 无法解析");
  Builder builder(doc, limits);
  auto r = builder.Run(out->document);
  gumbo_destroy_output(&options, out);
  if (!r) return r;
  for (std::string& fragment : builder.TakeScriptHtml()) {
    if (EstimateDepth(fragment) > limits.max_depth) continue;
    std::string_view kept = doc->Keep(std::move(fragment));
    GumboOutput* frag = gumbo_parse_with_options(&options, kept.data(), kept.size());
    if (!frag) continue;
    builder.ReadFragment(frag->document);
    gumbo_destroy_output(&options, frag);
  }
  return {};
}

}  // namespace xxgk
