#include "render/render.h"
#include "schema/ids.h"

#include <cstdlib>

namespace xxgk {

bool ParseRenderFormat(std::string_view name, RenderFormat* out) {
  if (name == "md" || name == "markdown") *out = RenderFormat::kMarkdown;
  else if (name == "html" || name == "htm") *out = RenderFormat::kHtml;
  else if (name == "docx") *out = RenderFormat::kDocx;
  else if (name == "txt" || name == "text") *out = RenderFormat::kText;
  else return false;
  return true;
}

const char* RenderExtension(RenderFormat f) {
  switch (f) {
    case RenderFormat::kMarkdown: return "md";
    case RenderFormat::kHtml: return "html";
    case RenderFormat::kDocx: return "docx";
    case RenderFormat::kText: return "txt";
  }
  return "txt";
}

void AppendXmlEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      default:
        // Control characters are not allowed in XML 1.0 (Word refuses the file): dropped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        *out += c;
    }
  }
}

std::string ChineseDate(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  int m = std::atoi(std::string(iso.substr(5, 2)).c_str());
  int d = std::atoi(std::string(iso.substr(8, 2)).c_str());
  std::string out(iso.substr(0, 4));
  out += "年";
  out += std::to_string(m);
  out += "月";
  out += std::to_string(d);
  out += "日";
  return out;
}

RenderPlan PlanReport(const Report& r) {
  RenderPlan plan;
  plan.title = r.title;
  if (plan.title.empty()) {
    plan.title = r.agency.value_or("");
    if (r.year) plan.title += std::to_string(*r.year) + "年";
    plan.title += "政府信息公开工作年度报告";
  }
  const FormatSpec& f = *r.format;
  for (const auto& def : f.sections) {
    RenderSection s;
    s.heading = def.no + "、" + def.title.text;
    if (const SectionFound* found = r.FindSection(def.key)) {
      std::string_view text = found->text;
      while (!text.empty()) {
        size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
        if (!line.empty()) s.paragraphs.emplace_back(line);
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
      }
    }
    if (f.has_tables) {
      if (def.key == ids::section::s2_proactive.value) s.tables.push_back(Table2Grid(r));
      if (def.key == ids::section::s3_requests.value) s.tables.push_back(Table3Grid(r));
      if (def.key == ids::section::s4_review_litigation.value) s.tables.push_back(Table4Grid(r));
    }
    plan.sections.push_back(std::move(s));
  }
  if (r.agency) plan.signature.push_back(*r.agency);
  if (r.signed_date) plan.signature.push_back(ChineseDate(*r.signed_date));
  return plan;
}

Result<std::string> RenderReport(const Report& r, RenderFormat format) {
  if (!r.format || !r.format->has_tables) {
    return MakeError(ErrorCode::kInvalidArgument, "只能按 2019 年以后的统一格式生成报告（gov2021 或 gov2019trial）");
  }
  RenderPlan plan = PlanReport(r);
  switch (format) {
    case RenderFormat::kMarkdown: return RenderMarkdown(plan);
    case RenderFormat::kHtml: return RenderHtml(plan);
    case RenderFormat::kDocx: return RenderDocx(plan);
    case RenderFormat::kText: return RenderText(plan);
  }
  return RenderText(plan);
}

}  // namespace xxgk
