#include "store/review.h"

#include <cstdio>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/utf8.h"
#include "schema/rules.h"
#include "store/accounts.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

struct ReportRef {
  int64_t agency_id = 0;
  int year = 0;
  std::string file;
};

Result<ReportRef> RefOf(Db* db, int64_t report_id) {
  auto rows = db->Query("SELECT r.agency_id, r.year, d.name FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.id = ?",
                        {report_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return MakeError(ErrorCode::kInvalidArgument, "库中没有编号为 " + std::to_string(report_id) + " 的报告");
  const auto& r = rows->front();
  if (r[0].null() || r[1].null()) {
    return MakeError(ErrorCode::kInvalidArgument, "这份报告没有识别出机关或年度，无法审核；请先在名录中认领或重新上传");
  }
  return ReportRef{r[0].AsInt(), static_cast<int>(r[1].AsInt()), r[2].AsText()};
}

struct Raised {
  std::string rule, message, origin, severity;
};

// The findings a report raises now, by key.
Result<std::map<std::string, Raised>> RaisedBy(Db* db, int64_t report_id) {
  auto rows = db->Query("SELECT rule, cells, message, origin, severity FROM findings WHERE report_id = ? ORDER BY id", {report_id});
  if (!rows) return tl::unexpected(rows.error());
  std::map<std::string, Raised> out;
  for (const auto& r : *rows) {
    json cells = json::parse(r[1].AsText(), nullptr, false);
    out.emplace(FindingKey(r[0].AsText(), cells, r[2].AsText()), Raised{r[0].AsText(), r[2].AsText(), r[3].AsText(), r[4].AsText()});
  }
  return out;
}

// The report's body and year, and the finding of this key it raises now. Errors: kInvalidArgument for an
// unknown report or a key it does not raise.
Result<std::pair<ReportRef, Raised>> FindRaised(Db* db, int64_t report_id, std::string_view key) {
  auto ref = RefOf(db, report_id);
  if (!ref) return tl::unexpected(ref.error());
  auto raised = RaisedBy(db, report_id);
  if (!raised) return tl::unexpected(raised.error());
  auto it = raised->find(std::string(key));
  if (it == raised->end()) return MakeError(ErrorCode::kInvalidArgument, "这份报告没有这条问题（可能已在新版本中改正）");
  return std::make_pair(std::move(*ref), std::move(it->second));
}

bool IsoDate(std::string_view d) {
  int y = 0, m = 0, day = 0;
  char tail = 0;
  const std::string s(d);
  return s.size() == 10 && std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &day, &tail) == 3 && y >= 2000 && y <= 2100 &&
         m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

Result<void> Event(Db* db, int64_t item, std::string_view actor, std::string_view event, std::string_view detail) {
  auto r = db->Query("INSERT INTO rectification_events (rectification_id, at, actor, event, detail) VALUES (?, ?, ?, ?, ?)",
                     {item, NowIsoUtc(), std::string(actor), std::string(event), std::string(detail)});
  if (!r) return tl::unexpected(r.error());
  return {};
}

const char* EventChinese(std::string_view e) {
  if (e == "opened") return "列入整改";
  if (e == "closed") return "整改完成（人工确认）";
  if (e == "closed_auto") return "整改完成（新版本不再出现该问题）";
  return "";
}

Result<std::map<int64_t, json>> EventsOf(Db* db, const std::vector<int64_t>& items) {
  std::map<int64_t, json> out;
  for (int64_t id : items) {
    auto rows = db->Query("SELECT at, actor, event, detail FROM rectification_events WHERE rectification_id = ? ORDER BY id", {id});
    if (!rows) return tl::unexpected(rows.error());
    json list = json::array();
    for (const auto& r : *rows) {
      list.push_back({{"at", r[0].AsText()}, {"actor", r[1].AsText()}, {"event", r[2].AsText()},
                      {"event_zh", EventChinese(r[2].AsText())}, {"detail", r[3].AsText()}});
    }
    out[id] = std::move(list);
  }
  return out;
}

}  // namespace

std::string FindingKey(std::string_view rule, const json& cells, std::string_view message) {
  std::string key(rule);
  key += '|';
  if (cells.is_array() && !cells.empty()) {
    bool first = true;
    for (const auto& c : cells) {
      if (!c.is_string()) continue;
      if (!first) key += ',';
      key += c.get<std::string>();
      first = false;
    }
    return key;
  }
  for (char ch : message) {
    if (ch < '0' || ch > '9') key += ch;  // the numbers of a message change from version to version
  }
  return key;
}

Result<void> ReviewFinding(Store* store, int64_t report_id, std::string_view key, Decision decision, std::string_view reason,
                           std::string_view actor) {
  Db* db = store->db();
  auto found = FindRaised(db, report_id, key);
  if (!found) return tl::unexpected(found.error());
  const ReportRef* ref = &found->first;
  const Raised* raised = &found->second;
  if (decision == Decision::kDismissed && reason.empty()) return MakeError(ErrorCode::kInvalidArgument, "不予认定须写明理由");
  const char* word = decision == Decision::kConfirmed ? "confirmed" : "dismissed";
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return b;
  auto up = db->Query(
      "INSERT INTO finding_reviews (agency_id, year, finding_key, rule, decision, reason, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (agency_id, year, finding_key) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, "
      "reviewer = excluded.reviewer, at = excluded.at",
      {ref->agency_id, ref->year, std::string(key), raised->rule, word, std::string(reason), std::string(actor), NowIsoUtc()});
  if (!up) return tl::unexpected(up.error());
  const std::string detail = std::string(decision == Decision::kConfirmed ? "确认" : "不予认定") + " " + raised->rule + "：" +
                             ToValidUtf8(raised->message) + (reason.empty() ? "" : "（理由：" + ToValidUtf8(reason) + "）");
  if (auto a = AppendAudit(store, actor, "finding.review", ref->file + " " + std::to_string(ref->year) + "年度", detail); !a) return a;
  // The library's counts (errors, warnings, late) leave out what is dismissed.
  if (auto c = store->Recount(ref->agency_id, ref->year); !c) return c;
  return tx.Commit();
}

Result<int64_t> OpenRectification(Store* store, int64_t report_id, std::string_view key, std::string_view due,
                                  std::string_view actor) {
  Db* db = store->db();
  if (!IsoDate(due)) return MakeError(ErrorCode::kInvalidArgument, "整改期限应为日期，如 2026-03-31");
  auto found = FindRaised(db, report_id, key);
  if (!found) return tl::unexpected(found.error());
  const ReportRef* ref = &found->first;
  const Raised* raised = &found->second;
  auto decided = db->QueryValue("SELECT decision FROM finding_reviews WHERE agency_id = ? AND year = ? AND finding_key = ?",
                                {ref->agency_id, ref->year, std::string(key)});
  if (!decided) return tl::unexpected(decided.error());
  if (decided->AsText() != "confirmed") return MakeError(ErrorCode::kInvalidArgument, "先确认这条问题，才能列入整改");
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  auto existing = db->Query("SELECT id, status FROM rectifications WHERE agency_id = ? AND year = ? AND finding_key = ?",
                            {ref->agency_id, ref->year, std::string(key)});
  if (!existing) return tl::unexpected(existing.error());
  int64_t id = 0;
  const std::string now = NowIsoUtc();
  if (!existing->empty()) {
    if ((*existing)[0][1].AsText() == "open") return MakeError(ErrorCode::kInvalidArgument, "这条问题已在整改中");
    id = (*existing)[0][0].AsInt();  // raised again after it was closed: the item reopens, its history kept
    auto u = db->Query("UPDATE rectifications SET status = 'open', due = ?, message = ?, closed_at = NULL, closed_by = NULL, "
                       "closed_report_id = NULL WHERE id = ?",
                       {std::string(due), raised->message, id});
    if (!u) return tl::unexpected(u.error());
  } else {
    auto ins = db->QueryValue(
        "INSERT INTO rectifications (agency_id, year, finding_key, rule, origin, message, due, status, opened_by, opened_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
        {ref->agency_id, ref->year, std::string(key), raised->rule, raised->origin, raised->message, std::string(due),
         std::string(actor), now});
    if (!ins) return tl::unexpected(ins.error());
    id = ins->AsInt();
  }
  if (auto e = Event(db, id, actor, "opened", "期限 " + std::string(due)); !e) return tl::unexpected(e.error());
  if (auto a = AppendAudit(store, actor, "rectification.open", ref->file + " " + std::to_string(ref->year) + "年度",
                           raised->rule + "：" + ToValidUtf8(raised->message) + "（期限 " + std::string(due) + "）");
      !a) {
    return tl::unexpected(a.error());
  }
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  return id;
}

Result<void> CloseRectification(Store* store, int64_t id, std::string_view note, std::string_view actor) {
  Db* db = store->db();
  auto rows = db->Query("SELECT status, rule FROM rectifications WHERE id = ?", {id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return MakeError(ErrorCode::kInvalidArgument, "没有编号为 " + std::to_string(id) + " 的整改事项");
  if ((*rows)[0][0].AsText() != "open") return MakeError(ErrorCode::kInvalidArgument, "这项整改已经完成");
  if (note.empty()) return MakeError(ErrorCode::kInvalidArgument, "请写明整改情况");
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return b;
  auto u = db->Query("UPDATE rectifications SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
                     {NowIsoUtc(), std::string(actor), id});
  if (!u) return tl::unexpected(u.error());
  if (auto e = Event(db, id, actor, "closed", note); !e) return e;
  if (auto a = AppendAudit(store, actor, "rectification.close", "整改事项 " + std::to_string(id), ToValidUtf8(note)); !a) return a;
  return tx.Commit();
}

Result<size_t> SyncRectifications(Db* db, int64_t agency_id, int year, std::string_view origin) {
  auto open = db->Query("SELECT id, finding_key FROM rectifications WHERE agency_id = ? AND year = ? AND status = 'open' AND origin = ?",
                        {agency_id, year, std::string(origin)});
  if (!open) return tl::unexpected(open.error());
  if (open->empty()) return size_t{0};
  auto current = db->Query("SELECT r.id, d.name, (SELECT COUNT(*) FROM reports r2 WHERE r2.agency_id = r.agency_id AND r2.year = r.year "
                           "AND r2.document_id <= r.document_id) FROM reports r JOIN documents d ON d.id = r.document_id "
                           "WHERE r.agency_id = ? AND r.year = ? AND r.current = 1",
                           {agency_id, year});
  if (!current) return tl::unexpected(current.error());
  if (current->empty()) return size_t{0};
  const int64_t report = (*current)[0][0].AsInt();
  auto raised = RaisedBy(db, report);
  if (!raised) return tl::unexpected(raised.error());
  size_t closed = 0;
  for (const auto& item : *open) {
    if (raised->count(item[1].AsText())) continue;
    const std::string now = NowIsoUtc();
    auto u = db->Query("UPDATE rectifications SET status = 'closed', closed_at = ?, closed_by = '自动', closed_report_id = ? WHERE id = ?",
                       {now, report, item[0].AsInt()});
    if (!u) return tl::unexpected(u.error());
    const std::string detail = "第 " + std::to_string((*current)[0][2].AsInt()) + " 版（" + (*current)[0][1].AsText() + "）不再出现该问题";
    if (auto e = Event(db, item[0].AsInt(), "自动", "closed_auto", detail); !e) return tl::unexpected(e.error());
    ++closed;
  }
  return closed;
}

Result<json> ReviewsOfReport(Store* store, int64_t agency_id, int year) {
  Db* db = store->db();
  json out = json::object();
  auto reviews = db->Query("SELECT finding_key, decision, reason, reviewer, at FROM finding_reviews WHERE agency_id = ? AND year = ?",
                           {agency_id, year});
  if (!reviews) return tl::unexpected(reviews.error());
  for (const auto& r : *reviews) {
    out[r[0].AsText()] = {{"decision", r[1].AsText()}, {"decision_zh", r[1].AsText() == "confirmed" ? "已确认" : "不予认定"},
                          {"reason", r[2].AsText()}, {"reviewer", r[3].AsText()}, {"at", r[4].AsText()}};
  }
  auto items = db->Query("SELECT id, finding_key, status, due, opened_at, closed_at FROM rectifications WHERE agency_id = ? AND year = ?",
                         {agency_id, year});
  if (!items) return tl::unexpected(items.error());
  std::vector<int64_t> ids;
  for (const auto& r : *items) ids.push_back(r[0].AsInt());
  auto events = EventsOf(db, ids);
  if (!events) return tl::unexpected(events.error());
  for (const auto& r : *items) {
    json item = {{"id", r[0].AsInt()}, {"status", r[2].AsText()}, {"due", r[3].AsText()}, {"opened_at", r[4].AsText()},
                 {"closed_at", r[5].null() ? json() : json(r[5].AsText())}, {"events", (*events)[r[0].AsInt()]}};
    out[r[1].AsText()]["rectification"] = std::move(item);
  }
  return out;
}

Result<json> ListRectifications(Store* store, const RectificationFilter& f, const std::string& today) {
  Db* db = store->db();
  std::string sql =
      "SELECT x.id, x.agency_id, a.name, x.year, x.finding_key, x.rule, x.message, x.due, x.status, x.opened_by, x.opened_at, "
      "x.closed_at, x.closed_by, (SELECT r.id FROM reports r WHERE r.agency_id = x.agency_id AND r.year = x.year AND r.current = 1) "
      "FROM rectifications x JOIN agencies a ON a.id = x.agency_id WHERE 1 = 1";
  SqlParams params;
  if (f.id) {
    sql += " AND x.id = ?";
    params.push_back(*f.id);
  }
  if (f.year) {
    sql += " AND x.year = ?";
    params.push_back(*f.year);
  }
  if (f.status) {
    sql += " AND x.status = ?";
    params.push_back(*f.status);
  }
  sql += " ORDER BY CASE x.status WHEN 'open' THEN 0 ELSE 1 END, x.due, x.id";
  auto rows = db->Query(sql, params);
  if (!rows) return tl::unexpected(rows.error());
  std::set<int64_t> allowed;
  if (f.bodies) allowed.insert(f.bodies->begin(), f.bodies->end());
  std::vector<int64_t> ids;
  for (const auto& r : *rows) {
    if (!f.bodies || allowed.count(r[1].AsInt())) ids.push_back(r[0].AsInt());
  }
  auto events = EventsOf(db, ids);
  if (!events) return tl::unexpected(events.error());
  json out = json::array();
  for (const auto& r : *rows) {
    if (f.bodies && !allowed.count(r[1].AsInt())) continue;
    const bool open = r[8].AsText() == "open";
    out.push_back({{"id", r[0].AsInt()}, {"agency_id", r[1].AsInt()}, {"agency", r[2].AsText()}, {"year", r[3].AsInt()},
                   {"key", r[4].AsText()}, {"rule", r[5].AsText()}, {"message", r[6].AsText()}, {"due", r[7].AsText()},
                   {"status", r[8].AsText()}, {"status_zh", open ? "整改中" : "已整改"}, {"overdue", open && today > r[7].AsText()},
                   {"opened_by", r[9].AsText()}, {"opened_at", r[10].AsText()},
                   {"closed_at", r[11].null() ? json() : json(r[11].AsText())}, {"closed_by", r[12].null() ? json() : json(r[12].AsText())},
                   {"report_id", r[13].null() ? json() : json(r[13].AsInt())}, {"events", (*events)[r[0].AsInt()]}});
  }
  return out;
}

std::string ReviewState::Status() const {
  if (open_items > 0) return "rectifying";
  if (closed_items > 0) return "rectified";
  if (unreviewed > 0) return "pending";
  if (confirmed + dismissed > 0) return "reviewed";
  return "clean";
}

Result<std::unordered_map<int64_t, ReviewState>> ReviewStates(Store* store, int year) {
  Db* db = store->db();
  std::unordered_map<int64_t, ReviewState> out;
  // Each finding of each current report, with its decision if any (info findings are not reviewed).
  auto rows = db->Query(
      "SELECT r.agency_id, f.rule, f.cells, f.message, f.severity FROM findings f JOIN reports r ON r.id = f.report_id "
      "WHERE r.year = ? AND r.current = 1 AND r.agency_id IS NOT NULL AND f.severity <> 'info'",
      {year});
  if (!rows) return tl::unexpected(rows.error());
  auto decisions = db->Query("SELECT agency_id, finding_key, decision FROM finding_reviews WHERE year = ?", {year});
  if (!decisions) return tl::unexpected(decisions.error());
  std::map<std::pair<int64_t, std::string>, std::string> decided;
  for (const auto& d : *decisions) decided[{d[0].AsInt(), d[1].AsText()}] = d[2].AsText();
  std::set<std::pair<int64_t, std::string>> seen;
  for (const auto& r : *rows) {
    const int64_t body = r[0].AsInt();
    const std::string key = FindingKey(r[1].AsText(), json::parse(r[2].AsText(), nullptr, false), r[3].AsText());
    ReviewState& s = out[body];
    auto it = decided.find({body, key});
    const bool dismissed = it != decided.end() && it->second == "dismissed";
    if (!dismissed) {
      s.errors += r[4].AsText() == "error";
      s.warnings += r[4].AsText() == "warning";
    }
    if (!seen.insert({body, key}).second) continue;  // one decision covers findings that share a key
    if (it == decided.end()) {
      ++s.unreviewed;
    } else if (dismissed) {
      ++s.dismissed;
    } else {
      ++s.confirmed;
    }
  }
  auto items = db->Query("SELECT agency_id, status, COUNT(*) FROM rectifications WHERE year = ? GROUP BY agency_id, status", {year});
  if (!items) return tl::unexpected(items.error());
  for (const auto& r : *items) {
    ReviewState& s = out[r[0].AsInt()];
    (r[1].AsText() == "open" ? s.open_items : s.closed_items) += r[2].AsInt();
  }
  return out;
}

}  // namespace xxgk::store
