#include "store/accounts.h"

#include <sodium.h>

#include <ctime>

#include "core/clock.h"
#include "core/sha256.h"
#include "core/normalize.h"
#include "core/utf8.h"
#include "store/registry.h"

namespace xxgk::store {
namespace {

constexpr size_t kMinPassword = 10;     // characters
constexpr size_t kMaxPassword = 1024;   // bytes

bool ValidName(std::string_view name) {
  if (name.size() < 3 || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<Scope>> ScopesOf(Db* db, int64_t user) {
  auto rows = db->Query(
      "SELECT s.kind, s.value, g.name FROM account_scopes s LEFT JOIN agencies g ON s.kind IN ('agency', 'subtree') AND "
      "CAST(g.id AS TEXT) = s.value WHERE s.account_id = ? ORDER BY s.kind, s.value",
      {user});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Scope> out;
  for (const auto& r : *rows) out.push_back({r[0].AsText(), r[1].AsText(), r[2].null() ? "" : r[2].AsText()});
  return out;
}

const char* kAccountColumns =
    "SELECT u.id, u.name, u.display_name, u.role, u.agency_id, a.name, u.disabled, u.failed_logins, u.locked_until, "
    "u.created_at, u.password_changed_at FROM accounts u LEFT JOIN agencies a ON a.id = u.agency_id ";

Result<Account> AccountFromRow(Db* db, const SqlRow& r) {
  Account a;
  a.id = r[0].AsInt();
  a.name = r[1].AsText();
  a.display_name = r[2].AsText();
  a.role = ParseRole(r[3].AsText()).value_or(Role::kOfficer);
  if (!r[4].null()) a.agency_id = r[4].AsInt();
  if (!r[5].null()) a.agency_name = r[5].AsText();
  a.disabled = r[6].AsInt() != 0;
  a.failed_logins = static_cast<int>(r[7].AsInt());
  if (!r[8].null()) a.locked_until = r[8].AsText();
  a.created_at = r[9].AsText();
  a.password_changed_at = r[10].AsText();
  auto scopes = ScopesOf(db, a.id);
  if (!scopes) return tl::unexpected(scopes.error());
  a.scopes = std::move(*scopes);
  return a;
}

Result<void> Append(Db* db, std::string_view actor, std::string_view action, std::string_view target,
                    std::string_view detail) {
  auto r = db->Query("INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                     {NowIsoUtc(), std::string(actor), std::string(action), std::string(target), std::string(detail)});
  if (!r) return tl::unexpected(r.error());
  return {};
}

Result<int64_t> AccountId(Db* db, std::string_view name) {
  auto id = db->QueryValue("SELECT id FROM accounts WHERE name = ?", {std::string(name)});
  if (!id) return tl::unexpected(id.error());
  if (id->null()) return MakeError(ErrorCode::kInvalidArgument, "没有名为“" + ToValidUtf8(name) + "”的账号");
  return id->AsInt();
}

Result<void> ValidScopes(const std::vector<Scope>& scopes) {
  if (scopes.empty()) return MakeError(ErrorCode::kInvalidArgument, "审核人账号须指定审核范围（地区或机关）");
  for (const Scope& s : scopes) {
    if ((s.kind != "region" && s.kind != "agency" && s.kind != "subtree") || s.value.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "审核范围只能是地区或机关");
    }
  }
  return {};
}

Result<void> InsertScopes(Db* db, int64_t account_id, const std::vector<Scope>& scopes) {
  for (const Scope& s : scopes) {
    auto sc = db->Query("INSERT INTO account_scopes (account_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        {account_id, s.kind, s.value});
    if (!sc) return tl::unexpected(sc.error());
  }
  return {};
}

}  // namespace

nlohmann::json AccountJson(const Account& a) {
  nlohmann::json scopes = nlohmann::json::array();
  for (const auto& s : a.scopes) {
    scopes.push_back({{"kind", s.kind}, {"value", s.value}});
    if (!s.name.empty()) scopes.back()["name"] = s.name;
  }
  return {{"name", a.name},
          {"display_name", a.display_name},
          {"role", RoleName(a.role)},
          {"role_zh", RoleChinese(a.role)},
          {"agency", a.agency_id ? nlohmann::json(a.agency_name) : nlohmann::json()},
          {"scopes", std::move(scopes)},
          {"disabled", a.disabled},
          {"locked_until", a.locked_until ? nlohmann::json(*a.locked_until) : nlohmann::json()},
          {"created_at", a.created_at}};
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kOfficer: return "officer";
    case Role::kReviewer: return "reviewer";
    case Role::kAdmin: return "admin";
  }
  return "officer";
}

const char* RoleChinese(Role role) {
  switch (role) {
    case Role::kOfficer: return "填报单位";
    case Role::kReviewer: return "审核人";
    case Role::kAdmin: return "管理员";
  }
  return "填报单位";
}

std::optional<Role> ParseRole(std::string_view text) {
  std::string t = Normalize(text);
  if (t == "officer" || t == "填报单位" || t == "填报") return Role::kOfficer;
  if (t == "reviewer" || t == "审核人" || t == "审核") return Role::kReviewer;
  if (t == "admin" || t == "管理员") return Role::kAdmin;
  return std::nullopt;
}

Result<std::string> HashPassword(std::string_view password) {
  if (CodePointCount(password) < kMinPassword) {
    return MakeError(ErrorCode::kInvalidArgument, "密码太短：至少 " + std::to_string(kMinPassword) + " 个字符");
  }
  if (password.size() > kMaxPassword) return MakeError(ErrorCode::kInvalidArgument, "密码太长");
  if (sodium_init() < 0) return MakeError(ErrorCode::kIoError, "密码库无法初始化");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return MakeError(ErrorCode::kIoError, "计算密码散列时内存不足");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPassword) return false;
  if (sodium_init() < 0) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  hash.copy(stored, hash.size());
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

Result<Account> AddAccount(Store* store, const NewAccount& n, std::string_view actor) {
  if (!ValidName(n.name)) {
    return MakeError(ErrorCode::kInvalidArgument, "账号名只能用字母、数字和 . _ -，长 3–64 个字符");
  }
  if (n.role == Role::kOfficer && n.agency.empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "填报单位账号须指定所属机关");
  }
  if (n.role == Role::kReviewer) {
    if (auto ok = ValidScopes(n.scopes); !ok) return tl::unexpected(ok.error());
  }
  auto hash = HashPassword(n.password);
  if (!hash) return tl::unexpected(hash.error());
  Db* db = store->db();
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  auto taken = db->QueryValue("SELECT COUNT(*) FROM accounts WHERE name = ?", {n.name});
  if (!taken) return tl::unexpected(taken.error());
  if (taken->AsInt() > 0) return MakeError(ErrorCode::kInvalidArgument, "账号名“" + n.name + "”已被使用");
  SqlValue agency;
  if (n.role == Role::kOfficer) {
    auto id = store->ResolveAgency(n.agency);
    if (!id) return tl::unexpected(id.error());
    agency = SqlValue(*id);
  }
  const std::string now = NowIsoUtc();
  auto ins = db->Query(
      "INSERT INTO accounts (name, display_name, role, agency_id, password_hash, created_at, password_changed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {n.name, n.display_name.empty() ? n.name : n.display_name, std::string(RoleName(n.role)), agency, *hash, now, now});
  if (!ins) return tl::unexpected(ins.error());
  auto id = AccountId(db, n.name);
  if (!id) return tl::unexpected(id.error());
  if (auto sc = InsertScopes(db, *id, n.scopes); !sc) return tl::unexpected(sc.error());
  if (auto a = Append(db, actor, "account.add", n.name, RoleChinese(n.role)); !a) return tl::unexpected(a.error());
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  auto found = FindAccount(store, n.name);
  if (!found) return tl::unexpected(found.error());
  return std::move(**found);
}

Result<std::vector<Account>> ListAccounts(Store* store) {
  auto rows = store->db()->Query(std::string(kAccountColumns) + "ORDER BY u.name");
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Account> out;
  for (const auto& r : *rows) {
    auto a = AccountFromRow(store->db(), r);
    if (!a) return tl::unexpected(a.error());
    out.push_back(std::move(*a));
  }
  return out;
}

Result<std::optional<Account>> FindAccount(Store* store, std::string_view name) {
  auto rows = store->db()->Query(std::string(kAccountColumns) + "WHERE u.name = ?", {std::string(name)});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Account>();
  auto a = AccountFromRow(store->db(), rows->front());
  if (!a) return tl::unexpected(a.error());
  return std::optional<Account>(std::move(*a));
}

Result<void> SetAccountDisabled(Store* store, std::string_view name, bool disabled, std::string_view actor) {
  Db* db = store->db();
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return b;
  auto id = AccountId(db, name);
  if (!id) return tl::unexpected(id.error());
  if (auto u = db->Query("UPDATE accounts SET disabled = ? WHERE id = ?", {int64_t{disabled ? 1 : 0}, *id}); !u) {
    return tl::unexpected(u.error());
  }
  if (disabled) {
    if (auto d = db->Query("DELETE FROM sessions WHERE account_id = ?", {*id}); !d) return tl::unexpected(d.error());
  }
  if (auto a = Append(db, actor, disabled ? "account.disable" : "account.enable", name, {}); !a) return a;
  return tx.Commit();
}

Result<void> SetAccountPassword(Store* store, std::string_view name, std::string_view password, std::string_view actor) {
  auto hash = HashPassword(password);
  if (!hash) return tl::unexpected(hash.error());
  Db* db = store->db();
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return b;
  auto id = AccountId(db, name);
  if (!id) return tl::unexpected(id.error());
  auto u = db->Query(
      "UPDATE accounts SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE id = ?",
      {*hash, NowIsoUtc(), *id});
  if (!u) return tl::unexpected(u.error());
  if (auto d = db->Query("DELETE FROM sessions WHERE account_id = ?", {*id}); !d) return tl::unexpected(d.error());
  if (auto a = Append(db, actor, "account.password", name, {}); !a) return a;
  return tx.Commit();
}

Result<Account> SetAccountScope(Store* store, std::string_view name, const ScopeChange& change, std::string_view actor) {
  auto found = FindAccount(store, name);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return MakeError(ErrorCode::kInvalidArgument, "没有名为“" + ToValidUtf8(name) + "”的账号");
  const Account& a = **found;
  Db* db = store->db();
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  std::string detail;
  switch (a.role) {
    case Role::kAdmin:
      return MakeError(ErrorCode::kInvalidArgument, "管理员账号不受范围限制，无需设置范围");
    case Role::kOfficer: {
      if (change.agency.empty()) return MakeError(ErrorCode::kInvalidArgument, "填报单位账号须指定所属机关");
      auto id = store->ResolveAgency(change.agency);
      if (!id) return tl::unexpected(id.error());
      if (auto u = db->Query("UPDATE accounts SET agency_id = ? WHERE id = ?", {*id, a.id}); !u) return tl::unexpected(u.error());
      detail = "所属机关：" + change.agency;
      break;
    }
    case Role::kReviewer: {
      std::vector<Scope> scopes;
      for (const std::string& r : change.regions) {
        if (!r.empty()) scopes.push_back({"region", r});
      }
      for (const std::string& body : change.bodies) {
        auto id = store->LookupAgency(body);
        if (!id) return tl::unexpected(id.error());
        if (!*id) return MakeError(ErrorCode::kInvalidArgument, "年报库中没有名为“" + ToValidUtf8(body) + "”的机关");
        scopes.push_back({"agency", std::to_string(**id)});
      }
      for (const std::string& body : change.subtrees) {
        auto id = FindRegistered(store, body);
        if (!id) return tl::unexpected(id.error());
        if (!*id) return MakeError(ErrorCode::kInvalidArgument, "名录中没有“" + ToValidUtf8(body) + "”");
        scopes.push_back({"subtree", std::to_string(**id)});
      }
      if (auto ok = ValidScopes(scopes); !ok) return tl::unexpected(ok.error());
      if (auto d = db->Query("DELETE FROM account_scopes WHERE account_id = ?", {a.id}); !d) return tl::unexpected(d.error());
      if (auto sc = InsertScopes(db, a.id, scopes); !sc) return tl::unexpected(sc.error());
      for (const std::string& r : change.regions) detail += (detail.empty() ? "地区：" : "、") + r;
      for (const std::string& b : change.bodies) detail += (detail.empty() ? "" : "；") + std::string("机关：") + b;
      for (const std::string& b : change.subtrees) detail += (detail.empty() ? "" : "；") + std::string("机关及下级：") + b;
      break;
    }
  }
  if (auto au = Append(db, actor, "account.scope", a.name, detail); !au) return tl::unexpected(au.error());
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  auto again = FindAccount(store, name);
  if (!again) return tl::unexpected(again.error());
  return std::move(**again);
}

std::string AddMinutesIso(const std::string& iso, int64_t minutes) {
  std::tm tm{};
  if (iso.size() < 19 || std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return iso;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t t = timegm(&tm) + static_cast<std::time_t>(minutes) * 60;
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return buf;
}

namespace {

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

Result<std::string> PasswordHashOf(Db* db, int64_t account) {
  auto h = db->QueryValue("SELECT password_hash FROM accounts WHERE id = ?", {account});
  if (!h) return tl::unexpected(h.error());
  return h->AsText();
}

}  // namespace

Result<bool> HasEnabledAccounts(Store* store) {
  auto n = store->db()->QueryValue("SELECT COUNT(*) FROM accounts WHERE disabled = 0");
  if (!n) return tl::unexpected(n.error());
  return n->AsInt() > 0;
}

Result<SignedIn> SignIn(Store* store, std::string_view name, std::string_view password, std::string_view address,
                        const std::string& now) {
  if (sodium_init() < 0) return MakeError(ErrorCode::kIoError, "密码库无法初始化");
  Db* db = store->db();
  auto found = FindAccount(store, name);
  if (!found) return tl::unexpected(found.error());
  const std::string who = ToValidUtf8(name.substr(0, 64));
  auto refuse = [&](const std::string& why, const std::string& message) -> Result<SignedIn> {
    if (auto a = Append(db, who, "session.refused", who, why + "（" + std::string(address) + "）"); !a) return tl::unexpected(a.error());
    return MakeError(ErrorCode::kInvalidArgument, message);
  };
  if (!*found) {
    // The same work as a real check, so the answer's timing does not tell which names exist.
    (void)VerifyPassword("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", password);
    return refuse("没有这个账号", "账号或密码不对");
  }
  const Account& a = **found;
  if (a.locked_until && now < *a.locked_until) {
    return refuse("账号已锁定", "账号已锁定（连续输错密码），请 " + std::to_string(kLockMinutes) + " 分钟后再试，或请管理员重设密码");
  }
  auto hash = PasswordHashOf(db, a.id);
  if (!hash) return tl::unexpected(hash.error());
  if (a.disabled || !VerifyPassword(*hash, password)) {
    const int failures = a.failed_logins + 1;
    SqlValue lock = failures >= kMaxFailures ? SqlValue(AddMinutesIso(now, kLockMinutes)) : SqlValue();
    auto u = db->Query("UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE id = ?",
                       {int64_t{failures >= kMaxFailures ? 0 : failures}, lock, a.id});
    if (!u) return tl::unexpected(u.error());
    return refuse(a.disabled ? "账号已停用" : "密码错误", "账号或密码不对");
  }
  SignedIn out;
  out.token = RandomHex(32);
  out.session.account = a;
  out.session.csrf = RandomHex(24);
  out.session.created_at = now;
  Transaction tx(db);
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  auto u = db->Query("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?", {a.id});
  if (!u) return tl::unexpected(u.error());
  auto ins = db->Query("INSERT INTO sessions (token_hash, account_id, csrf, created_at, last_seen, address) VALUES (?, ?, ?, ?, ?, ?)",
                       {Sha256Hex(out.token), a.id, out.session.csrf, now, now, std::string(address)});
  if (!ins) return tl::unexpected(ins.error());
  if (auto au = Append(db, a.name, "session.signin", a.name, std::string(address)); !au) return tl::unexpected(au.error());
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  out.session.account.failed_logins = 0;
  out.session.account.locked_until.reset();
  return out;
}

Result<std::optional<Session>> FindSession(Store* store, std::string_view token, const std::string& now) {
  if (token.size() != 64) return std::optional<Session>();
  Db* db = store->db();
  const std::string key = Sha256Hex(token);
  auto rows = db->Query("SELECT s.csrf, s.created_at, s.last_seen, u.name FROM sessions s JOIN accounts u ON u.id = s.account_id "
                        "WHERE s.token_hash = ? AND u.disabled = 0", {key});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Session>();
  const auto& r = rows->front();
  const std::string created = r[1].AsText(), last = r[2].AsText();
  if (now >= AddMinutesIso(last, kIdleMinutes) || now >= AddMinutesIso(created, int64_t{kAbsoluteHours} * 60)) {
    if (auto d = db->Query("DELETE FROM sessions WHERE token_hash = ?", {key}); !d) return tl::unexpected(d.error());
    return std::optional<Session>();
  }
  auto account = FindAccount(store, r[3].AsText());
  if (!account) return tl::unexpected(account.error());
  if (!*account) return std::optional<Session>();
  if (now >= AddMinutesIso(last, 1)) {  // idle time refreshed at most once a minute
    if (auto u = db->Query("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", {now, key}); !u) return tl::unexpected(u.error());
  }
  return std::optional<Session>(Session{std::move(**account), r[0].AsText(), created});
}

Result<void> EndSession(Store* store, std::string_view token) {
  if (token.size() != 64) return {};
  auto d = store->db()->Query("DELETE FROM sessions WHERE token_hash = ?", {Sha256Hex(token)});
  if (!d) return tl::unexpected(d.error());
  return {};
}

const char* AuditActionChinese(std::string_view action) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"account.add", "添加账号"},   {"account.disable", "停用账号"}, {"account.enable", "启用账号"},
      {"account.password", "修改密码"}, {"session.signin", "登录"},     {"session.refused", "登录被拒"},
      {"account.scope", "修改范围"}, {"report.store", "存入报告"},   {"report.replace", "上传新版本"},
      {"report.delete", "删除报告"},  {"registry.import", "导入名录"}, {"registry.move", "调整上级机关"},
      {"registry.alias", "添加别名"}, {"registry.edit", "修改名录"}, {"registry.remove", "移出名录"}, {"registry.match", "认领报告"},
      {"ledger.import", "导入台账"}, {"ledger.edit", "修改申请记录"}, {"ledger.delete", "删除申请记录"}, {"ledger.regulations", "导入规章和规范性文件"}, {"ledger.counts", "填写表二数据"},  {"corpus.ingest", "批量导入"}, {"corpus.recheck", "重新处理全库"},
  };
  for (const auto& [code, name] : kNames) {
    if (action == code) return name;
  }
  return "";
}

Result<void> AppendAudit(Store* store, std::string_view actor, std::string_view action, std::string_view target,
                         std::string_view detail) {
  return Append(store->db(), actor, action, target, detail);
}

Result<std::vector<AuditEntry>> ListAudit(Store* store, size_t limit) {
  auto rows = store->db()->Query("SELECT id, at, actor, action, target, detail FROM audit ORDER BY id DESC LIMIT ?",
                                 {static_cast<int64_t>(limit)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<AuditEntry> out;
  for (const auto& r : *rows) {
    out.push_back({r[0].AsInt(), r[1].AsText(), r[2].AsText(), r[3].AsText(), r[4].null() ? "" : r[4].AsText(),
                   r[5].null() ? "" : r[5].AsText()});
  }
  return out;
}

}  // namespace xxgk::store
