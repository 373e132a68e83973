#include "store/registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <tuple>
#include <map>
#include <set>
#include <unordered_map>

#include "core/normalize.h"
#include "core/utf8.h"
#include "store/accounts.h"
#include "store/agency_names.h"
#include "store/queries.h"
#include "schema/format_spec.h"
#include "schema/workdays.h"

namespace xxgk::store {
namespace {

using nlohmann::json;

struct Column {
  const char* field;
  std::vector<std::string_view> headers;
};

// The header words each column is known by (after normalising: full-width letters, spaces dropped).
const Column kColumns[] = {
    {"name", {"名称", "机关名称", "单位名称", "机关", "单位", "name"}},
    {"aliases", {"别名", "简称", "曾用名", "aliases", "alias"}},
    {"parent", {"上级机关", "上级单位", "上级", "parent"}},
    {"category", {"类别", "单位类别", "机关类别", "类型", "category"}},
    {"code", {"行政区划代码", "区划代码", "code"}},
    {"region", {"地区", "所属地区", "region"}},
    {"deadline", {"发布期限", "发布截止日期", "截止日期", "期限", "deadline"}},
    {"aggregates", {"汇总", "层级汇总", "汇总下级", "aggregates"}},
};

std::string Trim(std::string_view s) {
  std::string n = Normalize(s);
  size_t b = 0, e = n.size();
  while (b < e && (n[b] == ' ' || n[b] == '\t' || n[b] == '\r' || n[b] == '\n')) ++b;
  while (e > b && (n[e - 1] == ' ' || n[e - 1] == '\t' || n[e - 1] == '\r' || n[e - 1] == '\n')) --e;
  return n.substr(b, e - b);
}

std::string HeaderWord(std::string_view s) {
  std::string out;
  for (char c : Trim(s)) {
    if (c == ' ' || c == '*') continue;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::string Cell(const std::vector<std::string>& row, int col) {
  return col >= 0 && static_cast<size_t>(col) < row.size() ? Trim(row[col]) : std::string();
}

std::vector<std::string> SplitAliases(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  size_t pos = 0;
  auto flush = [&] {
    std::string t = Trim(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  while (pos < text.size()) {
    size_t start = pos;
    char32_t cp = NextCodePoint(text, &pos);
    if (cp == U'、' || cp == U';' || cp == U'；' || cp == U'|' || cp == U'\n' || cp == U',' || cp == U'，') {
      flush();
    } else {
      cur.append(text.substr(start, pos - start));
    }
  }
  flush();
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ValidMonthDay(int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

// A deadline as MM-DD: "03-31", "3月31日", "2025-03-31", "2025/3/31", or a spreadsheet date serial.
std::optional<std::string> ParseDeadline(std::string_view text) {
  std::string t = Trim(text);
  int y = 0, m = 0, d = 0;
  char tail = 0;
  auto md = [&](int mm, int dd) -> std::optional<std::string> {
    if (!ValidMonthDay(mm, dd)) return std::nullopt;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d", mm, dd);
    return std::string(buf);
  };
  if (AllDigits(t) && t.size() == 5) {  // an Excel serial: days since 1899-12-30
    const long serial = std::stol(t);
    if (serial < 20000 || serial > 80000) return std::nullopt;
    // Days since 1899-12-30; 25569 of them fall before 1970-01-01.
    std::sscanf(IsoOfDay(serial - 25569).c_str(), "%d-%d-%d", &y, &m, &d);
    return md(m, d);
  }
  if (std::sscanf(t.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) == 3 && y > 1900) return md(m, d);
  if (std::sscanf(t.c_str(), "%d/%d/%d%c", &y, &m, &d, &tail) == 3 && y > 1900) return md(m, d);
  if (std::sscanf(t.c_str(), "%d-%d%c", &m, &d, &tail) == 2) return md(m, d);
  if (std::sscanf(t.c_str(), "%d年%d月%d日", &y, &m, &d) == 3 && y > 1900) return md(m, d);
  if (std::sscanf(t.c_str(), "%d月%d日", &m, &d) == 2) return md(m, d);
  return std::nullopt;
}

std::string RowCol(size_t row, std::string_view column) {
  return "第" + std::to_string(row) + "行“" + std::string(column) + "”";
}

// A registered body as the store holds it.
struct Registered {
  int64_t id = 0;
  std::string name, parent, category, code, region, deadline;
  std::optional<int64_t> parent_id;
  bool aggregates = false;
};

Result<std::map<int64_t, Registered>> LoadRegistered(Db* db) {
  auto rows = db->Query(
      "SELECT a.id, a.name, a.parent_id, p.name, a.category, a.division_code, a.region, a.deadline, a.aggregates FROM agencies a "
      "LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.rostered = 1");
  if (!rows) return tl::unexpected(rows.error());
  std::map<int64_t, Registered> out;
  for (const auto& r : *rows) {
    Registered g;
    g.id = r[0].AsInt();
    g.name = r[1].AsText();
    if (!r[2].null()) g.parent_id = r[2].AsInt();
    g.parent = r[3].AsText();
    g.category = r[4].AsText();
    g.code = r[5].AsText();
    g.region = r[6].AsText();
    g.deadline = r[7].AsText();
    g.aggregates = r[8].AsInt() != 0;
    out.emplace(g.id, std::move(g));
  }
  return out;
}

// The store's body a name denotes now (alias or key), or nullopt.
Result<std::optional<int64_t>> Existing(Store* store, std::string_view name) { return store->LookupAgency(name); }

std::string Arrow(std::string_view field, std::string_view from, std::string_view to) {
  return std::string(field) + "：" + (from.empty() ? "（空）" : std::string(from)) + " → " + (to.empty() ? "（空）" : std::string(to));
}

// Bodies with reports that are not registered: [(id, name)].
Result<std::vector<std::pair<int64_t, std::string>>> WaitingBodies(Db* db) {
  auto rows = db->Query("SELECT a.id, a.name FROM agencies a WHERE a.rostered = 0 AND EXISTS "
                        "(SELECT 1 FROM reports r WHERE r.agency_id = a.id) ORDER BY a.id");
  if (!rows) return tl::unexpected(rows.error());
  std::vector<std::pair<int64_t, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r[0].AsInt(), r[1].AsText());
  return out;
}

// The keys an entry answers to: its name's and its aliases'.
std::vector<std::string> KeysOf(const RegistryEntry& e) {
  std::vector<std::string> keys{AgencyKey(e.name)};
  for (const auto& a : e.aliases) keys.push_back(AgencyKey(a));
  return keys;
}

// A name titled by its area only (平潭综合实验区, 海原县): the keys of the bodies it may stand for.
std::vector<std::string> AreaKeys(std::string_view name) {
  const std::string key = AgencyKey(name);
  if (key.empty() || AgencyKey(RegionOf(name)) != key) return {};
  return {key + "管理委员会", key + "人民政府"};
}

}  // namespace

const char* CategoryChinese(std::string_view c) {
  if (c == "government") return "本级政府";
  if (c == "department") return "部门";
  if (c == "township") return "乡镇街道";
  if (c == "other") return "其他";
  return "";
}

std::optional<std::string> ParseCategory(std::string_view text) {
  const std::string t = HeaderWord(text);
  if (t == "本级政府" || t == "人民政府" || t == "政府" || t == "government") return "government";
  if (t == "部门" || t == "政府部门" || t == "department") return "department";
  if (t == "乡镇街道" || t == "乡镇" || t == "街道" || t == "乡镇（街道）" || t == "township") return "township";
  if (t == "其他" || t == "其它" || t == "other") return "other";
  return std::nullopt;
}

BodyKind KindOfCategory(std::string_view c) {
  if (c == "government") return BodyKind::kGovernment;
  if (c == "township") return BodyKind::kTownship;
  return BodyKind::kDepartment;
}

Result<std::vector<RegistryEntry>> ParseRegistry(const std::vector<std::vector<std::string>>& rows) {
  size_t header = 0;
  while (header < rows.size() && std::all_of(rows[header].begin(), rows[header].end(), [](const std::string& c) { return Trim(c).empty(); })) {
    ++header;
  }
  if (header == rows.size()) return MakeError(ErrorCode::kInvalidArgument, "名录是空的");
  std::map<std::string, int> col;
  for (size_t i = 0; i < rows[header].size(); ++i) {
    const std::string word = HeaderWord(rows[header][i]);
    for (const Column& c : kColumns) {
      if (std::find(c.headers.begin(), c.headers.end(), word) != c.headers.end() && !col.count(c.field)) col[c.field] = static_cast<int>(i);
    }
  }
  if (!col.count("name")) {
    return MakeError(ErrorCode::kInvalidArgument, "名录第" + std::to_string(header + 1) + "行（表头）没有“名称”列",
                     "表头可用：名称、别名、上级机关、类别、行政区划代码、地区、发布期限");
  }
  auto at = [&](const char* field) { return col.count(field) ? col[field] : -1; };
  std::vector<RegistryEntry> out;
  std::unordered_map<std::string, size_t> seen;  // key → row
  for (size_t i = header + 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const size_t n = i + 1;
    if (std::all_of(row.begin(), row.end(), [](const std::string& c) { return Trim(c).empty(); })) continue;
    RegistryEntry e;
    e.row = n;
    e.name = Cell(row, at("name"));
    if (e.name.empty()) return MakeError(ErrorCode::kInvalidArgument, RowCol(n, "名称") + "为空");
    e.aliases = SplitAliases(Cell(row, at("aliases")));
    e.parent = Cell(row, at("parent"));
    const std::string category = Cell(row, at("category"));
    if (category.empty()) {
      const BodyKind k = KindOf(e.name);
      e.category = k == BodyKind::kGovernment ? "government" : k == BodyKind::kTownship ? "township" : "department";
    } else if (auto c = ParseCategory(category)) {
      e.category = *c;
    } else {
      return MakeError(ErrorCode::kInvalidArgument, RowCol(n, "类别") + "的“" + category + "”无法识别",
                       "可用：本级政府、部门、乡镇街道、其他");
    }
    e.code = Cell(row, at("code"));
    if (e.code.size() > 2 && e.code.compare(e.code.size() - 2, 2, ".0") == 0) e.code.resize(e.code.size() - 2);  // a number cell
    if (!e.code.empty() && (!AllDigits(e.code) || e.code.size() > 12)) {
      return MakeError(ErrorCode::kInvalidArgument, RowCol(n, "行政区划代码") + "的“" + e.code + "”不是 12 位以内的数字");
    }
    e.region = Cell(row, at("region"));
    const std::string deadline = Cell(row, at("deadline"));
    if (!deadline.empty()) {
      auto d = ParseDeadline(deadline);
      if (!d) {
        return MakeError(ErrorCode::kInvalidArgument, RowCol(n, "发布期限") + "的“" + deadline + "”不是日期",
                         "写成“3月31日”或“03-31”（指报告年度的次年）");
      }
      e.deadline = *d;
    }
    const std::string agg = HeaderWord(Cell(row, at("aggregates")));
    if (agg == "是" || agg == "yes" || agg == "1" || agg == "true" || agg == "汇总") {
      e.aggregates = true;
    } else if (!agg.empty() && agg != "否" && agg != "no" && agg != "0" && agg != "false") {
      return MakeError(ErrorCode::kInvalidArgument, RowCol(n, "汇总") + "应为“是”或“否”");
    }
    const std::string key = AgencyKey(e.name);
    if (!e.parent.empty() && AgencyKey(e.parent) == key) {
      return MakeError(ErrorCode::kInvalidArgument, RowCol(n, "上级机关") + "是它自己");
    }
    for (const std::string& k : KeysOf(e)) {
      auto [it, fresh] = seen.emplace(k, n);
      if (!fresh && it->second != n) {
        return MakeError(ErrorCode::kInvalidArgument, "名录第" + std::to_string(n) + "行与第" + std::to_string(it->second) +
                                                          "行是同一机关（“" + e.name + "”的名称或别名重复）");
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

json PlanJson(const RegistryPlan& plan) {
  json changed = json::array();
  for (const auto& c : plan.changed) changed.push_back({{"name", c.name}, {"what", c.what}});
  return {{"added", plan.added}, {"changed", std::move(changed)}, {"removed", plan.removed},
          {"unchanged", plan.unchanged}, {"matched", plan.matched}};
}

Result<RegistryPlan> PlanRegistry(Store* store, const std::vector<RegistryEntry>& entries, ImportMode mode) {
  auto registered = LoadRegistered(store->db());
  if (!registered) return tl::unexpected(registered.error());
  RegistryPlan plan;
  std::unordered_map<std::string, const RegistryEntry*> by_key;
  for (const auto& e : entries) {
    for (const std::string& k : KeysOf(e)) by_key.emplace(k, &e);
  }
  // Each entry's body and parent as the store knows them; the parents form the tree to check for cycles.
  std::set<int64_t> kept, own;  // registered bodies the file keeps; every body the file's names denote now
  std::map<std::string, std::string> parent_of;  // entry key → parent key (file) or "#id" (registered)
  for (const auto& e : entries) {
    auto id = Existing(store, e.name);
    if (!id) return tl::unexpected(id.error());
    if (*id) own.insert(**id);
    auto it = *id ? registered->find(**id) : registered->end();
    if (!e.parent.empty()) {
      const std::string pk = AgencyKey(e.parent);
      auto in_file = by_key.find(pk);
      if (in_file != by_key.end()) {
        parent_of[AgencyKey(e.name)] = AgencyKey(in_file->second->name);
      } else {
        auto pid = Existing(store, e.parent);
        if (!pid) return tl::unexpected(pid.error());
        if (!*pid || !registered->count(**pid) || mode == ImportMode::kReplace) {
          return MakeError(ErrorCode::kInvalidArgument, RowCol(e.row, "上级机关") + "的“" + e.parent + "”不在名录中",
                           "先把上级机关列入名录（可写在同一文件中）");
        }
      }
    }
    if (it == registered->end()) {
      plan.added.push_back(e.name);
      continue;
    }
    kept.insert(it->first);
    const Registered& g = it->second;
    std::string what;
    auto note = [&](std::string_view field, const std::string& from, const std::string& to) {
      if (from == to) return;
      what += (what.empty() ? "" : "；") + Arrow(field, from, to);
    };
    note("名称", g.name, e.name);
    note("上级机关", g.parent, e.parent.empty() ? std::string() : e.parent);
    note("类别", CategoryChinese(g.category), CategoryChinese(e.category));
    note("行政区划代码", g.code, e.code);
    if (!e.region.empty()) note("地区", g.region, e.region);
    note("发布期限", g.deadline, e.deadline);
    note("汇总", g.aggregates ? "是" : "否", e.aggregates ? "是" : "否");
    if (what.empty()) {
      ++plan.unchanged;
    } else {
      plan.changed.push_back({e.name, what});
    }
  }
  // A cycle of parents within the file (a registered parent outside it cannot lead back: it is not moved).
  for (const auto& [start, unused] : parent_of) {
    std::string k = start;
    for (size_t steps = 0; parent_of.count(k); ++steps) {
      k = parent_of[k];
      if (k == start || steps > parent_of.size()) {
        return MakeError(ErrorCode::kInvalidArgument, "名录中的上级机关形成了循环（经过“" + by_key[start]->name + "”）");
      }
    }
  }
  if (mode == ImportMode::kReplace) {
    for (const auto& [id, g] : *registered) {
      if (!kept.count(id)) plan.removed.push_back(g.name);
    }
  }
  // Waiting bodies the import would match: by name or alias, or by area.
  auto waiting = WaitingBodies(store->db());
  if (!waiting) return tl::unexpected(waiting.error());
  for (const auto& [id, name] : *waiting) {
    if (own.count(id)) continue;  // the body an entry names itself: registered, not matched
    bool match = by_key.count(AgencyKey(name)) > 0;
    for (const std::string& k : AreaKeys(name)) match = match || by_key.count(k) > 0;
    plan.matched += match;
  }
  return plan;
}

Result<std::optional<int64_t>> FindRegistered(Store* store, std::string_view name) {
  auto id = store->LookupAgency(name);
  if (!id) return id;
  Db* db = store->db();
  if (*id) {
    auto reg = db->QueryValue("SELECT rostered FROM agencies WHERE id = ?", {**id});
    if (!reg) return tl::unexpected(reg.error());
    if (reg->AsInt() != 0) return id;
  }
  for (const std::string& k : AreaKeys(name)) {
    auto hit = db->QueryValue(
        "SELECT COALESCE((SELECT agency_id FROM agency_aliases WHERE alias_key = ?), (SELECT id FROM agencies WHERE key = ?))",
        {k, k});
    if (!hit) return tl::unexpected(hit.error());
    if (hit->null()) continue;
    auto reg = db->QueryValue("SELECT rostered FROM agencies WHERE id = ?", {hit->AsInt()});
    if (!reg) return tl::unexpected(reg.error());
    if (reg->AsInt() != 0) return std::optional<int64_t>(hit->AsInt());
  }
  return std::optional<int64_t>();
}

Result<RegistryPlan> ImportRegistry(Store* store, const std::vector<RegistryEntry>& entries, ImportMode mode,
                                    std::string_view actor) {
  auto plan = PlanRegistry(store, entries, mode);
  if (!plan) return plan;
  Db* db = store->db();
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  std::unordered_map<std::string, int64_t> id_of;  // entry key → body
  std::set<int64_t> in_file;
  for (const auto& e : entries) {
    auto id = store->ResolveAgency(e.name);
    if (!id) return tl::unexpected(id.error());
    const std::string region = e.region.empty() ? RegionOf(e.name) : e.region;
    auto u = db->Query(
        "UPDATE agencies SET name = ?, rostered = 1, category = ?, kind = ?, division_code = ?, region = ?, deadline = ?, aggregates = ? "
        "WHERE id = ?",
        {e.name, e.category, BodyKindName(KindOfCategory(e.category)), e.code.empty() ? SqlValue() : SqlValue(e.code),
         region.empty() ? SqlValue() : SqlValue(region), e.deadline.empty() ? SqlValue() : SqlValue(e.deadline),
         int64_t{e.aggregates ? 1 : 0}, *id});
    if (!u) return tl::unexpected(u.error());
    id_of[AgencyKey(e.name)] = *id;
    in_file.insert(*id);
  }
  for (const auto& e : entries) {
    const int64_t id = id_of[AgencyKey(e.name)];
    for (const std::string& alias : e.aliases) {
      auto other = store->LookupAgency(alias);
      if (!other) return tl::unexpected(other.error());
      if (*other && **other != id && in_file.count(**other)) {
        return MakeError(ErrorCode::kInvalidArgument, RowCol(e.row, "别名") + "的“" + alias + "”是名录中另一机关的名称或别名");
      }
      if (auto a = store->AddAliasIn(alias, id); !a) return tl::unexpected(a.error());
    }
  }
  for (const auto& e : entries) {
    SqlValue parent;
    if (!e.parent.empty()) {
      auto it = id_of.find(AgencyKey(e.parent));
      if (it != id_of.end()) {
        parent = SqlValue(it->second);
      } else {
        auto pid = store->LookupAgency(e.parent);
        if (!pid) return tl::unexpected(pid.error());
        if (*pid) parent = SqlValue(**pid);
      }
    }
    if (auto u = db->Query("UPDATE agencies SET parent_id = ? WHERE id = ?", {parent, id_of[AgencyKey(e.name)]}); !u) {
      return tl::unexpected(u.error());
    }
  }
  if (mode == ImportMode::kReplace) {
    auto registered = LoadRegistered(db);
    if (!registered) return tl::unexpected(registered.error());
    for (const auto& [id, g] : *registered) {
      if (in_file.count(id)) continue;
      if (auto u = db->Query("UPDATE agencies SET rostered = 0, parent_id = NULL, aggregates = 0 WHERE id = ?", {id}); !u) return tl::unexpected(u.error());
      if (auto u = db->Query("UPDATE agencies SET parent_id = NULL WHERE parent_id = ?", {id}); !u) return tl::unexpected(u.error());
    }
  }
  // Reports waiting under names the registry now knows (aliases, areas) join their bodies.
  auto waiting = WaitingBodies(db);
  if (!waiting) return tl::unexpected(waiting.error());
  size_t matched = 0;
  for (const auto& [from, name] : *waiting) {
    auto to = FindRegistered(store, name);
    if (!to) return tl::unexpected(to.error());
    if (!*to || **to == from) continue;
    if (auto a = store->AddAliasIn(name, **to); !a) return tl::unexpected(a.error());
    ++matched;
  }
  plan->matched = matched;
  const std::string detail = std::string(mode == ImportMode::kReplace ? "替换" : "合并") + "：新增 " + std::to_string(plan->added.size()) +
                             "，变更 " + std::to_string(plan->changed.size()) + "，移出 " + std::to_string(plan->removed.size()) +
                             "，未变 " + std::to_string(plan->unchanged) + "，匹配待认领报告的机关 " + std::to_string(matched);
  if (auto a = AppendAudit(store, actor, "registry.import", std::to_string(entries.size()) + " 个机关", detail); !a) {
    return tl::unexpected(a.error());
  }
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  // The deadline rule (D1) reads the registry's kind of body.
  std::vector<int64_t> touched(in_file.begin(), in_file.end());
  if (auto cc = store->RunCorpusChecks(touched); !cc) return tl::unexpected(cc.error());
  return plan;
}

Result<std::vector<int64_t>> Subtree(Store* store, int64_t root) {
  auto rows = store->db()->Query(
      "WITH RECURSIVE sub(id) AS (SELECT id FROM agencies WHERE id = ? UNION SELECT a.id FROM agencies a JOIN sub ON a.parent_id = sub.id) "
      "SELECT id FROM sub",
      {root});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<int64_t> out;
  for (const auto& r : *rows) out.push_back(r[0].AsInt());
  return out;
}

Result<json> RegistryList(Store* store, std::optional<int64_t> root) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  auto counts = db->Query("SELECT r.agency_id, COUNT(*) FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE a.rostered = 1 "
                          "AND r.current = 1 GROUP BY r.agency_id");
  if (!counts) return tl::unexpected(counts.error());
  std::unordered_map<int64_t, int64_t> reports;
  for (const auto& r : *counts) reports[r[0].AsInt()] = r[1].AsInt();
  auto alias_rows = db->Query("SELECT s.agency_id, s.alias FROM agency_aliases s JOIN agencies a ON a.id = s.agency_id "
                              "WHERE a.rostered = 1 ORDER BY s.alias");
  if (!alias_rows) return tl::unexpected(alias_rows.error());
  std::unordered_map<int64_t, std::vector<std::string>> aliases;
  for (const auto& r : *alias_rows) aliases[r[0].AsInt()].push_back(r[1].AsText());
  // Children in a stable order: division code, then name.
  std::map<std::optional<int64_t>, std::vector<const Registered*>> children;
  for (const auto& [id, g] : *registered) {
    std::optional<int64_t> parent = g.parent_id && registered->count(*g.parent_id) ? g.parent_id : std::nullopt;
    children[parent].push_back(&g);
  }
  for (auto& [p, list] : children) {
    std::sort(list.begin(), list.end(), [](const Registered* a, const Registered* b) {
      // Coded bodies by their code, then the others by name.
      return std::make_tuple(a->code.empty(), std::cref(a->code), std::cref(a->name)) <
             std::make_tuple(b->code.empty(), std::cref(b->code), std::cref(b->name));
    });
  }
  json out = json::array();
  std::function<void(const Registered&, int)> walk = [&](const Registered& g, int depth) {
    json a = aliases.count(g.id) ? json(aliases[g.id]) : json::array();
    out.push_back({{"id", g.id}, {"name", g.name}, {"parent_id", g.parent_id ? json(*g.parent_id) : json()},
                   {"parent", g.parent.empty() ? json() : json(g.parent)}, {"depth", depth}, {"category", g.category},
                   {"category_zh", CategoryChinese(g.category)}, {"code", g.code.empty() ? json() : json(g.code)},
                   {"region", g.region.empty() ? json() : json(g.region)}, {"deadline", g.deadline.empty() ? json() : json(g.deadline)},
                   {"aliases", std::move(a)}, {"aggregates", g.aggregates}, {"reports", reports.count(g.id) ? reports[g.id] : 0}});
    if (depth > 64) return;  // a cycle cannot be written, but a list never recurses without bound
    auto it = children.find(g.id);
    if (it == children.end()) return;
    for (const Registered* c : it->second) walk(*c, depth + 1);
  };
  if (root) {
    auto it = registered->find(*root);
    if (it == registered->end()) return MakeError(ErrorCode::kInvalidArgument, "这个机关不在名录中");
    walk(it->second, 0);
  } else {
    for (const Registered* g : children[std::nullopt]) walk(*g, 0);
  }
  return out;
}

namespace {

Result<const Registered*> RegisteredBody(const std::map<int64_t, Registered>& registered, int64_t id) {
  auto it = registered.find(id);
  if (it == registered.end()) return MakeError(ErrorCode::kInvalidArgument, "编号为 " + std::to_string(id) + " 的机关不在名录中");
  return &it->second;
}

}  // namespace

Result<void> MoveBody(Store* store, int64_t body, std::optional<int64_t> parent, std::string_view actor) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  auto b = RegisteredBody(*registered, body);
  if (!b) return tl::unexpected(b.error());
  std::string to = "（顶层）";
  if (parent) {
    auto p = RegisteredBody(*registered, *parent);
    if (!p) return tl::unexpected(p.error());
    auto below = Subtree(store, body);
    if (!below) return tl::unexpected(below.error());
    if (std::find(below->begin(), below->end(), *parent) != below->end()) {
      return MakeError(ErrorCode::kInvalidArgument, "不能把“" + (*b)->name + "”移到它自己或它的下级“" + (*p)->name + "”之下");
    }
    to = (*p)->name;
  }
  Transaction tx(db);
  if (auto t = tx.Begin(); !t) return t;
  if (auto u = db->Query("UPDATE agencies SET parent_id = ? WHERE id = ?", {parent ? SqlValue(*parent) : SqlValue(), body}); !u) {
    return tl::unexpected(u.error());
  }
  if (auto a = AppendAudit(store, actor, "registry.move", (*b)->name, Arrow("上级机关", (*b)->parent, to == "（顶层）" ? "" : to)); !a) return a;
  return tx.Commit();
}

Result<void> EditBody(Store* store, int64_t body, const BodyEdit& edit, std::string_view actor) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  auto b = RegisteredBody(*registered, body);
  if (!b) return tl::unexpected(b.error());
  const Registered& g = **b;
  std::string category = g.category, deadline = g.deadline, code = g.code, region = g.region;
  bool aggregates = g.aggregates;
  if (edit.category) {
    auto c = ParseCategory(*edit.category);
    if (!c) return MakeError(ErrorCode::kInvalidArgument, "类别“" + ToValidUtf8(*edit.category) + "”无法识别", "可用：本级政府、部门、乡镇街道、其他");
    category = *c;
  }
  if (edit.deadline) {
    if (edit.deadline->empty()) {
      deadline.clear();
    } else if (auto d = ParseDeadline(*edit.deadline)) {
      deadline = *d;
    } else {
      return MakeError(ErrorCode::kInvalidArgument, "发布期限“" + ToValidUtf8(*edit.deadline) + "”不是日期", "写成“3月31日”或“03-31”");
    }
  }
  if (edit.code) {
    if (!edit.code->empty() && (!AllDigits(*edit.code) || edit.code->size() > 12)) {
      return MakeError(ErrorCode::kInvalidArgument, "行政区划代码应为 12 位以内的数字");
    }
    code = *edit.code;
  }
  if (edit.region) region = *edit.region;
  if (edit.aggregates) aggregates = *edit.aggregates;
  std::string what;
  auto note = [&](std::string_view field, const std::string& from, const std::string& to) {
    if (from != to) what += (what.empty() ? "" : "；") + Arrow(field, from, to);
  };
  note("类别", CategoryChinese(g.category), CategoryChinese(category));
  note("发布期限", g.deadline, deadline);
  note("行政区划代码", g.code, code);
  note("地区", g.region, region);
  note("汇总", g.aggregates ? "是" : "否", aggregates ? "是" : "否");
  if (what.empty()) return {};
  Transaction tx(db);
  if (auto t = tx.Begin(); !t) return t;
  auto u = db->Query("UPDATE agencies SET category = ?, kind = ?, deadline = ?, division_code = ?, region = ?, aggregates = ? WHERE id = ?",
                     {category, BodyKindName(KindOfCategory(category)), deadline.empty() ? SqlValue() : SqlValue(deadline),
                      code.empty() ? SqlValue() : SqlValue(code), region.empty() ? SqlValue() : SqlValue(region),
                      int64_t{aggregates ? 1 : 0}, body});
  if (!u) return tl::unexpected(u.error());
  if (auto a = AppendAudit(store, actor, "registry.edit", g.name, what); !a) return a;
  if (auto c = tx.Commit(); !c) return c;
  return store->RunCorpusChecks({body});  // the kind and the deadline decide D1
}

Result<void> RemoveBody(Store* store, int64_t body, std::string_view actor) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  auto b = RegisteredBody(*registered, body);
  if (!b) return tl::unexpected(b.error());
  Transaction tx(db);
  if (auto t = tx.Begin(); !t) return t;
  if (auto u = db->Query("UPDATE agencies SET parent_id = ? WHERE parent_id = ?", {(*b)->parent_id ? SqlValue(*(*b)->parent_id) : SqlValue(), body}); !u) {
    return tl::unexpected(u.error());
  }
  if (auto u = db->Query("UPDATE agencies SET rostered = 0, parent_id = NULL, aggregates = 0 WHERE id = ?", {body}); !u) {
    return tl::unexpected(u.error());
  }
  if (auto a = AppendAudit(store, actor, "registry.remove", (*b)->name, "移出名录（报告保留）"); !a) return a;
  return tx.Commit();
}

Result<void> AddRegistryAlias(Store* store, int64_t body, std::string_view alias, std::string_view actor) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  auto b = RegisteredBody(*registered, body);
  if (!b) return tl::unexpected(b.error());
  auto other = store->LookupAgency(alias);
  if (!other) return tl::unexpected(other.error());
  if (*other && **other != body && registered->count(**other)) {
    return MakeError(ErrorCode::kInvalidArgument, "“" + ToValidUtf8(alias) + "”已是名录中“" + registered->at(**other).name + "”的名称或别名");
  }
  Transaction tx(db);
  if (auto t = tx.Begin(); !t) return t;
  if (auto a = store->AddAliasIn(alias, body); !a) return a;
  if (auto a = AppendAudit(store, actor, "registry.alias", (*b)->name, "别名：" + ToValidUtf8(alias)); !a) return a;
  if (auto c = tx.Commit(); !c) return c;
  return store->RunCorpusChecks({body});
}

Result<json> RegistryRollup(Store* store, int year, std::optional<int64_t> only) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  if (only && !registered->count(*only)) return MakeError(ErrorCode::kInvalidArgument, "编号为 " + std::to_string(*only) + " 的机关不在名录中");
  // The current report of each registered body for the year: its format and tables.
  struct Stored {
    int64_t report_id;
    std::string format;
    json report;  // {"tables": …}
  };
  std::unordered_map<int64_t, Stored> stored;
  auto rows = db->Query("SELECT r.agency_id, r.id, r.format, t.json FROM reports r JOIN report_texts t ON t.report_id = r.id "
                        "JOIN agencies a ON a.id = r.agency_id WHERE a.rostered = 1 AND r.current = 1 AND r.year = ? AND "
                        "(a.aggregates = 1 OR a.parent_id IN (SELECT id FROM agencies WHERE aggregates = 1) OR a.id = ? OR a.parent_id = ?)",
                        {year, only ? SqlValue(*only) : SqlValue(), only ? SqlValue(*only) : SqlValue()});
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& r : *rows) {
    stored[r[0].AsInt()] = {r[1].AsInt(), r[2].AsText(), json{{"tables", TablesOfReportJson(r[3].AsText())}}};
  }
  std::map<int64_t, std::vector<const Registered*>> children;
  for (const auto& [id, g] : *registered) {
    if (g.parent_id) children[*g.parent_id].push_back(&g);
  }
  json out = json::array();
  for (const auto& [id, g] : *registered) {
    if (only ? id != *only : !g.aggregates) continue;
    json entry = {{"agency_id", id}, {"name", g.name}};
    auto mine = stored.find(id);
    entry["report_id"] = mine == stored.end() ? json() : json(mine->second.report_id);
    json kids = json::array(), missing = json::array();
    std::vector<std::pair<const Registered*, const Stored*>> with_reports;
    auto list = children[id];
    std::sort(list.begin(), list.end(), [](const Registered* a, const Registered* b) { return a->name < b->name; });
    for (const Registered* k : list) {
      auto it = stored.find(k->id);
      kids.push_back({{"agency_id", k->id}, {"name", k->name}, {"report_id", it == stored.end() ? json() : json(it->second.report_id)}});
      if (it == stored.end()) {
        missing.push_back(k->name);
      } else {
        with_reports.emplace_back(k, &it->second);
      }
    }
    entry["children"] = std::move(kids);
    entry["missing"] = std::move(missing);
    json differences = json::array();
    size_t compared = 0;
    const FormatSpec* f = mine == stored.end() ? nullptr : FindFormat(mine->second.format);
    if (!f || !f->has_tables) {
      entry["why"] = mine == stored.end() ? "本级没有本年度报告" : "本级报告的格式没有统计表";
    } else if (with_reports.empty()) {
      entry["why"] = "下级机关都没有本年度报告";
    } else {
      json skipped = json::array();
      for (const auto& [k, s] : with_reports) {
        if (s->format != mine->second.format) skipped.push_back(k->name);
      }
      if (!skipped.empty()) entry["skipped"] = std::move(skipped);  // another format: not summed
      for (int t = 1; t < kTableCount; ++t) {  // tables 3 and 4
        for (int i = f->table_begin[t]; i < f->table_end[t]; ++i) {
          const CellDef& cell = f->cells[i];
          const json* own = FindCell(mine->second.report, cell);
          if (!own || !own->is_number()) continue;
          double sum = 0;
          bool complete = true;
          json parts = json::array();
          for (const auto& [k, s] : with_reports) {
            if (s->format != mine->second.format) continue;
            const json* v = FindCell(s->report, cell);
            if (!v || !v->is_number()) {
              complete = false;
              continue;
            }
            sum += v->get<double>();
            if (v->get<double>() != 0) parts.push_back({{"name", k->name}, {"value", *v}});
          }
          if (!complete) continue;  // a child's cell is empty: no sum to compare
          ++compared;
          const double diff = own->get<double>() - sum;
          if (std::fabs(diff) < 1e-9) continue;
          differences.push_back({{"cell", cell.id}, {"label", cell.label}, {"parent", *own}, {"children_sum", sum}, {"difference", diff},
                                 {"parts", std::move(parts)}});
        }
      }
    }
    entry["cells_compared"] = compared;
    entry["differences"] = std::move(differences);
    out.push_back(std::move(entry));
  }
  return out;
}

Result<json> UnmatchedBodies(Store* store) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  json out = json::array();
  if (registered->empty()) return out;
  auto rows = db->Query(
      "SELECT a.id, a.name, a.region, r.year, COUNT(*) FROM agencies a JOIN reports r ON r.agency_id = a.id "
      "WHERE a.rostered = 0 GROUP BY a.id, a.name, a.region, r.year ORDER BY a.region, a.name, a.id, r.year");
  if (!rows) return tl::unexpected(rows.error());
  // Suggestions: registered bodies of the same region first, then by the share of code points in common.
  auto similarity = [](const std::string& a, const std::string& b) {
    std::multiset<char32_t> pa;
    size_t pos = 0;
    while (pos < a.size()) pa.insert(NextCodePoint(a, &pos));
    size_t common = 0, total = pa.size();
    pos = 0;
    size_t nb = 0;
    while (pos < b.size()) {
      char32_t cp = NextCodePoint(b, &pos);
      ++nb;
      auto it = pa.find(cp);
      if (it != pa.end()) {
        ++common;
        pa.erase(it);
      }
    }
    return static_cast<double>(common) / static_cast<double>(std::max<size_t>(1, std::max(total, nb)));
  };
  for (size_t i = 0; i < rows->size();) {
    const int64_t id = (*rows)[i][0].AsInt();
    json body = {{"agency_id", id}, {"name", (*rows)[i][1].AsText()}, {"region", (*rows)[i][2].null() ? json() : json((*rows)[i][2].AsText())}};
    json years = json::array();
    int64_t n = 0;
    for (; i < rows->size() && (*rows)[i][0].AsInt() == id; ++i) {
      if (!(*rows)[i][3].null()) years.push_back((*rows)[i][3].AsInt());
      n += (*rows)[i][4].AsInt();
    }
    body["years"] = std::move(years);
    body["reports"] = n;
    const std::string name = body["name"].get<std::string>();
    const std::string region = body["region"].is_string() ? body["region"].get<std::string>() : "";
    std::vector<std::pair<double, const Registered*>> scored;
    for (const auto& [rid, g] : *registered) {
      const bool same_region = !region.empty() && g.region == region;
      const double s = similarity(name, g.name);
      if (same_region || s >= 0.6) scored.emplace_back(s + (same_region ? 1.0 : 0.0), &g);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second->name < b.second->name;
    });
    json suggestions = json::array();
    for (size_t k = 0; k < scored.size() && k < 5; ++k) suggestions.push_back({{"id", scored[k].second->id}, {"name", scored[k].second->name}});
    body["suggestions"] = std::move(suggestions);
    out.push_back(std::move(body));
  }
  return out;
}

Result<void> MatchBody(Store* store, int64_t from, int64_t to, std::string_view actor) {
  Db* db = store->db();
  auto registered = LoadRegistered(db);
  if (!registered) return tl::unexpected(registered.error());
  auto target = RegisteredBody(*registered, to);
  if (!target) return tl::unexpected(target.error());
  if (registered->count(from)) return MakeError(ErrorCode::kInvalidArgument, "“" + registered->at(from).name + "”本身在名录中，无需认领");
  auto name = db->QueryValue("SELECT name FROM agencies WHERE id = ?", {from});
  if (!name) return tl::unexpected(name.error());
  if (name->null()) return MakeError(ErrorCode::kInvalidArgument, "没有编号为 " + std::to_string(from) + " 的机关");
  Transaction tx(db);
  if (auto t = tx.Begin(); !t) return t;
  if (auto a = store->AddAliasIn(name->AsText(), to); !a) return a;
  if (auto a = AppendAudit(store, actor, "registry.match", name->AsText(), "认定为名录中的“" + (*target)->name + "”"); !a) return a;
  if (auto c = tx.Commit(); !c) return c;
  return store->RunCorpusChecks({to});
}

}  // namespace xxgk::store
