#include "extract/extract.h"

#include <algorithm>

#include "core/find.h"
#include "core/normalize.h"
#include "extract/lines.h"
#include "extract/metadata.h"
#include "extract/narrative_claims.h"
#include "extract/sections.h"
#include "extract/tables.h"
#include "schema/ids.h"

namespace xxgk {
namespace {

// Raw text between two absolute match-form offsets, cells joined by tabs and lines by newlines.
std::string RawSlice(const LineView& view, size_t first_line, uint32_t from, uint32_t to) {
  std::string out;
  for (size_t li = first_line; li < view.lines.size(); ++li) {
    const Line& l = view.lines[li];
    if (l.norm_begin >= to && li > first_line) break;
    if (li > first_line) out.push_back('\n');
    bool any = false;
    for (uint32_t ci = l.cell_begin; ci < l.cell_end; ++ci) {
      const LineCell& c = view.cells[ci];
      if (c.norm_end <= from && c.norm_end != c.norm_begin) continue;
      if (c.norm_begin >= to && c.norm_begin != c.norm_end) break;
      if (c.norm_end == c.norm_begin && (c.norm_begin < from || c.norm_begin >= to)) continue;
      size_t b = from > c.norm_begin ? RawOffsetForNormOffset(c.text, from - c.norm_begin) : 0;
      size_t e = to < c.norm_end ? RawOffsetForNormOffset(c.text, to - c.norm_begin) : c.text.size();
      if (any) out.push_back('\t');
      out.append(c.text.substr(b, e > b ? e - b : 0));
      any = true;
    }
  }
  // Trimmed in place (one string for the whole slice, no copy per line).
  const std::string_view trimmed = TrimSpace(out);
  const size_t start = static_cast<size_t>(trimmed.data() - out.data());
  out.resize(start + trimmed.size());
  out.erase(0, start);
  return out;
}

// The text of a section: its match-form span [from, to) as raw text, without the spans in `cut` (tables),
// and without the next heading's Markdown marks ("## 二、…").
std::string SectionText(const LineView& view, uint32_t from, uint32_t to, const std::vector<std::pair<uint32_t, uint32_t>>& cut) {
  auto line_of = [&](uint32_t off) {
    auto it = std::upper_bound(view.lines.begin(), view.lines.end(), off,
                               [](uint32_t o, const Line& l) { return o < l.norm_begin; });
    return it == view.lines.begin() ? size_t{0} : static_cast<size_t>(it - view.lines.begin()) - 1;
  };
  std::vector<std::pair<uint32_t, uint32_t>> pieces{{from, to}};
  for (const auto& [cb, ce] : cut) {
    std::vector<std::pair<uint32_t, uint32_t>> next;
    for (const auto& [b, e] : pieces) {
      if (ce <= b || cb >= e) {
        next.emplace_back(b, e);
        continue;
      }
      if (cb > b) next.emplace_back(b, cb);
      if (ce < e) next.emplace_back(ce, e);
    }
    pieces = std::move(next);
  }
  std::string text;
  for (const auto& [b, e] : pieces) {
    if (e <= b) continue;
    std::string part = RawSlice(view, line_of(b), b, e);
    while (!part.empty() && (part.back() == '#' || part.back() == ' ' || part.back() == '\t')) part.pop_back();
    while (!part.empty() && part.back() == '\n') part.pop_back();
    if (part.empty()) continue;
    if (!text.empty()) text.push_back('\n');
    text += part;
  }
  return text;
}

size_t CountMarkers(std::string_view text, const FormatSpec& f, std::vector<std::string>* found) {
  // One searcher per marker of every format, built once.
  static const auto* searchers = [] {
    auto* m = new std::vector<std::vector<Searcher>>();
    for (const auto& fmt : AllFormats()) {
      m->emplace_back();
      for (const auto& s : fmt.marker_norms) m->back().emplace_back(s);
    }
    return m;
  }();
  const std::vector<Searcher>* mine = nullptr;
  for (size_t k = 0; k < AllFormats().size(); ++k) if (&AllFormats()[k] == &f) mine = &(*searchers)[k];
  size_t n = 0;
  for (size_t i = 0; i < f.marker_norms.size(); ++i) {
    if ((mine ? (*mine)[i].Find(text) : FindBytes(text, f.marker_norms[i])) != std::string_view::npos) {
      ++n;
      found->push_back(f.marker_norms[i]);
    }
  }
  return n;
}

// The first line in [from, to) whose match form contains needle (within one line), or SIZE_MAX.
size_t FindLine(const LineView& view, size_t from, size_t to, const Searcher& needle) {
  to = std::min(to, view.lines.size());
  if (from >= to) return SIZE_MAX;
  std::string_view all = view.norm;
  size_t pos = view.lines[from].norm_begin;
  const size_t end = view.lines[to - 1].norm_end;
  while (true) {
    size_t hit = needle.Find(all.substr(0, end), pos);
    if (hit == std::string_view::npos) return SIZE_MAX;
    auto it = std::upper_bound(view.lines.begin() + from, view.lines.begin() + to, hit,
                               [](size_t off, const Line& l) { return off < l.norm_begin; });
    size_t li = static_cast<size_t>(it - view.lines.begin()) - 1;
    if (hit + needle.needle().size() <= view.lines[li].norm_end) return li;
    pos = hit + 1;  // the match spans two lines; look further
  }
}

// Cells whose value the narrative states, for breaking ties between cuts of run-together digits.
std::vector<CellPin> NarrativePins(const std::vector<Claim>& claims, const FormatSpec& f) {
  std::vector<CellPin> pins;
  for (const Claim& c : claims) {
    std::optional<ids::CellId> id = ClaimCell(c.kind);  // a sum over cells has no single cell to pin
    int cell = id ? f.CellIndex(*id) : -1;
    if (cell >= 0) pins.push_back({cell, c.value});
  }
  return pins;
}

}  // namespace

Report ExtractReport(const Document& doc, std::string* trace) {
  Report report;
  report.source = doc.source;
  const FormatSpec& base = LatestFormat();

  // Lines and section headings; headings found inside flattened lines cut those lines first.
  LineView view = Linearize(doc);
  std::vector<HeadingHit> heads = ChooseHeadings(FindHeadingCandidates(view, base), base.sections.size());
  std::vector<LineCut> cuts;
  for (const auto& h : heads) {
    if (!h.at_line_start) cuts.push_back({h.line, h.pos});
  }
  if (!cuts.empty()) {
    view = CutLines(view, cuts);
    heads = ChooseHeadings(FindHeadingCandidates(view, base), base.sections.size());
  }
  std::sort(heads.begin(), heads.end(), [](const HeadingHit& a, const HeadingHit& b) { return a.pos < b.pos; });
  auto head_line = [&](ids::SectionKey key) -> size_t {
    for (const auto& h : heads) if (base.sections[h.section].key == key) return h.line;
    return SIZE_MAX;
  };
  const size_t n = view.lines.size();
  size_t first_head = heads.empty() ? n : heads.front().line;

  // Metadata (title, signature).
  Metadata md = ExtractMetadata(view, first_head, head_line(ids::section::s2_proactive) != SIZE_MAX ? head_line(ids::section::s2_proactive) : n,
                                doc.meta);
  for (const std::string& conflict : md.page_conflicts) {
    Finding f = MakeFinding(Rule::kM1);
    f.message = conflict + "，请核对。";
    f.at = md.title_at;
    report.findings.push_back(std::move(f));
  }
  report.agency = md.agency;
  report.year = md.year;
  report.title = md.title;
  report.title_at = md.title_at;
  report.signed_date = md.signed_date;
  report.published_date = md.published_date;
  report.stats_period_year = md.stats_year;
  size_t body_end = md.signature_line != SIZE_MAX && md.signature_line > first_head ? md.signature_line : n;

  // Table regions: table markers first, section headings as fallback.
  size_t s2 = head_line(ids::section::s2_proactive), s3 = head_line(ids::section::s3_requests),
         s4 = head_line(ids::section::s4_review_litigation);
  static const Searcher kArt20_1(Normalize("第二十条第（一）项")), kNote("勾稽关系"), kNewReceived("本年新收政府信息公开申请"),
      kReview("行政复议");
  size_t t2b = FindLine(view, 0, body_end, kArt20_1);
  if (t2b == SIZE_MAX) t2b = s2;
  size_t t3_from = t2b == SIZE_MAX ? 0 : t2b;
  size_t t3b = FindLine(view, t3_from, body_end, kNote);
  size_t t3_row = FindLine(view, t3_from, body_end, kNewReceived);
  if (t3b == SIZE_MAX || (t3_row != SIZE_MAX && t3_row < t3b)) t3b = t3_row;
  if (s3 != SIZE_MAX && s3 >= t3_from && (t3b == SIZE_MAX || s3 < t3b)) t3b = s3;
  size_t t4b = SIZE_MAX;
  if (s4 != SIZE_MAX && (t3b == SIZE_MAX || s4 > t3b)) t4b = s4;
  else if (t3b != SIZE_MAX) t4b = FindLine(view, t3b + 1, body_end, kReview);
  size_t t4e = body_end;
  if (t4b != SIZE_MAX) {
    for (const auto& h : heads) {
      if (h.line > t4b && h.line < t4e) {
        t4e = h.line;
        break;
      }
    }
  }

  // Format, from the markers in the table region (whole text when no region is known).
  size_t mark_from = t2b != SIZE_MAX ? t2b : 0;
  size_t mark_to = t4b != SIZE_MAX ? t4b : body_end;
  std::string_view mark_text;
  if (mark_from < mark_to && mark_to <= n) {
    mark_text = std::string_view(view.norm).substr(view.lines[mark_from].norm_begin,
                                                    view.lines[mark_to - 1].norm_end - view.lines[mark_from].norm_begin);
  } else {
    mark_text = view.norm;
  }
  // The format with tables whose markers the table region holds most of (ties: the newer); else one without
  // tables whose markers the text holds, or whose years the report's year falls in.
  const FormatSpec* fmt = nullptr;
  size_t best = 0;
  for (const FormatSpec& f : AllFormats()) {
    if (!f.has_tables) continue;
    std::vector<std::string> found;
    size_t count = CountMarkers(mark_text, f, &found);
    if (count > best) {
      best = count;
      fmt = &f;
    }
    if (count > 0) report.format_markers.emplace_back(f.id, std::move(found));
  }
  const FormatSpec* by_year = report.year ? FormatForYear(*report.year) : nullptr;
  for (size_t k = 0; !fmt && k < AllFormats().size(); ++k) {
    const FormatSpec& f = AllFormats()[k];
    if (f.has_tables) continue;
    std::vector<std::string> found;
    if (CountMarkers(view.norm, f, &found) > 0 || by_year == &f) fmt = &f;
    if (!found.empty()) report.format_markers.emplace_back(f.id, std::move(found));
  }
  if (!fmt && heads.size() >= 3) {
    // A report in the current structure without recognisable tables: judge it by its year.
    fmt = by_year;
  }
  report.format = fmt;
  report.format_id = fmt ? fmt->id : "unknown";

  // Sections.
  std::vector<std::pair<uint32_t, uint32_t>> spans;  // each section's text, as match-form offsets
  for (size_t k = 0; k < heads.size(); ++k) {
    const HeadingHit& h = heads[k];
    SectionFound s;
    s.key = base.sections[h.section].key;
    s.title = RawSlice(view, h.line, h.pos, h.title_end);
    uint32_t end = k + 1 < heads.size() ? heads[k + 1].pos
                                         : (body_end < n ? view.lines[body_end].norm_begin
                                                         : static_cast<uint32_t>(view.norm.size()));
    spans.emplace_back(h.title_end, end);  // the text comes once the tables' lines are known
    s.at = view.lines[h.line].at;
    s.standard_number = h.standard_number;
    s.standard_title = h.standard_title;
    report.sections.push_back(std::move(s));
  }

  // Tables.
  std::vector<std::pair<uint32_t, uint32_t>> cut;  // the lines tables occupy, as match-form offsets
  size_t s1_index = SIZE_MAX;
  std::string s1_text;  // section one's text before any cut
  if (fmt && fmt->has_tables) {
    report.cells.assign(fmt->cells.size(), CellValue{});
    std::vector<CellPin> pins;
    for (size_t k = 0; k < report.sections.size(); ++k) {
      if (report.sections[k].key != ids::section::s1_overview) continue;
      s1_index = k;
      s1_text = SectionText(view, spans[k].first, spans[k].second, {});
      report.narrative_claims = FindNarrativeClaims(Normalize(s1_text));
      pins = NarrativePins(report.narrative_claims, *fmt);
      break;
    }
    std::array<LineRange, kTableCount> ranges{};
    if (t2b != SIZE_MAX) ranges[0] = {t2b, t3b != SIZE_MAX ? t3b : (t4b != SIZE_MAX ? t4b : body_end)};
    if (t3b != SIZE_MAX) ranges[1] = {t3b, t4b != SIZE_MAX ? t4b : body_end};
    if (t4b != SIZE_MAX) ranges[2] = {t4b, t4e};
    std::array<LineRange, kTableCount> used{};
    ExtractTables(view, ranges, *fmt, pins, &report, trace, &used);
    for (const LineRange& u : used) {
      if (u.empty()) continue;
      cut.emplace_back(view.lines[u.begin].norm_begin,
                       u.end < n ? view.lines[u.end].norm_begin : static_cast<uint32_t>(view.norm.size()));
    }
  }
  // Section texts hold prose only: the lines a table occupies are left out (a re-rendered report shows
  // each table once). Each text is built once.
  for (size_t k = 0; k < spans.size(); ++k) {
    bool overlaps = false;
    for (const auto& [cb, ce] : cut) overlaps |= cb < spans[k].second && ce > spans[k].first;
    report.sections[k].text = k == s1_index && !overlaps ? std::move(s1_text) : SectionText(view, spans[k].first, spans[k].second, cut);
  }
  return report;
}

bool LooksLikeNoReport(const Report& report) {
  if (report.format || !report.sections.empty()) return false;
  for (const auto& t : report.tables) if (t.present) return false;
  return report.title.empty();
}

}  // namespace xxgk
