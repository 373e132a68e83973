#include "store/store.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "schema/body_kinds.h"
#include "core/clock.h"
#include "core/json_dump.h"
#include "report/report_json.h"
#include "store/agency_names.h"
#include "store/review.h"
#include "schema/ids.h"

namespace xxgk::store {
namespace {

// Sums of table-3 total-column cells whose row key starts with a prefix; nullopt when none has a value.
std::optional<double> SumRows(const Report& r, std::string_view prefix) {
  if (!r.format) return std::nullopt;
  std::optional<double> sum;
  for (size_t i = 0; i < r.format->t3_rows.size(); ++i) {
    const auto& row = r.format->t3_rows[i];
    if (row.key.compare(0, prefix.size(), prefix) != 0) continue;
    int idx = r.format->T3Cell(static_cast<int>(i), r.format->T3ColIndex(ids::t3_col::total));
    if (r.HasValue(idx)) sum = sum.value_or(0) + r.cells[idx].value;
  }
  return sum;
}

std::optional<double> Cell(const Report& r, std::string_view id) {
  if (!r.format) return std::nullopt;
  int idx = r.format->CellIndex(id);
  if (!r.HasValue(idx)) return std::nullopt;
  return r.cells[idx].value;
}

std::optional<double> Add(std::optional<double> a, std::optional<double> b) {
  if (!a) return b;
  if (!b) return a;
  return *a + *b;
}

// The part of a report the cross-year checks read (see SnapshotFromJson).
std::string FactsJson(const Report& r) {
  nlohmann::json j;
  j["year"] = r.year ? nlohmann::json(*r.year) : nlohmann::json();
  j["format"] = r.format_id;
  j["agency"] = r.agency ? nlohmann::json(*r.agency) : nlohmann::json();
  if (r.signed_date) j["signed_date"] = *r.signed_date;
  if (r.published_date) j["published_date"] = *r.published_date;
  j["sections"] = nlohmann::json::array();
  for (const auto& s : r.sections) {
    if (s.key == ids::section::s1_overview.value || s.key == ids::section::s5_problems.value ||
        s.key == ids::section::s6_other.value) {
      j["sections"].push_back({{"key", s.key}, {"text", s.text}});
    }
  }
  nlohmann::json tables = nlohmann::json::object();
  if (r.format) {
    for (size_t i = 0; i < r.format->cells.size(); ++i) {
      const CellDef& c = r.format->cells[i];
      bool wanted = (c.table == TableId::kT3 && (c.row == ids::t3_row::carried_over.value || c.row == ids::t3_row::carried_forward.value)) ||
                    (c.table == TableId::kT2 && c.block != ids::t2_block::art20_9.value);  // art20_1 (C7), art20_5/6/8 (C10)
      if (!wanted || !r.tables[static_cast<int>(c.table)].present) continue;
      nlohmann::json v = r.HasValue(static_cast<int>(i)) ? nlohmann::json(r.cells[i].value) : nlohmann::json();
      if (c.table == TableId::kT3) tables["t3"][c.row][c.col] = v;
      else tables["t2"][c.block][c.row][c.col] = v;
    }
  }
  j["tables"] = std::move(tables);
  return DumpJson(j);
}

std::string CellsJson(const std::vector<std::string>& cells) {
  std::string out = "[";
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(cells[i], &out);
  }
  return out + "]";
}

std::string ProvenanceJson(const Provenance& at) {
  std::string out;
  AppendProvenanceJson(at, &out);
  return out;
}

Result<void> InsertFinding(Db* db, int64_t report_id, const char* origin, const Finding& f) {
  auto r = db->Query(
      "INSERT INTO findings (report_id, origin, rule, severity, cells, message, at, expected, actual, finding_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {report_id, origin, f.rule, SeverityName(f.severity), CellsJson(f.cells), f.message, ProvenanceJson(f.at), f.expected,
       f.actual, FindingKey(f.rule, nlohmann::json(f.cells), f.message)});
  if (!r) return tl::unexpected(r.error());
  return {};
}

// Recomputes a report's finding counts and lateness (a D1 finding) from its stored findings, leaving out
// those a reviewer dismissed for its body and year (store/review.h).
const std::string kStanding =
    " AND NOT EXISTS (SELECT 1 FROM finding_reviews v WHERE v.agency_id = reports.agency_id AND v.year = reports.year "
    "AND v.finding_key = f.finding_key AND v.decision = 'dismissed')";
const std::string kRecount =
    "UPDATE reports SET "
    "errors = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'error'" + kStanding + "), "
    "warnings = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'warning'" + kStanding + "), "
    "infos = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'info'" + kStanding + "), "
    "late = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id" + kStanding + " AND f.rule = '" +
    std::string(InfoOf(Rule::kD1).id) + "') ";

}  // namespace

std::string CompressContent(std::string_view bytes) {
  uLongf size = compressBound(bytes.size());
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size(),
                Z_BEST_SPEED) != Z_OK) {
    return {};
  }
  out.resize(size);
  return out;
}

Result<std::string> DecompressContent(std::string_view compressed, uint64_t expected_size) {
  std::string out(expected_size, '\0');
  uLongf size = expected_size;
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(compressed.data()),
                      compressed.size());
  if (rc != Z_OK || size != expected_size) return MakeError(ErrorCode::kCorruption, "库中保存的原文件已损坏，无法解压");
  return out;
}

Result<std::unique_ptr<Store>> Store::Open(std::string_view url, OpenMode mode) {
  auto db = OpenDb(url, mode);
  if (!db) return tl::unexpected(db.error());
  std::unique_ptr<Store> store(new Store(std::move(*db)));
  if (auto m = store->Migrate(); !m) return tl::unexpected(m.error());
  // Bodies stored before RegionOf knew a body named after its area (平潭综合实验区) get their region now.
  auto bare = store->db_->Query("SELECT id, name FROM agencies WHERE region IS NULL AND rostered = 0");
  if (!bare) return tl::unexpected(bare.error());
  for (const auto& r : *bare) {
    std::string region = RegionOf(r[1].AsText());
    if (region.empty()) continue;
    if (auto u = store->db_->Query("UPDATE agencies SET region = ? WHERE id = ?", {region, r[0].AsInt()}); !u) {
      return tl::unexpected(u.error());
    }
  }
  return store;
}

Result<std::unordered_set<std::string>> Store::KnownHashes() {
  auto rows = db_->Query("SELECT sha256 FROM documents");
  if (!rows) return tl::unexpected(rows.error());
  std::unordered_set<std::string> out;
  out.reserve(rows->size());
  for (auto& r : *rows) out.insert(std::move(r[0].s));
  return out;
}

Result<std::unordered_set<std::string>> Store::FailedHashes() {
  auto rows = db_->Query("SELECT sha256 FROM documents WHERE status = 'failed'");
  if (!rows) return tl::unexpected(rows.error());
  std::unordered_set<std::string> out;
  for (auto& r : *rows) out.insert(std::move(r[0].s));
  return out;
}

Result<std::optional<int64_t>> Store::LookupAgency(std::string_view name) {
  std::string key = AgencyKey(name);
  if (key.empty()) return std::optional<int64_t>();
  auto id = db_->QueryValue("SELECT agency_id FROM agency_aliases WHERE alias_key = ? UNION SELECT id FROM agencies WHERE key = ?",
                            {key, key});
  if (!id) return tl::unexpected(id.error());
  if (id->null()) return std::optional<int64_t>();
  return std::optional<int64_t>(id->AsInt());
}

Result<int64_t> Store::ResolveAgency(std::string_view name) {
  std::string key = AgencyKey(name);
  if (key.empty()) return MakeError(ErrorCode::kInvalidArgument, "机关名称为空");
  auto alias = db_->QueryValue("SELECT agency_id FROM agency_aliases WHERE alias_key = ?", {key});
  if (!alias) return tl::unexpected(alias.error());
  if (!alias->null()) return alias->AsInt();
  auto found = db_->QueryValue("SELECT id FROM agencies WHERE key = ?", {key});
  if (!found) return tl::unexpected(found.error());
  if (!found->null()) return found->AsInt();
  // A report titled by its area (平潭综合实验区) belongs to the registered body of that area (its 管委会 or
  // 人民政府); the match is remembered as an alias.
  if (AgencyKey(RegionOf(name)) == key) {
    for (const char* suffix : {"管理委员会", "人民政府"}) {
      auto area = db_->QueryValue("SELECT id FROM agencies WHERE key = ? AND rostered = 1", {key + suffix});
      if (!area) return tl::unexpected(area.error());
      if (area->null()) continue;
      auto alias = db_->Query("INSERT INTO agency_aliases (alias_key, alias, agency_id) VALUES (?, ?, ?) ON CONFLICT (alias_key) DO NOTHING",
                              {key, std::string(name), area->AsInt()});
      if (!alias) return tl::unexpected(alias.error());
      return area->AsInt();
    }
  }
  std::string region = RegionOf(name);
  auto ins = db_->Query("INSERT INTO agencies (key, name, region, kind) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                        {key, std::string(name), region.empty() ? SqlValue() : SqlValue(region), BodyKindName(KindOf(name))});
  if (!ins) return tl::unexpected(ins.error());
  found = db_->QueryValue("SELECT id FROM agencies WHERE key = ?", {key});
  if (!found) return tl::unexpected(found.error());
  return found->AsInt();
}

StoredReport MakeStoredReport(const Report& r) {
  StoredReport s;
  s.agency = r.agency;
  s.year = r.year;
  s.format = r.format_id;
  s.signed_date = r.signed_date;
  s.published_date = r.published_date;
  s.media_type = r.source.media_type;
  for (const auto& f : r.findings) {
    s.errors += f.severity == Severity::kError;
    s.warnings += f.severity == Severity::kWarning;
    s.infos += f.severity == Severity::kInfo;
    s.late |= f.rule == InfoOf(Rule::kD1).id;
  }
  s.received = Cell(r, ids::cell::t3_new_received_total);
  s.carried_over = Cell(r, ids::cell::t3_carried_over_total);
  s.results_total = Cell(r, ids::cell::t3_results_total_total);
  s.granted = Cell(r, ids::cell::t3_granted_total);
  s.partially_granted = Cell(r, ids::cell::t3_partially_granted_total);
  s.denied = SumRows(r, "denied_");
  s.unable = SumRows(r, "unable_");
  s.not_processed = SumRows(r, "not_processed_");
  s.other_handling = SumRows(r, "other_");
  s.carried_forward = Cell(r, ids::cell::t3_carried_forward_total);
  s.review_total = Cell(r, ids::cell::t4_review_total);
  s.litigation_total = Add(Cell(r, ids::cell::t4_lit_direct_total), Cell(r, ids::cell::t4_lit_after_review_total));
  s.facts = FactsJson(r);
  JsonOptions jo;
  jo.provenance = true;
  WriteReportJson(r, &s.json, jo);
  s.findings = r.findings;
  return s;
}

Result<StoredReport> MakeStoredReport(const Result<Report>& report) {
  if (!report) return tl::unexpected(report.error());
  return MakeStoredReport(*report);
}

Result<void> Store::BeginGroup() {
  auto b = db_->Begin();
  group_open_ = b.has_value();
  return b;
}

Result<void> Store::CommitGroup() {
  group_open_ = false;
  return db_->Commit();
}

void Store::AbortGroup() {
  if (group_open_) db_->Rollback();
  group_open_ = false;
}

Result<void> Store::BeginOne() { return group_open_ ? Result<void>() : db_->Begin(); }
Result<void> Store::CommitOne() { return group_open_ ? Result<void>() : db_->Commit(); }
void Store::AbortOne() {
  if (!group_open_) db_->Rollback();
}

Result<void> Store::InsertReport(int64_t document_id, const StoredReport& r, std::optional<int64_t>* agency_id) {
  agency_id->reset();
  if (r.agency) {
    auto a = ResolveAgency(*r.agency);
    if (!a) return tl::unexpected(a.error());
    *agency_id = *a;
  }
  auto id = db_->QueryValue(
      "INSERT INTO reports (document_id, agency_id, agency, year, format, signed_date, published_date, late, errors, warnings, "
      "infos, received, carried_over, results_total, granted, partially_granted, denied, unable, not_processed, other_handling, "
      "carried_forward, review_total, litigation_total) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {document_id, *agency_id, r.agency, r.year, r.format, r.signed_date, r.published_date, r.late ? 1 : 0, r.errors, r.warnings,
       r.infos, r.received, r.carried_over, r.results_total, r.granted, r.partially_granted, r.denied, r.unable, r.not_processed,
       r.other_handling, r.carried_forward, r.review_total, r.litigation_total});
  if (!id) return tl::unexpected(id.error());
  auto texts = db_->Query("INSERT INTO report_texts (report_id, facts, json) VALUES (?, ?, ?)", {id->AsInt(), r.facts, r.json});
  if (!texts) return tl::unexpected(texts.error());
  for (const auto& f : r.findings) {
    if (auto ok = InsertFinding(db_.get(), id->AsInt(), "report", f); !ok) return ok;
  }
  if (*agency_id) {
    auto mark = db_->Query("INSERT INTO corpus_pending (agency_id) VALUES (?) ON CONFLICT (agency_id) DO NOTHING", {**agency_id});
    if (!mark) return tl::unexpected(mark.error());
  }
  if (auto c = RefreshCurrent(*agency_id, r.year); !c) return c;
  // Decisions on this body and year's findings hold for the new version too: its counts leave out what was
  // dismissed (only when something was: ingest writes the counts as found otherwise).
  if (*agency_id && r.year) {
    auto u = db_->Query(kRecount + "WHERE id = ? AND EXISTS (SELECT 1 FROM finding_reviews v WHERE v.agency_id = ? AND v.year = ? "
                                   "AND v.decision = 'dismissed')",
                        {id->AsInt(), **agency_id, *r.year});
    if (!u) return tl::unexpected(u.error());
  }
  // A rectification item whose finding this version no longer raises closes itself.
  if (*agency_id && r.year) {
    if (auto sync = SyncRectifications(db_.get(), **agency_id, *r.year, "report"); !sync) return tl::unexpected(sync.error());
  }
  return {};
}

Result<void> Store::Recount(int64_t agency_id, int year) {
  auto u = db_->Query(kRecount + "WHERE agency_id = ? AND year = ?", {agency_id, year});
  if (!u) return tl::unexpected(u.error());
  return {};
}

Result<void> Store::RefreshCurrent(std::optional<int64_t> agency_id, std::optional<int> year) {
  if (!agency_id || !year) return {};  // a report of no known body or year stands alone: current
  auto u = db_->Query(
      "UPDATE reports SET current = CASE WHEN document_id = (SELECT MAX(r2.document_id) FROM reports r2 "
      "WHERE r2.agency_id = ? AND r2.year = ?) THEN 1 ELSE 0 END WHERE agency_id = ? AND year = ?",
      {*agency_id, *year, *agency_id, *year});
  if (!u) return tl::unexpected(u.error());
  return {};
}

Result<void> Store::RunPendingCorpusChecks(const CorpusCheckOptions& options) {
  auto rows = db_->Query("SELECT agency_id FROM corpus_pending");
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return {};
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r[0].AsInt());
  return RunCorpusChecks(ids, options);
}

Result<AddOutcome> Store::AddDocument(const DocumentInput& doc, const Result<StoredReport>& report) {
  AddOutcome out;
  if (auto b = BeginOne(); !b) return tl::unexpected(b.error());
  auto body = [&]() -> Result<void> {
    auto id = db_->QueryValue(
        "INSERT INTO documents (sha256, name, path, bytes, media_type, status, error_code, error, ingested_at, content) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id",
        {doc.sha256, doc.name, doc.path, static_cast<int64_t>(doc.bytes), report ? report->media_type : std::nullopt,
         report ? "ok" : "failed", report ? SqlValue() : SqlValue(ErrorCodeName(report.error().code)),
         report ? SqlValue() : SqlValue(report.error().message), NowIsoUtc(), SqlValue::Blob(doc.compressed)});
    if (!id) return tl::unexpected(id.error());
    if (id->null()) return {};  // known content
    out.added = true;
    out.document_id = id->AsInt();
    if (report) return InsertReport(out.document_id, *report, &out.agency_id);
    return {};
  };
  if (auto ok = body(); !ok) {
    AbortOne();
    return tl::unexpected(ok.error());
  }
  if (auto c = CommitOne(); !c) return tl::unexpected(c.error());
  return out;
}

Result<std::optional<int64_t>> Store::ReplaceReport(int64_t document_id, const Result<StoredReport>& report) {
  if (auto b = BeginOne(); !b) return tl::unexpected(b.error());
  std::optional<int64_t> agency;
  auto body = [&]() -> Result<void> {
    auto old_rows = db_->Query("SELECT agency_id, year FROM reports WHERE document_id = ?", {document_id});
    if (!old_rows) return tl::unexpected(old_rows.error());
    std::optional<int64_t> old_agency;
    std::optional<int> old_year;
    if (!old_rows->empty()) {
      if (!(*old_rows)[0][0].null()) old_agency = (*old_rows)[0][0].AsInt();
      if (!(*old_rows)[0][1].null()) old_year = static_cast<int>((*old_rows)[0][1].AsInt());
    }
    if (auto d = db_->Query("DELETE FROM findings WHERE report_id IN (SELECT id FROM reports WHERE document_id = ?)", {document_id}); !d) {
      return tl::unexpected(d.error());
    }
    if (auto d = db_->Query("DELETE FROM report_texts WHERE report_id IN (SELECT id FROM reports WHERE document_id = ?)", {document_id}); !d) {
      return tl::unexpected(d.error());
    }
    if (auto d = db_->Query("DELETE FROM reports WHERE document_id = ?", {document_id}); !d) return tl::unexpected(d.error());
    if (report) {
      if (auto ok = InsertReport(document_id, *report, &agency); !ok) return ok;
    }
    auto u = db_->Query("UPDATE documents SET status = ?, error_code = ?, error = ?, media_type = COALESCE(?, media_type) WHERE id = ?",
                        {report ? "ok" : "failed", report ? SqlValue() : SqlValue(ErrorCodeName(report.error().code)),
                         report ? SqlValue() : SqlValue(report.error().message),
                         report ? SqlValue(report->media_type) : SqlValue(), document_id});
    if (!u) return tl::unexpected(u.error());
    if (!agency && old_agency) agency = old_agency;
    return RefreshCurrent(old_agency, old_year);  // the version it was may no longer be the latest
  };
  if (auto ok = body(); !ok) {
    AbortOne();
    return tl::unexpected(ok.error());
  }
  if (auto c = CommitOne(); !c) return tl::unexpected(c.error());
  return agency;
}

// The store as the cross-year rules see it (check/cross_year.h).
class Store::History : public ReportHistory {
 public:
  explicit History(Db* db) : db_(db) {}

  Result<std::vector<int64_t>> BodiesWithReports() override {
    std::vector<int64_t> ids;
    auto rows = db_->Query("SELECT DISTINCT agency_id FROM reports WHERE agency_id IS NOT NULL");
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& r : *rows) ids.push_back(r[0].AsInt());
    return ids;
  }

  Result<BodyHistory> LoadBody(int64_t body) override {
    BodyHistory h;
    h.body = body;
    auto info = db_->Query("SELECT rostered, kind, deadline FROM agencies WHERE id = ?", {body});
    if (!info) return tl::unexpected(info.error());
    if (!info->empty()) {
      h.rostered = (*info)[0][0].AsInt() != 0;
      h.kind = ParseBodyKind((*info)[0][1].AsText());
      h.deadline = (*info)[0][2].AsText();
    }
    auto rows = db_->Query("SELECT r.id, r.year, t.facts FROM reports r JOIN report_texts t ON t.report_id = r.id "
                           "WHERE r.agency_id = ? ORDER BY r.year, r.id", {body});
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& r : *rows) {
      auto snap = SnapshotFromJson(r[2].AsText(), r[0].AsInt());
      if (!snap) continue;
      if (r[1].null()) snap->year = 0;
      h.reports.push_back(std::move(*snap));
    }
    return h;
  }

  Result<void> SaveCorpusFindings(const std::vector<BodyHistory>& bodies,
                                  const std::vector<std::vector<std::vector<Finding>>>& found) override {
    Transaction tx(db_);
    if (auto b = tx.Begin(); !b) return b;
    for (size_t k = 0; k < bodies.size(); ++k) {
      const BodyHistory& w = bodies[k];
      for (size_t i = 0; i < w.reports.size(); ++i) {
        const int64_t report = w.reports[i].report_id;
        if (auto d = db_->Query("DELETE FROM findings WHERE report_id = ? AND origin = 'corpus'", {report}); !d) {
          return tl::unexpected(d.error());
        }
        if (w.rostered && w.kind) {
          // The roster says what kind of body this is: its deadline replaces the one guessed from the name.
          if (auto d = db_->Query("DELETE FROM findings WHERE report_id = ? AND origin = 'report' AND rule = ?", {report, std::string(InfoOf(Rule::kD1).id)}); !d) {
            return tl::unexpected(d.error());
          }
        }
        for (const auto& f : found[k][i]) {
          if (auto ok = InsertFinding(db_, report, "corpus", f); !ok) return ok;
        }
      }
      if (auto u = db_->Query(std::string(kRecount) + "WHERE agency_id = ?", {w.body}); !u) return tl::unexpected(u.error());
      std::set<int> years;
      for (const auto& snap : w.reports) {
        if (snap.year > 0) years.insert(snap.year);
      }
      for (int year : years) {
        if (auto sync = SyncRectifications(db_, w.body, year, "corpus"); !sync) return tl::unexpected(sync.error());
      }
      if (auto d = db_->Query("DELETE FROM corpus_pending WHERE agency_id = ?", {w.body}); !d) return tl::unexpected(d.error());
    }
    return tx.Commit();
  }

 private:
  Db* db_;
};

Result<void> Store::RunCorpusChecks(const std::vector<int64_t>& agency_ids, const CorpusCheckOptions& options) {
  History history(db_.get());
  return RunCrossYearChecks(&history, agency_ids, options);
}

Result<std::vector<int64_t>> Store::DocumentIds() {
  auto rows = db_->Query("SELECT id FROM documents ORDER BY id");
  if (!rows) return tl::unexpected(rows.error());
  std::vector<int64_t> ids;
  ids.reserve(rows->size());
  for (const auto& r : *rows) ids.push_back(r[0].AsInt());
  return ids;
}

Result<std::vector<StoredDocument>> Store::LoadDocuments(int64_t first_id, int64_t last_id) {
  auto rows = db_->Query("SELECT id, name, path, bytes, content FROM documents WHERE id >= ? AND id <= ? ORDER BY id",
                         {first_id, last_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<StoredDocument> docs(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    auto& row = (*rows)[i];
    docs[i].id = row[0].AsInt();
    docs[i].name = row[1].AsText();
    docs[i].path = row[2].AsText();
    docs[i].bytes = static_cast<uint64_t>(row[3].AsInt());
    docs[i].compressed = std::move(row[4].s);
  }
  return docs;
}

Result<std::vector<int64_t>> Store::FindAgencies(std::string_view text) {
  std::vector<int64_t> out;
  std::string key = AgencyKey(text);
  auto exact = db_->Query(
      "SELECT id FROM agencies WHERE key = ? UNION SELECT agency_id FROM agency_aliases WHERE alias_key = ?", {key, key});
  if (!exact) return tl::unexpected(exact.error());
  for (const auto& r : *exact) out.push_back(r[0].AsInt());
  if (!out.empty()) return out;
  std::string like = LikePattern(text);
  std::string key_like = LikePattern(key);
  auto rows = db_->Query(
      "SELECT id FROM agencies WHERE name LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\' "
      "UNION SELECT agency_id FROM agency_aliases WHERE alias LIKE ? ESCAPE '\\' ORDER BY 1",
      {like, key_like, like});
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& r : *rows) out.push_back(r[0].AsInt());
  return out;
}

Result<int64_t> Store::AddAlias(std::string_view alias, std::string_view canonical) {
  if (AgencyKey(alias).empty()) return MakeError(ErrorCode::kInvalidArgument, "别名为空");
  auto target = ResolveAgency(canonical);
  if (!target) return target;
  Transaction tx(db_.get());
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  if (auto a = AddAliasIn(alias, *target); !a) return tl::unexpected(a.error());
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  if (auto cc = RunCorpusChecks({*target}); !cc) return tl::unexpected(cc.error());
  return *target;
}

Result<void> Store::AddAliasIn(std::string_view alias, int64_t target) {
  std::string alias_key = AgencyKey(alias);
  if (alias_key.empty()) return MakeError(ErrorCode::kInvalidArgument, "别名为空");
  // The body the alias used to denote on its own, if any: it merges into the target.
  auto own = db_->QueryValue("SELECT id FROM agencies WHERE key = ?", {alias_key});
  if (!own) return tl::unexpected(own.error());
  if (!own->null() && own->AsInt() != target) {
    if (auto m = MergeAgency(own->AsInt(), target); !m) return m;
  }
  auto up = db_->Query(
      "INSERT INTO agency_aliases (alias_key, alias, agency_id) VALUES (?, ?, ?) "
      "ON CONFLICT (alias_key) DO UPDATE SET agency_id = excluded.agency_id, alias = excluded.alias",
      {alias_key, std::string(alias), target});
  if (!up) return tl::unexpected(up.error());
  return {};
}

Result<void> Store::MergeAgency(int64_t from, int64_t to) {
  // Everything that names `from` moves to `to`: reports, aliases, an officer's account, a reviewer's scope,
  // the registry's children. Then `from` goes.
  for (const char* sql : {"UPDATE reports SET agency_id = ? WHERE agency_id = ?",
                          "UPDATE agency_aliases SET agency_id = ? WHERE agency_id = ?",
                          "UPDATE accounts SET agency_id = ? WHERE agency_id = ?",
                          "UPDATE agencies SET parent_id = ? WHERE parent_id = ?"}) {
    if (auto u = db_->Query(sql, {to, from}); !u) return tl::unexpected(u.error());
  }
  auto sc = db_->Query("UPDATE account_scopes SET value = ? WHERE kind IN ('agency', 'subtree') AND value = ? AND NOT EXISTS "
                       "(SELECT 1 FROM account_scopes s2 WHERE s2.account_id = account_scopes.account_id AND s2.kind = account_scopes.kind "
                       "AND s2.value = ?)",
                       {std::to_string(to), std::to_string(from), std::to_string(to)});
  if (!sc) return tl::unexpected(sc.error());
  auto drop = db_->Query("DELETE FROM account_scopes WHERE kind IN ('agency', 'subtree') AND value = ?", {std::to_string(from)});
  if (!drop) return tl::unexpected(drop.error());
  // Decisions and rectification items follow the body, unless `to` has its own for the same finding.
  for (const char* table : {"finding_reviews", "rectifications"}) {
    const std::string t = table;
    auto move = db_->Query("UPDATE " + t + " SET agency_id = ? WHERE agency_id = ? AND NOT EXISTS (SELECT 1 FROM " + t +
                               " o WHERE o.agency_id = ? AND o.year = " + t + ".year AND o.finding_key = " + t + ".finding_key)",
                           {to, from, to});
    if (!move) return tl::unexpected(move.error());
  }
  for (const char* sql : {"DELETE FROM rectification_events WHERE rectification_id IN (SELECT id FROM rectifications WHERE agency_id = ?)",
                          "DELETE FROM rectifications WHERE agency_id = ?", "DELETE FROM finding_reviews WHERE agency_id = ?"}) {
    if (auto d = db_->Query(sql, {from}); !d) return tl::unexpected(d.error());
  }
  auto mark = db_->Query("INSERT INTO corpus_pending (agency_id) VALUES (?) ON CONFLICT (agency_id) DO NOTHING", {to});
  if (!mark) return tl::unexpected(mark.error());
  if (auto d = db_->Query("DELETE FROM corpus_pending WHERE agency_id = ?", {from}); !d) return tl::unexpected(d.error());
  if (auto d = db_->Query("DELETE FROM agencies WHERE id = ?", {from}); !d) return tl::unexpected(d.error());
  // Two uploads of the same year under the two names are now versions of one body and year.
  auto years = db_->Query("SELECT DISTINCT year FROM reports WHERE agency_id = ? AND year IS NOT NULL", {to});
  if (!years) return tl::unexpected(years.error());
  for (const auto& y : *years) {
    if (auto c = RefreshCurrent(to, static_cast<int>(y[0].AsInt())); !c) return c;
  }
  return {};
}

std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<RosterEntry>> ParseRoster(std::string_view csv) {
  std::vector<RosterEntry> entries;
  auto rows = ParseCsv(csv);
  for (size_t i = 0; i < rows.size(); ++i) {
    auto& row = rows[i];
    if (row.empty() || row[0].empty()) continue;
    if (i == 0 && (row[0] == "name" || row[0] == "名称" || row[0] == "机关名称" || row[0] == "单位名称")) continue;
    RosterEntry e;
    e.name = row[0];
    if (row.size() > 1) e.region = row[1];
    if (row.size() > 2 && !row[2].empty()) {
      e.kind = ParseBodyKind(row[2]);
      if (!e.kind) {
        return MakeError(ErrorCode::kInvalidArgument,
                         "名录第" + std::to_string(i + 1) + "行的机关类别“" + row[2] + "”无法识别",
                         "可用：部门、人民政府、乡镇（或 department、government、township）");
      }
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

Result<std::vector<RosterEntry>> Store::LoadRosterText(std::string_view csv) {
  auto parsed = ParseRoster(csv);
  if (!parsed) return parsed;
  std::vector<RosterEntry> entries = std::move(*parsed);
  std::vector<int64_t> touched;
  Transaction tx(db_.get());
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  for (const auto& e : entries) {
    auto id = ResolveAgency(e.name);
    if (!id) return tl::unexpected(id.error());
    const char* kind = BodyKindName(e.kind.value_or(KindOf(e.name)));
    auto u = db_->Query("UPDATE agencies SET rostered = 1, name = ?, kind = ?, region = COALESCE(?, region) WHERE id = ?",
                        {e.name, kind, e.region.empty() ? SqlValue() : SqlValue(e.region), *id});
    if (!u) return tl::unexpected(u.error());
    touched.push_back(*id);
  }
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  if (auto cc = RunCorpusChecks(touched); !cc) return tl::unexpected(cc.error());
  return entries;
}

}  // namespace xxgk::store
