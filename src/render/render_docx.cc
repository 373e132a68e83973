// A Word document (WordprocessingML): paragraphs and native tables with merged cells (w:gridSpan, w:vMerge),
// zipped in memory with libzip.

#include <algorithm>
#include <cstdio>
#include <vector>

#include "render/render.h"
#include "render/zip_writer.h"

namespace xxgk {
namespace {


// A paragraph: centred and bold for the title, indented for body text.
void Paragraph(std::string_view text, std::string* out, const char* jc = nullptr, bool bold = false, int half_points = 0,
               bool indent = false) {
  *out += "<w:p><w:pPr>";
  if (indent) *out += "<w:ind w:firstLine=\"640\"/>";
  if (jc) *out += std::string("<w:jc w:val=\"") + jc + "\"/>";
  *out += "</w:pPr><w:r>";
  if (bold || half_points) {
    *out += "<w:rPr>";
    if (bold) *out += "<w:b/>";
    if (half_points) *out += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/>";
    *out += "</w:rPr>";
  }
  *out += "<w:t xml:space=\"preserve\">";
  AppendXmlEscaped(text, out);
  *out += "</w:t></w:r></w:p>";
}

void Table(const Grid& g, std::string* out) {
  *out +=
      "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
  // Column widths in twips: the text width of an A4 page with 1-inch margins, shared by weight.
  constexpr int kTextWidth = 9026;
  int weight = 0;
  for (int w : g.widths) weight += w;
  std::vector<int> twips(g.cols);
  for (int c = 0; c < g.cols; ++c) {
    twips[c] = kTextWidth * g.widths[c] / std::max(1, weight);
    *out += "<w:gridCol w:w=\"" + std::to_string(twips[c]) + "\"/>";
  }
  *out += "</w:tblGrid>";
  auto cover = g.Cover();
  for (int r = 0; r < g.rows; ++r) {
    *out += "<w:tr>";
    for (int c = 0; c < g.cols;) {
      int i = cover[r][c];
      if (i < 0) {  // never happens with the template grids; keep the row rectangular anyway
        *out += "<w:tc><w:p/></w:tc>";
        ++c;
        continue;
      }
      const GridCell& cell = g.cells[i];
      int width = 0;
      for (int k = c; k < c + cell.col_span && k < g.cols; ++k) width += twips[k];
      *out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
      if (cell.col_span > 1) *out += "<w:gridSpan w:val=\"" + std::to_string(cell.col_span) + "\"/>";
      if (cell.row_span > 1) *out += cell.row == r ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>";
      *out += "<w:vAlign w:val=\"center\"/></w:tcPr>";
      if (cell.row == r) {
        Paragraph(cell.text, out, "center", false, 20);
      } else {
        *out += "<w:p/>";
      }
      *out += "</w:tc>";
      c += cell.col_span;
    }
    *out += "</w:tr>";
  }
  *out += "</w:tbl>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";
constexpr const char* kRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

}  // namespace

Result<std::string> RenderDocx(const RenderPlan& plan) {
  std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  Paragraph(plan.title, &doc, "center", true, 36);
  for (const auto& s : plan.sections) {
    Paragraph(s.heading, &doc, nullptr, true, 0, true);
    for (const auto& p : s.paragraphs) Paragraph(p, &doc, nullptr, false, 0, true);
    for (const auto& t : s.tables) {
      Table(t, &doc);
      doc += "<w:p/>";
    }
  }
  for (const auto& line : plan.signature) Paragraph(line, &doc, "right");
  doc += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" "
         "w:left=\"1440\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

  return ZipInMemory({{"[Content_Types].xml", kContentTypes}, {"_rels/.rels", kRels}, {"word/document.xml", doc}},
                     "Word 文件");
}

}  // namespace xxgk
