#include "report/report_json.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "core/find.h"
#include "core/json_dump.h"
#include "core/utf8.h"
#include "schema/body_kinds.h"
#include "schema/format_spec.h"

namespace xxgk {
namespace {

void AppendNumber(double v, std::string* out) {
  char buf[32];
  // Most values are whole counts: no rounding call for them.
  if (v > -9e15 && v < 9e15) {
    const auto k = static_cast<long long>(v);
    if (static_cast<double>(k) == v) {
      auto res = std::to_chars(buf, buf + sizeof buf, k);
      out->append(buf, res.ptr);
      return;
    }
  }
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 9e15) {
    auto res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(std::llround(v)));
    out->append(buf, res.ptr);
    return;
  }
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

void AppendCellValue(const CellValue& c, std::string* out) {
  if (c.state == CellState::kValue) AppendNumber(c.value, out);
  else out->append("null");
}

void Key(const char* k, std::string* out) {
  out->push_back('"');
  out->append(k);
  out->append("\":");
}

void KeyS(const std::string& k, std::string* out) {
  out->push_back('"');
  out->append(k);
  out->append("\":");
}

void OptString(const std::optional<std::string>& s, std::string* out) {
  if (s) AppendJsonString(*s, out);
  else out->append("null");
}

void WriteTables(const Report& r, std::string* out) {
  out->push_back('{');
  const FormatSpec* f = r.format;
  bool first_table = true;
  if (f && !r.cells.empty()) {
    // Table 2: blocks → rows → cols.
    if (r.tables[0].present) {
      first_table = false;
      Key("t2", out);
      out->push_back('{');
      int idx = f->table_begin[0];
      for (size_t b = 0; b < f->t2.size(); ++b) {
        const auto& blk = f->t2[b];
        if (b) out->push_back(',');
        KeyS(blk.key, out);
        out->push_back('{');
        for (size_t ri = 0; ri < blk.rows.size(); ++ri) {
          if (ri) out->push_back(',');
          KeyS(blk.rows[ri].key, out);
          out->push_back('{');
          for (size_t ci = 0; ci < blk.cols.size(); ++ci) {
            if (ci) out->push_back(',');
            KeyS(blk.cols[ci].key, out);
            AppendCellValue(r.cells[idx++], out);
          }
          out->push_back('}');
        }
        out->push_back('}');
      }
      out->push_back('}');
    }
    if (r.tables[1].present) {
      if (!first_table) out->push_back(',');
      first_table = false;
      Key("t3", out);
      out->push_back('{');
      for (size_t ri = 0; ri < f->t3_rows.size(); ++ri) {
        if (ri) out->push_back(',');
        KeyS(f->t3_rows[ri].key, out);
        out->push_back('{');
        for (size_t ci = 0; ci < f->t3_cols.size(); ++ci) {
          if (ci) out->push_back(',');
          KeyS(f->t3_cols[ci].key, out);
          AppendCellValue(r.cells[f->T3Cell(static_cast<int>(ri), static_cast<int>(ci))], out);
        }
        out->push_back('}');
      }
      out->push_back('}');
    }
    if (r.tables[2].present) {
      if (!first_table) out->push_back(',');
      Key("t4", out);
      out->push_back('{');
      int idx = f->table_begin[2];
      for (size_t b = 0; b < f->t4_blocks.size(); ++b) {
        if (b) out->push_back(',');
        KeyS(f->t4_blocks[b].first, out);
        out->push_back('{');
        for (size_t ci = 0; ci < f->t4_cols.size(); ++ci) {
          if (ci) out->push_back(',');
          KeyS(f->t4_cols[ci].key, out);
          AppendCellValue(r.cells[idx++], out);
        }
        out->push_back('}');
      }
      out->push_back('}');
    }
  }
  out->push_back('}');
}

}  // namespace

// Offset of the first byte at or after i that JSON must escape (below 0x20, '"' or '\\'), or s.size().
inline size_t NextToEscape(std::string_view s, size_t i) {
  const char* p = s.data();
  const size_t n = s.size();
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    const __m128i hit = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (HasByteBelow(w, 0x20) || HasByte(w, '"') || HasByte(w, '\\')) break;
  }
  while (i < n && static_cast<unsigned char>(p[i]) >= 0x20 && p[i] != '"' && p[i] != '\\') ++i;
  return i;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  size_t run = 0;
  for (size_t i = NextToEscape(s, 0); i < s.size(); i = NextToEscape(s, i + 1)) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    out->append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      case '\r': out->append("\\r"); break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out->append(buf);
      }
    }
  }
  out->append(s.substr(run));
  out->push_back('"');
}

void AppendProvenanceJson(const Provenance& at, std::string* out) {
  out->push_back('{');
  bool first = true;
  auto field = [&](const char* k, long long v) {
    if (!first) out->push_back(',');
    first = false;
    Key(k, out);
    out->append(std::to_string(v));
  };
  if (at.page) field("page", at.page);
  if (at.line) field("line", at.line);
  if (at.table >= 0) field("table", at.table);
  if (at.row >= 0) field("row", at.row);
  if (at.col >= 0) field("col", at.col);
  out->push_back('}');
}

void WriteReportJson(const Report& r, std::string* out, const JsonOptions& options) {
  out->reserve(out->size() + 8192 + (options.section_text ? r.source.bytes : 0));
  out->append("{\"schema\":\"xxgk/report@1\",\"source\":{");
  Key("name", out);
  AppendJsonString(r.source.name, out);
  out->append(",\"sha256\":\"");
  out->append(r.source.sha256);
  out->append("\",\"bytes\":");
  out->append(std::to_string(r.source.bytes));
  out->append(",\"media_type\":");
  AppendJsonString(r.source.media_type, out);
  out->append(",\"encoding\":");
  AppendJsonString(r.source.encoding, out);
  out->append("},\"format\":");
  AppendJsonString(r.format_id, out);
  out->append(",\"agency\":");
  OptString(r.agency, out);
  out->append(",\"year\":");
  if (r.year) out->append(std::to_string(*r.year));
  else out->append("null");
  out->append(",\"signed_date\":");
  OptString(r.signed_date, out);
  out->append(",\"published_date\":");
  OptString(r.published_date, out);
  out->append(",\"title\":");
  AppendJsonString(r.title, out);
  out->append(",\"sections\":[");
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const auto& s = r.sections[i];
    if (i) out->push_back(',');
    out->append("{\"key\":");
    AppendJsonString(s.key, out);
    out->append(",\"title\":");
    AppendJsonString(s.title, out);
    if (options.section_text) {
      out->append(",\"text\":");
      AppendJsonString(s.text, out);
    }
    out->append(",\"at\":");
    AppendProvenanceJson(s.at, out);
    out->push_back('}');
  }
  out->append("],\"tables\":");
  WriteTables(r, out);
  out->append(",\"extraction\":{");
  bool first = true;
  for (int t = 0; t < kTableCount; ++t) {
    const auto& te = r.tables[t];
    if (!te.present) continue;
    if (!first) out->push_back(',');
    first = false;
    KeyS(TableKey(static_cast<TableId>(t)), out);
    out->append("{\"method\":");
    AppendJsonString(te.method, out);
    out->append(",\"rows_by_label\":");
    out->append(std::to_string(te.rows_by_label));
    out->append(",\"rows_by_position\":");
    out->append(std::to_string(te.rows_by_position));
    out->append(",\"at\":");
    AppendProvenanceJson(te.at, out);
    out->push_back('}');
  }
  out->push_back('}');
  if (options.provenance && r.format && !r.cells.empty()) {
    out->append(",\"cells_at\":{");
    bool any = false;
    for (size_t i = 0; i < r.cells.size(); ++i) {
      if (r.cells[i].state == CellState::kMissing) continue;
      if (any) out->push_back(',');
      any = true;
      KeyS(r.format->cells[i].id, out);
      AppendProvenanceJson(r.cells[i].at, out);
      if (r.cells[i].unit != PrintedUnit::kNone) {
        // The unit as printed, inside the provenance object: {"line":12,"unit":"元"}.
        out->pop_back();
        if (out->back() != '{') out->push_back(',');
        out->append("\"unit\":");
        AppendJsonString(PrintedUnitChinese(r.cells[i].unit), out);
        out->push_back('}');
      }
    }
    out->push_back('}');
  }
  out->append(",\"findings\":[");
  for (size_t i = 0; i < r.findings.size(); ++i) {
    const auto& f = r.findings[i];
    if (i) out->push_back(',');
    out->append("{\"rule\":");
    AppendJsonString(f.rule, out);
    out->append(",\"severity\":\"");
    out->append(SeverityName(f.severity));
    out->append("\",\"cells\":[");
    for (size_t c = 0; c < f.cells.size(); ++c) {
      if (c) out->push_back(',');
      AppendJsonString(f.cells[c], out);
    }
    out->append("],\"message\":");
    AppendJsonString(f.message, out);
    out->append(",\"at\":");
    AppendProvenanceJson(f.at, out);
    if (f.expected) {
      out->append(",\"expected\":");
      AppendNumber(*f.expected, out);
    }
    if (f.actual) {
      out->append(",\"actual\":");
      AppendNumber(*f.actual, out);
    }
    out->push_back('}');
  }
  out->append("]}");
}

void WriteErrorJson(std::string_view name, const Error& error, std::string* out) {
  *out += "{\"schema\":\"xxgk/report@1\",\"source\":{\"name\":";
  AppendJsonString(ToValidUtf8(name), out);
  *out += "},\"error\":{\"code\":\"";
  *out += ErrorCodeName(error.code);
  *out += "\",\"message\":";
  AppendJsonString(error.message, out);
  *out += "}}";
}

void WriteFormatsJson(std::string* out) {
  nlohmann::json formats = nlohmann::json::array();
  for (const FormatSpec& f : AllFormats()) {
    formats.push_back({{"id", f.id}, {"name", f.name}, {"title", f.title}, {"source", f.source},
                       {"years", {f.year_from, f.year_to}}, {"has_tables", f.has_tables}, {"cells", f.cells.size()},
                       {"constraints", f.constraints.size()}});
  }
  nlohmann::json kinds = nlohmann::json::array();
  for (BodyKind k : {BodyKind::kDepartment, BodyKind::kGovernment, BodyKind::kTownship}) {
    kinds.push_back({{"id", BodyKindName(k)}, {"zh", BodyKindChinese(k)}});
  }
  *out += DumpJson(nlohmann::json{{"formats", std::move(formats)}, {"body_kinds", std::move(kinds)}});
}

void WriteRulesJson(std::string* out) {
  out->push_back('[');
  bool first = true;
  for (const RuleInfo& r : AllRules()) {
    if (!first) out->push_back(',');
    first = false;
    *out += "{\"id\":";
    AppendJsonString(r.id, out);
    *out += ",\"severity\":\"";
    *out += SeverityName(r.severity);
    *out += "\",\"severity_zh\":\"";
    *out += SeverityChinese(r.severity);
    *out += r.scope == RuleScope::kCorpus   ? "\",\"scope\":\"corpus\",\"title\":"
            : r.scope == RuleScope::kLedger ? "\",\"scope\":\"ledger\",\"title\":"
                                            : "\",\"scope\":\"report\",\"title\":";
    AppendJsonString(r.title, out);
    *out += ",\"fix\":";
    AppendJsonString(r.fix, out);
    *out += ",\"checks\":";
    AppendJsonString(r.checks, out);
    out->push_back('}');
  }
  out->push_back(']');
}

}  // namespace xxgk
