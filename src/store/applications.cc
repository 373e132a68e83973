#include "store/applications.h"

#include <nlohmann/json.hpp>

#include <map>

#include "core/clock.h"
#include "report/report_from_json.h"
#include "store/accounts.h"

namespace xxgk::store {
namespace {

using ledger::Application;

constexpr const char* kColumns =
    "serial, source_row, channel, submitted, received, applicant, kind, request, correction_requested, correction_received, "
    "consult_start, consult_end, extension_approved, extension_days, art35_due, replied, outcome, fee_method, fee_yuan, "
    "pages, review_filed, review_outcome, review_ended, litigation_filed, litigation_outcome, litigation_ended, note";
constexpr int kColumnCount = 27;

SqlValue Text(const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); }
SqlValue Year(int y) { return y == 0 ? SqlValue() : SqlValue(y); }

SqlParams Params(const Application& a) {
  return {a.serial,
          static_cast<int64_t>(a.source_row),
          ledger::ChannelKey(a.channel),
          Text(a.submitted),
          Text(a.received),
          Text(a.applicant),
          a.kind,
          Text(a.request),
          Text(a.correction_requested),
          Text(a.correction_received),
          Text(a.consult_start),
          Text(a.consult_end),
          Text(a.extension_approved),
          a.extension_days,
          Text(a.art35_due),
          Text(a.replied),
          Text(a.outcome),
          Text(ledger::FeeMethodKey(a.fee_method)),
          a.fee_yuan,
          a.pages,
          Year(a.review.filed_year),
          a.review.present() ? SqlValue(ledger::CaseOutcomeKey(a.review.outcome)) : SqlValue(),
          Year(a.review.ended_year),
          Year(a.litigation.filed_year),
          a.litigation.present() ? SqlValue(ledger::CaseOutcomeKey(a.litigation.outcome)) : SqlValue(),
          Year(a.litigation.ended_year),
          Text(a.note)};
}

ledger::CaseOutcome CaseOf(const std::string& key) {
  for (auto o : {ledger::CaseOutcome::kUpheld, ledger::CaseOutcome::kCorrected, ledger::CaseOutcome::kOther}) {
    if (key == ledger::CaseOutcomeKey(o)) return o;
  }
  return ledger::CaseOutcome::kPending;
}

Application FromRow(const SqlRow& r) {
  Application a;
  a.id = r[0].AsInt();
  a.serial = r[1].AsText();
  a.source_row = static_cast<size_t>(r[2].AsInt());
  a.channel = ledger::ParseChannel(r[3].AsText()).value_or(ledger::Channel::kOnline);
  a.submitted = r[4].AsText();
  a.received = r[5].AsText();
  a.applicant = r[6].AsText();
  a.kind = static_cast<int>(r[7].AsInt());
  a.request = r[8].AsText();
  a.correction_requested = r[9].AsText();
  a.correction_received = r[10].AsText();
  a.consult_start = r[11].AsText();
  a.consult_end = r[12].AsText();
  a.extension_approved = r[13].AsText();
  a.extension_days = static_cast<int>(r[14].AsInt());
  a.art35_due = r[15].AsText();
  a.replied = r[16].AsText();
  a.outcome = r[17].AsText();
  const std::string fee = r[18].AsText();
  a.fee_method = fee == "count" ? ledger::FeeMethod::kByCount : fee == "pages" ? ledger::FeeMethod::kByPages : ledger::FeeMethod::kNone;
  a.fee_yuan = r[19].AsReal();
  a.pages = static_cast<int>(r[20].AsInt());
  a.review.filed_year = static_cast<int>(r[21].AsInt());
  a.review.outcome = CaseOf(r[22].AsText());
  a.review.ended_year = static_cast<int>(r[23].AsInt());
  a.litigation.filed_year = static_cast<int>(r[24].AsInt());
  a.litigation.outcome = CaseOf(r[25].AsText());
  a.litigation.ended_year = static_cast<int>(r[26].AsInt());
  a.note = r[27].AsText();
  return a;
}

// Equal as the register keeps them (the ledger row an application came from does not count).
bool Same(const Application& x, const Application& y) {
  SqlParams a = Params(x), b = Params(y);
  a[1] = b[1] = SqlValue();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].type != b[i].type || a[i].i != b[i].i || a[i].d != b[i].d || a[i].s != b[i].s) return false;
  }
  return true;
}

std::string Placeholders() {
  std::string s;
  for (int i = 0; i < kColumnCount + 3; ++i) s += i ? ", ?" : "?";
  return s;
}

Result<void> Insert(Db* db, int64_t agency_id, const Application& a, const std::string& actor, const std::string& now) {
  SqlParams p = Params(a);
  p.insert(p.begin(), agency_id);
  p.push_back(actor);
  p.push_back(now);
  auto r = db->Query(std::string("INSERT INTO applications (agency_id, ") + kColumns + ", updated_by, updated_at) VALUES (" +
                         Placeholders() + ")",
                     p);
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<void> Update(Db* db, int64_t id, const Application& a, const std::string& actor, const std::string& now) {
  std::string set;
  std::string cols = kColumns;
  for (size_t start = 0; start < cols.size();) {
    size_t comma = cols.find(',', start);
    std::string name = cols.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    set += (set.empty() ? "" : ", ") + name + " = ?";
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  SqlParams p = Params(a);
  p.push_back(actor);
  p.push_back(now);
  p.push_back(id);
  auto r = db->Query("UPDATE applications SET " + set + ", updated_by = ?, updated_at = ? WHERE id = ?", p);
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<std::map<std::string, Application>> BySerial(Store* store, int64_t agency_id) {
  auto all = LoadApplications(store, agency_id);
  if (!all) return tl::unexpected(all.error());
  std::map<std::string, Application> m;
  for (auto& a : *all) m.emplace(a.serial, std::move(a));
  return m;
}

// Runs `body` in one transaction: committed when it succeeds, rolled back otherwise (db.h's Transaction).
template <class F>
Result<void> InTransaction(Db* db, F body) {
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return b;
  if (auto r = body(); !r) return r;
  return tx.Commit();
}

}  // namespace

Result<std::vector<Application>> LoadApplications(Store* store, int64_t agency_id) {
  auto rows = store->db()->Query(std::string("SELECT id, ") + kColumns +
                                     " FROM applications WHERE agency_id = ? ORDER BY COALESCE(received, submitted), serial",
                                 {agency_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Application> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<LedgerImportSummary> PlanApplications(Store* store, int64_t agency_id, const std::vector<Application>& apps,
                                             LedgerMode mode) {
  auto have = BySerial(store, agency_id);
  if (!have) return tl::unexpected(have.error());
  LedgerImportSummary s;
  std::map<std::string, bool> in_file;
  for (const Application& a : apps) {
    in_file[a.serial] = true;
    auto it = have->find(a.serial);
    if (it == have->end()) ++s.added;
    else if (Same(it->second, a)) ++s.unchanged;
    else ++s.updated;
  }
  if (mode == LedgerMode::kReplace) {
    for (const auto& [serial, a] : *have) s.removed += !in_file.count(serial);
  }
  return s;
}

Result<LedgerImportSummary> ImportApplications(Store* store, int64_t agency_id, const std::vector<Application>& apps,
                                               LedgerMode mode, const ledger::ColumnMapping& mapping, std::string_view actor,
                                               std::string_view file_name) {
  LedgerImportSummary s;
  Db* db = store->db();
  const std::string who(actor), now = NowIsoUtc();
  auto done = InTransaction(db, [&]() -> Result<void> {
    auto have = BySerial(store, agency_id);
    if (!have) return tl::unexpected(have.error());
    std::map<std::string, bool> in_file;
    for (const Application& a : apps) {
      in_file[a.serial] = true;
      auto it = have->find(a.serial);
      if (it == have->end()) {
        if (auto r = Insert(db, agency_id, a, who, now); !r) return r;
        ++s.added;
      } else if (Same(it->second, a)) {
        ++s.unchanged;
      } else {
        if (auto r = Update(db, it->second.id, a, who, now); !r) return r;
        ++s.updated;
      }
    }
    if (mode == LedgerMode::kReplace) {
      for (const auto& [serial, a] : *have) {
        if (in_file.count(serial)) continue;
        if (auto r = db->Query("DELETE FROM applications WHERE id = ?", {a.id}); !r) return tl::unexpected(r.error());
        ++s.removed;
      }
    }
    if (!mapping.empty()) {
      const std::string m = ledger::MappingJson(mapping).dump();
      if (auto r = db->Query("DELETE FROM ledger_mappings WHERE agency_id = ?", {agency_id}); !r) return tl::unexpected(r.error());
      if (auto r = db->Query("INSERT INTO ledger_mappings (agency_id, mapping) VALUES (?, ?)", {agency_id, m}); !r) {
        return tl::unexpected(r.error());
      }
    }
    return AppendAudit(store, actor, "ledger.import", std::to_string(agency_id),
                       std::string(file_name) + "：新增 " + std::to_string(s.added) + "，更新 " + std::to_string(s.updated) +
                           "，未变 " + std::to_string(s.unchanged) + (mode == LedgerMode::kReplace ? "，删除 " + std::to_string(s.removed) : ""));
  });
  if (!done) return tl::unexpected(done.error());
  return s;
}

Result<int64_t> SaveApplication(Store* store, int64_t agency_id, const Application& app, std::string_view actor) {
  Db* db = store->db();
  const std::string who(actor), now = NowIsoUtc();
  int64_t id = app.id;
  auto done = InTransaction(db, [&]() -> Result<void> {
    auto clash = db->QueryValue("SELECT id FROM applications WHERE agency_id = ? AND serial = ?", {agency_id, app.serial});
    if (!clash) return tl::unexpected(clash.error());
    if (!clash->null() && clash->AsInt() != app.id) {
      return MakeError(ErrorCode::kInvalidArgument, "编号“" + app.serial + "”已有另一件申请使用");
    }
    if (app.id == 0) {
      if (auto r = Insert(db, agency_id, app, who, now); !r) return r;
      auto v = db->QueryValue("SELECT id FROM applications WHERE agency_id = ? AND serial = ?", {agency_id, app.serial});
      if (!v) return tl::unexpected(v.error());
      id = v->AsInt();
    } else {
      auto owner = db->QueryValue("SELECT agency_id FROM applications WHERE id = ?", {app.id});
      if (!owner) return tl::unexpected(owner.error());
      if (owner->null() || owner->AsInt() != agency_id) {
        return MakeError(ErrorCode::kInvalidArgument, "本机关台账中没有编号为 " + std::to_string(app.id) + " 的申请记录");
      }
      if (auto r = Update(db, app.id, app, who, now); !r) return r;
    }
    return AppendAudit(store, actor, "ledger.edit", std::to_string(agency_id), "申请 " + app.serial);
  });
  if (!done) return tl::unexpected(done.error());
  return id;
}

Result<bool> DeleteApplication(Store* store, int64_t agency_id, int64_t id, std::string_view actor) {
  Db* db = store->db();
  bool found = false;
  auto done = InTransaction(db, [&]() -> Result<void> {
    auto serial = db->QueryValue("SELECT serial FROM applications WHERE id = ? AND agency_id = ?", {id, agency_id});
    if (!serial) return tl::unexpected(serial.error());
    if (serial->null()) return {};
    found = true;
    if (auto r = db->Query("DELETE FROM applications WHERE id = ?", {id}); !r) return tl::unexpected(r.error());
    return AppendAudit(store, actor, "ledger.delete", std::to_string(agency_id), "申请 " + serial->AsText());
  });
  if (!done) return tl::unexpected(done.error());
  return found;
}

Result<ledger::ColumnMapping> LoadMapping(Store* store, int64_t agency_id) {
  auto v = store->db()->QueryValue("SELECT mapping FROM ledger_mappings WHERE agency_id = ?", {agency_id});
  if (!v) return tl::unexpected(v.error());
  if (v->null()) return ledger::ColumnMapping{};
  const nlohmann::json j = nlohmann::json::parse(v->AsText(), nullptr, false);
  if (j.is_discarded()) return ledger::ColumnMapping{};
  auto m = ledger::MappingFromJson(j);
  return m ? *m : ledger::ColumnMapping{};
}

Result<std::vector<ledger::Regulation>> LoadRegulations(Store* store, int64_t agency_id) {
  auto rows = store->db()->Query(
      "SELECT id, is_rule, title, number, issued, repealed FROM regulations WHERE agency_id = ? ORDER BY issued, id", {agency_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<ledger::Regulation> out;
  for (const auto& r : *rows) {
    ledger::Regulation g;
    g.id = r[0].AsInt();
    g.rule = r[1].AsInt() != 0;
    g.title = r[2].AsText();
    g.number = r[3].AsText();
    g.issued = r[4].AsText();
    g.repealed = r[5].AsText();
    out.push_back(std::move(g));
  }
  return out;
}

Result<void> ReplaceRegulations(Store* store, int64_t agency_id, const std::vector<ledger::Regulation>& regs,
                                std::string_view actor) {
  Db* db = store->db();
  return InTransaction(db, [&]() -> Result<void> {
    if (auto r = db->Query("DELETE FROM regulations WHERE agency_id = ?", {agency_id}); !r) return tl::unexpected(r.error());
    for (const auto& g : regs) {
      auto r = db->Query("INSERT INTO regulations (agency_id, is_rule, title, number, issued, repealed) VALUES (?, ?, ?, ?, ?, ?)",
                         {agency_id, g.rule ? 1 : 0, g.title, g.number, g.issued, Text(g.repealed)});
      if (!r) return tl::unexpected(r.error());
    }
    return AppendAudit(store, actor, "ledger.regulations", std::to_string(agency_id), std::to_string(regs.size()) + " 件");
  });
}

Result<ledger::AnnualCounts> LoadAnnualCounts(Store* store, int64_t agency_id, int year) {
  auto rows = store->db()->Query("SELECT licenses, penalties, coercions, fees_wan FROM annual_counts WHERE agency_id = ? AND year = ?",
                                 {agency_id, year});
  if (!rows) return tl::unexpected(rows.error());
  ledger::AnnualCounts c;
  if (rows->empty()) return c;
  const auto& r = rows->front();
  c.licenses = r[0].AsOptReal();
  c.penalties = r[1].AsOptReal();
  c.coercions = r[2].AsOptReal();
  c.fees_wan = r[3].AsOptReal();
  return c;
}

Result<void> SaveAnnualCounts(Store* store, int64_t agency_id, int year, const ledger::AnnualCounts& c, std::string_view actor) {
  Db* db = store->db();
  return InTransaction(db, [&]() -> Result<void> {
    if (auto r = db->Query("DELETE FROM annual_counts WHERE agency_id = ? AND year = ?", {agency_id, year}); !r) {
      return tl::unexpected(r.error());
    }
    auto r = db->Query("INSERT INTO annual_counts (agency_id, year, licenses, penalties, coercions, fees_wan) VALUES (?, ?, ?, ?, ?, ?)",
                       {agency_id, year, c.licenses, c.penalties, c.coercions, c.fees_wan});
    if (!r) return tl::unexpected(r.error());
    return AppendAudit(store, actor, "ledger.counts", std::to_string(agency_id), std::to_string(year) + " 年");
  });
}

Result<ledger::LedgerTables> LedgerTablesOf(Store* store, int64_t agency_id, int year) {
  // Only the applications the year's tables can count (received by its end and not concluded before it, or
  // with a 复议 or 诉讼 for table 4), only the fields they read, in no particular order: the tables do not
  // depend on it, and 100,000 applications load in a fraction of a second.
  const std::string first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  auto rows = store->db()->Query(
      "SELECT serial, received, submitted, kind, replied, outcome, fee_yuan, review_filed, review_outcome, review_ended, "
      "litigation_filed, litigation_outcome, litigation_ended FROM applications WHERE agency_id = ? AND "
      "((COALESCE(received, submitted) <= ? AND (replied IS NULL OR replied >= ?)) OR review_filed IS NOT NULL OR "
      "litigation_filed IS NOT NULL)",
      {agency_id, last, first});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Application> apps_of_year(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    SqlRow& r = (*rows)[i];
    Application& a = apps_of_year[i];
    a.serial = std::move(r[0].s);
    a.received = std::move(r[1].s);
    a.submitted = std::move(r[2].s);
    a.kind = static_cast<int>(r[3].AsInt());
    a.replied = std::move(r[4].s);
    a.outcome = std::move(r[5].s);
    a.fee_yuan = r[6].AsReal();
    a.review = {static_cast<int>(r[7].AsInt()), CaseOf(r[8].AsText()), static_cast<int>(r[9].AsInt())};
    a.litigation = {static_cast<int>(r[10].AsInt()), CaseOf(r[11].AsText()), static_cast<int>(r[12].AsInt())};
  }
  rows->clear();
  const std::vector<Application>* apps = &apps_of_year;
  auto regs = LoadRegulations(store, agency_id);
  if (!regs) return tl::unexpected(regs.error());
  auto counts = LoadAnnualCounts(store, agency_id, year);
  if (!counts) return tl::unexpected(counts.error());
  return ledger::ComputeTables(*apps, *regs, *counts, year);
}

Result<std::optional<Report>> CurrentReport(Store* store, int64_t agency_id, int year) {
  auto v = store->db()->QueryValue(
      "SELECT t.json FROM reports r JOIN report_texts t ON t.report_id = r.id WHERE r.agency_id = ? AND r.year = ? AND r.current = 1",
      {agency_id, year});
  if (!v) return tl::unexpected(v.error());
  if (v->null()) return std::optional<Report>();
  auto r = ReportFromJson(v->AsText());
  if (!r) return tl::unexpected(r.error());
  return std::optional<Report>(std::move(*r));
}

Result<nlohmann::json> RegisterBodies(Store* store) {
  auto rows = store->db()->Query(
      "SELECT a.id, a.name, a.region, (SELECT COUNT(*) FROM applications x WHERE x.agency_id = a.id) FROM agencies a "
      "WHERE a.id IN (SELECT agency_id FROM applications UNION SELECT agency_id FROM regulations UNION SELECT agency_id FROM annual_counts) "
      "ORDER BY a.name");
  if (!rows) return tl::unexpected(rows.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : *rows) {
    out.push_back({{"id", row[0].AsInt()}, {"name", row[1].AsText()}, {"region", row[2].null() ? nlohmann::json() : nlohmann::json(row[2].AsText())},
                   {"applications", row[3].AsInt()}});
  }
  return out;
}

}  // namespace xxgk::store
