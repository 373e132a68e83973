#include "store/queries.h"

#include <map>
#include <set>

#include "schema/body_kinds.h"
#include "core/json_dump.h"
#include "schema/format_spec.h"
#include "store/review.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

json ToJson(const SqlValue& v) {
  switch (v.type) {
    case SqlValue::Type::kNull: return nullptr;
    case SqlValue::Type::kInt: return v.i;
    case SqlValue::Type::kReal: return v.d;
    default: return v.s;
  }
}

// The tables a filter applies to: reports r with their bodies a, or findings f with their reports.
constexpr const char* kFromReports = " FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id";
constexpr const char* kFromFindings =
    " FROM findings f JOIN reports r ON r.id = f.report_id LEFT JOIN agencies a ON a.id = r.agency_id";

// The WHERE clause of a filter over r and a.
// A LIKE pattern matching text that starts with `prefix` (its wildcards escaped).
std::string LikePrefix(std::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

Result<std::string> Where(Store* store, const ReportFilter& f, SqlParams* params) {
  std::string w = f.all_versions ? " WHERE 1 = 1" : " WHERE r.current = 1";
  if (f.year) {
    w += " AND r.year = ?";
    params->push_back(*f.year);
  }
  if (f.region) {
    w += " AND a.region LIKE ? ESCAPE '\\'";
    params->push_back(LikePattern(*f.region));
  }
  if (f.agency) {
    auto ids = store->FindAgencies(*f.agency);
    if (!ids) return tl::unexpected(ids.error());
    w += " AND (r.agency LIKE ? ESCAPE '\\'";
    params->push_back(LikePattern(*f.agency));
    for (int64_t id : *ids) {
      w += " OR r.agency_id = ?";
      params->push_back(id);
    }
    w += ")";
  }
  if (f.format) {
    w += " AND r.format = ?";
    params->push_back(*f.format);
  }
  if (f.scope) {
    w += " AND (1 = 0";
    for (int64_t id : f.scope->agencies) {
      w += " OR r.agency_id = ?";
      params->push_back(id);
    }
    for (const std::string& prefix : f.scope->region_prefixes) {
      w += " OR a.region LIKE ? ESCAPE '\\'";
      params->push_back(LikePrefix(prefix));
    }
    w += ")";
  }
  if (f.has_errors) w += " AND r.errors > 0";
  if (f.late) w += " AND r.late > 0";
  if (f.rule) {
    w += " AND EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id AND f.rule = ?)";
    params->push_back(*f.rule);
  }
  return w;
}

json FindingJson(const SqlRow& r) {
  // origin, rule, severity, cells, message, at, expected, actual
  json f;
  f["rule"] = r[1].AsText();
  f["severity"] = r[2].AsText();
  f["cells"] = json::parse(r[3].AsText(), nullptr, false);
  if (f["cells"].is_discarded()) f["cells"] = json::array();
  f["message"] = r[4].AsText();
  json at = r[5].null() ? json() : json::parse(r[5].AsText(), nullptr, false);
  f["at"] = at.is_discarded() ? json() : at;
  if (!r[6].null()) f["expected"] = r[6].AsReal();
  if (!r[7].null()) f["actual"] = r[7].AsReal();
  f["origin"] = r[0].AsText();
  return f;
}

Result<json> Findings(Store* store, int64_t report_id) {
  auto rows = store->db()->Query(
      "SELECT origin, rule, severity, cells, message, at, expected, actual FROM findings WHERE report_id = ? "
      "ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, id",
      {report_id});
  if (!rows) return tl::unexpected(rows.error());
  json out = json::array();
  for (const auto& r : *rows) out.push_back(FindingJson(r));
  return out;
}

std::string Signature(const json& f) { return f.value("rule", "") + "|" + DumpJson(f["cells"]) + "|" + (f["cells"].empty() ? f.value("message", "") : ""); }

}  // namespace

const json* FindCell(const json& report, const CellDef& c) {
  auto tables = report.find("tables");
  if (tables == report.end() || !tables->is_object()) return nullptr;
  auto table = tables->find(TableKey(c.table));
  if (table == tables->end()) return nullptr;
  const json* node = &*table;
  for (const std::string* part : {&c.block, &c.row, &c.col}) {
    if (part->empty()) continue;
    if (!node->is_object()) return nullptr;
    auto next = node->find(*part);
    if (next == node->end()) return nullptr;
    node = &*next;
  }
  return node;
}

const std::vector<std::string>& ReportSortKeys() {
  static const std::vector<std::string> keys = {"year", "agency", "region", "errors", "warnings", "late", "id"};
  return keys;
}

Result<int64_t> CountReports(Store* store, const ReportFilter& filter) {
  SqlParams params;
  auto where = Where(store, filter, &params);
  if (!where) return tl::unexpected(where.error());
  auto n = store->db()->QueryValue("SELECT COUNT(*) FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id" + *where, params);
  if (!n) return tl::unexpected(n.error());
  return n->AsInt();
}

bool AccessScope::Contains(std::optional<int64_t> agency_id, std::string_view region) const {
  if (agency_id && std::find(agencies.begin(), agencies.end(), *agency_id) != agencies.end()) return true;
  for (const std::string& p : region_prefixes) {
    if (!p.empty() && region.substr(0, p.size()) == p) return true;
  }
  return false;
}

Result<json> ListReports(Store* store, const ReportFilter& filter) {
  SqlParams params;
  auto where = Where(store, filter, &params);
  if (!where) return tl::unexpected(where.error());
  std::string order = " ORDER BY r.year, a.region, r.agency, r.id";
  if (!filter.sort.empty()) {
    const bool desc = filter.sort[0] == '-';
    const std::string key = desc ? filter.sort.substr(1) : filter.sort;
    static const std::map<std::string, std::string> kColumns = {
        {"year", "r.year"}, {"agency", "r.agency"}, {"region", "a.region"}, {"errors", "r.errors"},
        {"warnings", "r.warnings"}, {"late", "r.late"}, {"id", "r.id"}};
    auto it = kColumns.find(key);
    if (it == kColumns.end()) {
      return MakeError(ErrorCode::kInvalidArgument, "不能按“" + key + "”排序（可用：年度 year、机关 agency、地区 region、错误数 errors、警告数 warnings、逾期 late）");
    }
    // Nulls last either way; the id breaks ties, so pages never overlap. Spelled so that an index on the
    // column serves the order: SQLite sorts nulls first ascending and last descending, PostgreSQL the reverse.
    const bool pg = store->db()->Dialect() == "postgresql";
    const std::string& col = it->second;
    if (pg) order = " ORDER BY " + col + (desc ? " DESC" : " ASC") + " NULLS LAST, r.id" + (desc ? " DESC" : "");
    else if (desc) order = " ORDER BY " + col + " DESC, r.id DESC";
    else order = " ORDER BY (" + col + " IS NULL), " + col + ", r.id";
  }
  // The page's ids first (reports and bodies only, which the filter and the order read), then their rows:
  // a deep page does not join the documents of every report it skips.
  std::string page = "SELECT r.id FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id" + *where + order;
  if (filter.limit) page += " LIMIT " + std::to_string(filter.limit);
  if (filter.offset) {
    // SQLite needs a LIMIT before an OFFSET (-1: none); PostgreSQL takes OFFSET alone.
    if (!filter.limit && store->db()->Dialect() != "postgresql") page += " LIMIT -1";
    page += " OFFSET " + std::to_string(filter.offset);
  }
  std::string sql =
      "SELECT r.id, r.document_id, r.agency, a.region, a.kind, r.year, r.format, r.errors, r.warnings, r.infos, r.late, d.name, "
      "d.media_type, r.agency_id, r.current FROM (" + page + ") p JOIN reports r ON r.id = p.id JOIN documents d ON d.id = r.document_id "
      "LEFT JOIN agencies a ON a.id = r.agency_id" + order;
  auto rows = store->db()->Query(sql, params);
  if (!rows) return tl::unexpected(rows.error());
  static const char* kNames[] = {"id", "document_id", "agency", "region", "kind", "year", "format",
                                 "errors", "warnings", "infos", "late", "file", "media_type", "agency_id", "current"};
  json out = json::array();
  for (const auto& r : *rows) {
    json o;
    for (size_t i = 0; i < r.size(); ++i) o[kNames[i]] = ToJson(r[i]);
    o["late"] = r[10].AsInt() > 0;
    o["current"] = r[14].AsInt() != 0;
    out.push_back(std::move(o));
  }
  return out;
}

Result<json> ListFailed(Store* store) {
  auto rows = store->db()->Query("SELECT id, name, path, error_code, error FROM documents WHERE status = 'failed' ORDER BY id");
  if (!rows) return tl::unexpected(rows.error());
  json out = json::array();
  for (const auto& r : *rows) {
    out.push_back({{"document_id", r[0].AsInt()}, {"file", r[1].AsText()}, {"path", r[2].AsText()},
                   {"error_code", ToJson(r[3])}, {"error", ToJson(r[4])}});
  }
  return out;
}

Result<json> LoadReport(Store* store, int64_t report_id) {
  auto rows = store->db()->Query(
      "SELECT t.json, r.document_id, r.agency_id, a.region, a.kind, a.name, r.current, r.year, d.name, d.ingested_at "
      "FROM reports r JOIN report_texts t ON t.report_id = r.id JOIN documents d ON d.id = r.document_id "
      "LEFT JOIN agencies a ON a.id = r.agency_id "
      "WHERE r.id = ?",
      {report_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return MakeError(ErrorCode::kInvalidArgument, "库中没有编号为 " + std::to_string(report_id) + " 的报告");
  const auto& r = rows->front();
  json j = json::parse(r[0].AsText(), nullptr, false);
  if (j.is_discarded()) return MakeError(ErrorCode::kCorruption, "库中报告 " + std::to_string(report_id) + " 的 JSON 已损坏");
  auto f = Findings(store, report_id);
  if (!f) return tl::unexpected(f.error());
  // Each finding's identity, and the review and rectification of its body and year (store/review.h).
  json reviews = json::object();
  if (!r[2].null() && !r[7].null()) {
    auto rv = ReviewsOfReport(store, r[2].AsInt(), static_cast<int>(r[7].AsInt()));
    if (!rv) return tl::unexpected(rv.error());
    reviews = std::move(*rv);
  }
  for (json& finding : *f) {
    const std::string key = FindingKey(finding.value("rule", ""), finding["cells"], finding.value("message", ""));
    finding["key"] = key;
    auto it = reviews.find(key);
    if (it != reviews.end()) finding["review"] = *it;
  }
  j["findings"] = std::move(*f);
  j["store"] = {{"report_id", report_id}, {"document_id", r[1].AsInt()}, {"agency_id", ToJson(r[2])},
                {"region", ToJson(r[3])}, {"kind", ToJson(r[4])}, {"agency_name", ToJson(r[5])},
                {"current", r[6].AsInt() != 0}};
  // The versions of this body and year, oldest first (the last is current).
  json versions = json::array();
  if (!r[2].null() && !r[7].null()) {
    auto v = store->db()->Query(
        "SELECT r.id, d.name, d.ingested_at, r.current, r.errors, r.warnings FROM reports r JOIN documents d ON d.id = r.document_id "
        "WHERE r.agency_id = ? AND r.year = ? ORDER BY r.document_id", {r[2].AsInt(), r[7].AsInt()});
    if (!v) return tl::unexpected(v.error());
    for (const auto& x : *v) {
      versions.push_back({{"report_id", x[0].AsInt()}, {"file", x[1].AsText()}, {"stored_at", x[2].AsText()},
                          {"current", x[3].AsInt() != 0}, {"errors", x[4].AsInt()}, {"warnings", x[5].AsInt()}});
    }
  }
  j["store"]["versions"] = std::move(versions);
  return j;
}

Result<json> MatchAgencies(Store* store, std::string_view text) {
  auto ids = store->FindAgencies(text);
  if (!ids) return tl::unexpected(ids.error());
  json out = json::array();
  for (int64_t id : *ids) {
    auto rows = store->db()->Query(
        "SELECT a.id, a.name, a.region, a.kind, a.rostered, (SELECT COUNT(*) FROM reports r WHERE r.agency_id = a.id) "
        "FROM agencies a WHERE a.id = ?",
        {id});
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& r : *rows) {
      out.push_back({{"id", r[0].AsInt()}, {"name", r[1].AsText()}, {"region", ToJson(r[2])}, {"kind", r[3].AsText()},
                     {"rostered", r[4].AsInt() != 0}, {"reports", r[5].AsInt()}});
    }
  }
  return out;
}

Result<OriginalFile> ReportOriginal(Store* store, int64_t report_id) {
  auto rows = store->db()->Query(
      "SELECT d.name, d.bytes, d.content FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.id = ?", {report_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return MakeError(ErrorCode::kInvalidArgument, "库中没有编号为 " + std::to_string(report_id) + " 的报告");
  auto& r = rows->front();
  auto bytes = DecompressContent(r[2].s, static_cast<uint64_t>(r[1].AsInt()));
  if (!bytes) return tl::unexpected(bytes.error());
  return OriginalFile{r[0].AsText(), std::move(*bytes)};
}

Result<std::optional<int64_t>> ReportIdForContent(Store* store, const std::string& sha256) {
  auto rows = store->db()->Query(
      "SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.sha256 = ? ORDER BY r.id DESC", {sha256});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<int64_t>();
  return std::optional<int64_t>((*rows)[0][0].AsInt());
}

json TablesOfReportJson(std::string_view text) {
  json::parser_callback_t only_tables = [](int depth, json::parse_event_t event, json& parsed) {
    return !(depth == 1 && event == json::parse_event_t::key && parsed != "tables");
  };
  json j = json::parse(text, only_tables, false);
  return j.is_object() && j.contains("tables") ? std::move(j["tables"]) : json::object();
}

Result<std::optional<int64_t>> DocumentOfReport(Store* store, int64_t report_id) {
  auto id = store->db()->QueryValue("SELECT document_id FROM reports WHERE id = ?", {report_id});
  if (!id) return tl::unexpected(id.error());
  if (id->null()) return std::optional<int64_t>();
  return std::optional<int64_t>(id->AsInt());
}

Result<std::optional<json>> AgencyInfo(Store* store, int64_t agency_id) {
  auto info = store->db()->Query("SELECT id, name, region, kind, rostered FROM agencies WHERE id = ?", {agency_id});
  if (!info) return tl::unexpected(info.error());
  if (info->empty()) return std::optional<json>();
  const auto& a = info->front();
  return std::optional<json>(json{{"id", a[0].AsInt()}, {"name", a[1].AsText()},
                                  {"region", a[2].null() ? json() : json(a[2].AsText())}, {"kind", a[3].AsText()},
                                  {"rostered", a[4].AsInt() != 0}});
}

Result<std::vector<int64_t>> ReportIdsOf(Store* store, int64_t agency_id, std::optional<int> year) {
  auto rows = year ? store->db()->Query("SELECT id FROM reports WHERE agency_id = ? AND year = ? ORDER BY year, id",
                                        {agency_id, *year})
                   : store->db()->Query("SELECT id FROM reports WHERE agency_id = ? ORDER BY year, id", {agency_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<int64_t> out;
  for (const auto& r : *rows) out.push_back(r[0].AsInt());
  return out;
}

Result<std::map<int, int64_t>> ReportsByYear(Store* store, int64_t agency_id) {
  auto rows = store->db()->Query("SELECT year, id FROM reports WHERE agency_id = ? AND year IS NOT NULL AND current = 1 ORDER BY year",
                                 {agency_id});
  if (!rows) return tl::unexpected(rows.error());
  std::map<int, int64_t> out;
  for (const auto& r : *rows) out[static_cast<int>(r[0].AsInt())] = r[1].AsInt();
  return out;
}

Result<json> CompareReports(Store* store, int64_t report_a, int64_t report_b) {
  auto a = LoadReport(store, report_a);
  if (!a) return a;
  auto b = LoadReport(store, report_b);
  if (!b) return b;
  json out;
  out["agency"] = (*b)["agency"];
  out["years"] = {(*a)["year"], (*b)["year"]};
  out["formats"] = {(*a)["format"], (*b)["format"]};
  out["report_ids"] = {report_a, report_b};
  // Only reports with the national tables compare cell by cell: a report of the 2008 条例 years has none.
  out["comparable"] = true;
  for (const json* r : {&*a, &*b}) {
    const FormatSpec* f = FindFormat(r->value("format", ""));
    if (f && f->has_tables) continue;
    const json& y = (*r)["year"];
    out["comparable"] = false;
    out["why"] = (y.is_number() ? std::to_string(y.get<int>()) + "年度报告" : std::string("其中一份报告")) +
                 (f ? "是" + f->name + "，没有全国统一格式的统计表" : "的格式未能识别") + "，不能逐项比较。";
    out["cells"] = json::array();
    out["new_findings"] = json::array();
    out["fixed_findings"] = json::array();
    return out;
  }
  // Cells in the order of the later report's format, then any only the earlier one has.
  std::vector<const CellDef*> cells;
  std::set<std::string> seen;
  for (const json* r : {&*b, &*a}) {
    const FormatSpec* f = FindFormat(r->value("format", ""));
    if (!f) continue;
    for (const auto& c : f->cells) {
      if (seen.insert(c.id).second) cells.push_back(&c);
    }
  }
  json rows = json::array();
  for (const CellDef* c : cells) {
    const json* va = FindCell(*a, *c);
    const json* vb = FindCell(*b, *c);
    if (!va && !vb) continue;
    json row = {{"id", c->id}, {"label", c->label}, {"a", va ? *va : json()}, {"b", vb ? *vb : json()}};
    if (va && vb && va->is_number() && vb->is_number()) row["change"] = vb->get<double>() - va->get<double>();
    else row["change"] = nullptr;
    rows.push_back(std::move(row));
  }
  out["cells"] = std::move(rows);
  std::set<std::string> sa, sb;
  for (const auto& f : (*a)["findings"]) sa.insert(Signature(f));
  for (const auto& f : (*b)["findings"]) sb.insert(Signature(f));
  out["new_findings"] = json::array();
  out["fixed_findings"] = json::array();
  for (const auto& f : (*b)["findings"]) if (!sa.count(Signature(f))) out["new_findings"].push_back(f);
  for (const auto& f : (*a)["findings"]) if (!sb.count(Signature(f))) out["fixed_findings"].push_back(f);
  return out;
}

Result<json> Stats(Store* store, const std::string& by, const ReportFilter& filter) {
  std::string group;
  if (by == "year") group = "r.year";
  else if (by == "region") group = "COALESCE(a.region, '')";
  else if (by == "kind") group = "COALESCE(a.kind, '')";
  else return MakeError(ErrorCode::kInvalidArgument, "分组只能是 year（年度）、region（地区）或 kind（机关类别），而不是“" + by + "”");
  SqlParams params;
  auto where = Where(store, filter, &params);
  if (!where) return tl::unexpected(where.error());
  auto rows = store->db()->Query(
      "SELECT " + group + ", COUNT(*), SUM(r.received), SUM(r.results_total), SUM(r.granted), SUM(r.partially_granted), "
      "SUM(r.denied), SUM(r.unable), SUM(r.not_processed), SUM(r.other_handling), SUM(CASE WHEN r.late > 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.errors > 0 THEN 1 ELSE 0 END), SUM(r.review_total), SUM(r.litigation_total)" + kFromReports + *where +
      " GROUP BY " + group + " ORDER BY " + group,
      params);
  if (!rows) return tl::unexpected(rows.error());
  // The rule failure rates: the same filter over the reports' findings.
  auto rules = store->db()->Query("SELECT " + group + ", f.rule, COUNT(DISTINCT f.report_id)" + kFromFindings + *where +
                                      " AND f.severity <> 'info' GROUP BY " + group + ", f.rule ORDER BY 1, 2",
                                  params);
  if (!rules) return tl::unexpected(rules.error());
  auto failed = store->db()->QueryValue("SELECT COUNT(*) FROM documents WHERE status = 'failed'");
  if (!failed) return tl::unexpected(failed.error());
  auto share = [](double part, double whole) -> json { return whole > 0 ? json(part / whole) : json(); };
  json groups = json::array();
  std::map<std::string, size_t> index;
  for (const auto& r : *rows) {
    json g;
    std::string key = r[0].null() ? "" : (r[0].type == SqlValue::Type::kInt ? std::to_string(r[0].i) : r[0].AsText());
    g["group"] = ToJson(r[0]);
    double n = r[1].AsReal(), results = r[3].AsReal();
    g["reports"] = r[1].AsInt();
    g["received"] = r[2].AsReal();
    g["results_total"] = results;
    g["granted_share"] = share(r[4].AsReal() + r[5].AsReal(), results);
    g["denied_share"] = share(r[6].AsReal(), results);
    g["unable_share"] = share(r[7].AsReal(), results);
    g["not_processed_share"] = share(r[8].AsReal(), results);
    g["other_share"] = share(r[9].AsReal(), results);
    g["denial_rate"] = share(r[6].AsReal(), results);
    g["late_share"] = share(r[10].AsReal(), n);
    g["error_share"] = share(r[11].AsReal(), n);
    g["review_total"] = r[12].AsReal();
    g["litigation_total"] = r[13].AsReal();
    g["rule_failure"] = json::object();
    index[key] = groups.size();
    groups.push_back(std::move(g));
  }
  for (const auto& r : *rules) {
    std::string key = r[0].null() ? "" : (r[0].type == SqlValue::Type::kInt ? std::to_string(r[0].i) : r[0].AsText());
    auto it = index.find(key);
    if (it == index.end()) continue;
    json& g = groups[it->second];
    g["rule_failure"][r[1].AsText()] = r[2].AsReal() / g["reports"].get<double>();
  }
  // Documents that could not be read have no known body: counted only for an unscoped caller.
  return json{{"by", by}, {"groups", std::move(groups)}, {"failed_documents", filter.scope ? json() : json(failed->AsInt())}};
}

Result<json> Missing(Store* store, int year, const std::string& today) {
  auto rows = store->db()->Query(
      "SELECT a.id, a.name, a.region, a.kind, (SELECT COUNT(*) FROM reports r WHERE r.agency_id = a.id AND r.year = ?) "
      "FROM agencies a WHERE a.rostered = 1 ORDER BY a.region, a.name",
      {year});
  if (!rows) return tl::unexpected(rows.error());
  json missing = json::array();
  int64_t published = 0;
  for (const auto& r : *rows) {
    if (r[4].AsInt() > 0) {
      ++published;
      continue;
    }
    BodyKind kind = ParseBodyKind(r[3].AsText()).value_or(BodyKind::kDepartment);
    auto due = DeadlineFor(kind, year);
    json m = {{"agency_id", r[0].AsInt()}, {"name", r[1].AsText()}, {"region", ToJson(r[2])}, {"kind", r[3].AsText()}};
    m["deadline"] = due ? json(due->date) : json();
    m["overdue"] = due ? json(today > due->date) : json();
    missing.push_back(std::move(m));
  }
  return json{{"year", year}, {"rostered", rows->size()}, {"published", published}, {"missing", std::move(missing)}};
}

Result<json> MissingForRoster(Store* store, const std::vector<RosterEntry>& roster, int year, const std::string& today) {
  json missing = json::array();
  int64_t published = 0;
  for (const RosterEntry& e : roster) {
    auto ids = store->FindAgencies(e.name);
    if (!ids) return tl::unexpected(ids.error());
    int64_t reports = 0;
    for (int64_t id : *ids) {
      auto n = store->db()->Query("SELECT COUNT(*) FROM reports WHERE agency_id = ? AND year = ?", {id, year});
      if (!n) return tl::unexpected(n.error());
      reports += (*n)[0][0].AsInt();
      if (reports > 0) break;
    }
    if (reports > 0) {
      ++published;
      continue;
    }
    const BodyKind kind = e.kind.value_or(KindOf(e.name));
    auto due = DeadlineFor(kind, year);
    json m = {{"agency_id", ids->empty() ? json() : json((*ids)[0])}, {"name", e.name},
              {"region", e.region.empty() ? json() : json(e.region)}, {"kind", BodyKindName(kind)}};
    m["deadline"] = due ? json(due->date) : json();
    m["overdue"] = due ? json(today > due->date) : json();
    missing.push_back(std::move(m));
  }
  return json{{"year", year}, {"rostered", roster.size()}, {"published", published}, {"missing", std::move(missing)}};
}

}  // namespace xxgk::store
