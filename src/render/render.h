// Renders a report in the official layout (title, the six sections with their standard titles, tables
// 二/三/四 with merged headers, signature) as Markdown, HTML, Word (.docx) or plain text. A rendered report
// read back by xxgk gives the same tables, sections, agency and year.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/table_grid.h"
#include "report/report.h"

namespace xxgk {

enum class RenderFormat { kMarkdown, kHtml, kDocx, kText };

// "md", "html", "docx", "txt" (also "markdown", "text"); false if unknown.
bool ParseRenderFormat(std::string_view name, RenderFormat* out);
const char* RenderExtension(RenderFormat f);

// What every format draws: the document in reading order.
struct RenderSection {
  std::string heading;                  // "一、总体情况"
  std::vector<std::string> paragraphs;  // the section text, one entry per paragraph
  std::vector<Grid> tables;             // the section's statistical table, if any
};
struct RenderPlan {
  std::string title;
  std::vector<RenderSection> sections;
  std::vector<std::string> signature;   // agency, date
};
RenderPlan PlanReport(const Report& report);

// Errors: kInvalidArgument when the report has no format with tables.
Result<std::string> RenderReport(const Report& report, RenderFormat format);

std::string RenderMarkdown(const RenderPlan& plan);
std::string RenderText(const RenderPlan& plan);
std::string RenderHtml(const RenderPlan& plan);
// Errors: kIoError when the Word package cannot be assembled (libzip ran out of memory).
Result<std::string> RenderDocx(const RenderPlan& plan);

// Appends s with &, <, > and " escaped and control characters dropped (HTML and WordprocessingML text).
void AppendXmlEscaped(std::string_view s, std::string* out);

// "2025-01-06" → "2025年1月6日" (the form of a signature); other strings unchanged.
std::string ChineseDate(std::string_view iso);

}  // namespace xxgk
