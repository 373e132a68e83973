// Sign-in, sessions and accounts for the JSON API (store/accounts.h has the policy and the storage):
// who may call which endpoint, as one table.
#include <nlohmann/json.hpp>

#include <chrono>

#include "core/clock.h"
#include "core/json_dump.h"
#include "core/utf8.h"
#include "server/api.h"
#include "store/registry.h"

namespace xxgk::server {
namespace {

using nlohmann::json;

// Who may call an endpoint in accounts mode.
enum class Need { kNone, kSession, kReviewer, kAdmin };  // kReviewer: a reviewer or the administrator

struct RouteAccess {
  const char* method;  // "" for any
  const char* path;
  bool prefix;         // path is a prefix (ids follow)
  Need need;
  const char* suffix = "";  // with a prefix: the path also ends so (/api/reports/{id}/delete)
};

// The access table. The library (reports, bodies, statistics, exports) is open to every signed-in account
// and scoped by Caller::Scope: an officer sees its body, a reviewer the bodies and regions in its charge.
// Coverage against a roster, failed documents, accounts and the audit are the administrator's. A path not
// listed needs a session.
const RouteAccess kAccess[] = {
    {"POST", "/api/login", false, Need::kNone},
    {"GET", "/api/session", false, Need::kNone},
    {"GET", "/api/rules", false, Need::kNone},
    {"GET", "/api/formats", false, Need::kNone},
    {"POST", "/api/logout", false, Need::kSession},
    {"POST", "/api/check", false, Need::kSession},
    {"GET", "/api/layout", false, Need::kSession},
    {"POST", "/api/render", false, Need::kSession},
    {"POST", "/api/export.xlsx", false, Need::kSession},
    {"GET", "/api/export.xlsx", false, Need::kSession},  // scoped (Caller::Scope)
    {"", "/api/reports", true, Need::kAdmin, "/delete"},
    {"POST", "/api/reports", true, Need::kReviewer, "/review"},  // and in the reviewer's scope
    {"POST", "/api/reports", true, Need::kReviewer, "/rectify"},
    {"", "/api/reports", true, Need::kSession},          // scoped
    {"GET", "/api/originals.zip", false, Need::kSession},  // scoped
    {"", "/api/agencies", true, Need::kSession},         // scoped
    {"", "/api/stats", false, Need::kSession},           // scoped
    {"POST", "/api/rectifications", true, Need::kReviewer, "/close"},
    {"GET", "/api/rectifications", false, Need::kSession},     // scoped
    {"GET", "/api/coverage", false, Need::kSession},           // scoped
    {"GET", "/api/coverage.xlsx", false, Need::kSession},      // scoped
    {"GET", "/api/indicators", false, Need::kSession},         // scoped
    {"GET", "/api/scores", false, Need::kSession},             // scoped
    {"GET", "/api/notice", false, Need::kSession},             // scoped
    {"GET", "/api/rollup", false, Need::kSession},             // scoped
    {"GET", "/api/registry", false, Need::kSession},           // scoped
    {"GET", "/api/registry/unmatched", false, Need::kAdmin},
    {"", "/api/registry", true, Need::kAdmin},                 // import, move, alias, match
    {"", "/api/register", true, Need::kSession},               // an officer's own body, a reviewer reads its scope
    {"", "/api/missing", false, Need::kAdmin},
    {"", "/api/failed", false, Need::kAdmin},
    {"", "/api/users", true, Need::kAdmin},
    {"", "/api/audit", false, Need::kAdmin},
};

Need NeedOf(const ApiRequest& r) {
  for (const RouteAccess& a : kAccess) {
    if (*a.method && r.method != a.method) continue;
    const std::string_view path = a.path;
    const std::string_view suffix = a.suffix;
    const bool under = a.prefix && r.path.size() > path.size() + suffix.size() && r.path.compare(0, path.size(), path) == 0 &&
                       r.path[path.size()] == '/' && r.path.compare(r.path.size() - suffix.size(), suffix.size(), suffix) == 0;
    if ((r.path == path && suffix.empty()) || under) return a.need;
  }
  return Need::kSession;
}


std::string Cookie(const std::string& value, int max_age, bool secure) {
  return "xxgk_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

std::string StringField(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The strings of an array field (others ignored); empty when absent.
std::vector<std::string> StringList(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object() || !j.contains(key) || !j[key].is_array()) return out;
  for (const auto& v : j[key]) {
    if (v.is_string() && !v.get_ref<const std::string&>().empty()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::optional<store::AccessScope> Api::Caller::Scope() const {
  if (Admin()) return std::nullopt;
  store::AccessScope scope;
  if (!session) return scope;  // nothing
  const store::Account& a = session->account;
  if (a.role == store::Role::kOfficer && a.agency_id) scope.agencies.push_back(*a.agency_id);
  for (const store::Scope& s : a.scopes) {
    int64_t id = 0;
    if (s.kind == "agency" && ParseInt(s.value, &id)) scope.agencies.push_back(id);
    if (s.kind == "region") scope.region_prefixes.push_back(s.value);
  }
  scope.agencies.insert(scope.agencies.end(), subtree.begin(), subtree.end());
  return scope;
}

std::optional<ApiResponse> Api::Gate(const ApiRequest& r, Caller* caller) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  if (!r.session_token.empty()) {
    auto s = store::FindSession(lease->get(), r.session_token, NowIsoUtc());
    if (!s) return FromError(s.error());
    caller->session = std::move(*s);
  }
  // A live session belongs to an enabled account, so only a request without one asks whether any exists.
  if (caller->session) {
    caller->accounts = true;
    // A reviewer's registry subtrees, as the bodies in them now (the registry may have moved since).
    for (const store::Scope& s : caller->session->account.scopes) {
      int64_t root = 0;
      if (s.kind != "subtree" || !ParseInt(s.value, &root)) continue;
      auto below = store::Subtree(lease->get(), root);
      if (!below) return FromError(below.error());
      caller->subtree.insert(caller->subtree.end(), below->begin(), below->end());
    }
  } else {
    auto accounts = store::HasEnabledAccounts(lease->get());
    if (!accounts) return FromError(accounts.error());
    caller->accounts = *accounts;
    if (!caller->accounts) return std::nullopt;  // single-user mode (serve keeps it on loopback)
  }
  const Need need = NeedOf(r);
  if (need == Need::kNone) return std::nullopt;
  if (!caller->session) return ErrorResponse(401, "unauthenticated", "请先登录（会话不存在或已过期）");
  if (r.method != "GET" && r.method != "HEAD" && r.csrf_token != caller->session->csrf) {
    return ErrorResponse(403, "csrf", "请求缺少有效的防伪令牌（X-CSRF-Token），请刷新页面后重试");
  }
  if (need == Need::kReviewer && !caller->Admin() && caller->session->account.role != store::Role::kReviewer) {
    return ErrorResponse(403, "forbidden", std::string("“") + store::RoleChinese(caller->session->account.role) +
                                               "”账号不能审核");
  }
  if (need == Need::kAdmin && !caller->Admin()) {
    return ErrorResponse(403, "forbidden", std::string("“") + store::RoleChinese(caller->session->account.role) +
                                               "”账号不能使用这项功能");
  }
  return std::nullopt;
}

bool Api::LoginAllowed(const std::string& address) {
  // A sliding minute: at most kPerMinute attempts in any 60 seconds.
  constexpr size_t kPerMinute = 10;
  constexpr int64_t kWindowMs = 60000;
  const int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::lock_guard<std::mutex> lock(login_mu_);
  if (login_attempts_.size() > 100000) login_attempts_.clear();  // bounded: a flood of addresses forgets them all
  auto& attempts = login_attempts_[address];
  while (!attempts.empty() && now - attempts.front() >= kWindowMs) attempts.pop_front();
  if (attempts.size() >= kPerMinute) return false;
  attempts.push_back(now);
  return true;
}

ApiResponse Api::Login(const ApiRequest& r) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto accounts = store::HasEnabledAccounts(lease->get());
  if (!accounts) return FromError(accounts.error());
  if (!*accounts) return ErrorResponse(400, "single_user", "本服务器没有账号（单用户模式），无需登录");
  if (!LoginAllowed(r.address)) {
    ApiResponse slow = ErrorResponse(429, "too_many_attempts", "登录尝试过于频繁，请一分钟后再试");
    slow.retry_after = 60;
    return slow;
  }
  json body = json::parse(r.body, nullptr, false);
  const std::string name = StringField(body, "name"), password = StringField(body, "password");
  if (name.empty() || password.empty()) return ErrorResponse(400, "invalid_argument", "请填写账号和密码");
  auto in = store::SignIn(lease->get(), name, password, r.address, NowIsoUtc());
  if (!in) return ErrorResponse(401, "unauthenticated", in.error().message);
  ApiResponse res = JsonResponse({{"account", store::AccountJson(in->session.account)}, {"csrf", in->session.csrf}});
  res.set_cookies.push_back(Cookie(in->token, store::kAbsoluteHours * 3600, r.secure));
  return res;
}

ApiResponse Api::Logout(const ApiRequest& r) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  if (auto e = store::EndSession(lease->get(), r.session_token); !e) return FromError(e.error());
  ApiResponse res = JsonResponse({{"signed_out", true}});
  res.set_cookies.push_back(Cookie("", 0, r.secure));
  return res;
}

ApiResponse Api::SessionInfo(const Caller& c) {
  if (!c.accounts) return JsonResponse({{"mode", "single"}});
  if (!c.session) return ErrorResponse(401, "unauthenticated", "请先登录");
  return JsonResponse({{"mode", "accounts"}, {"account", store::AccountJson(c.session->account)}, {"csrf", c.session->csrf}});
}

ApiResponse Api::Users(const ApiRequest& r, const Caller& c) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  const std::string actor = c.session ? c.session->account.name : "单用户";
  if (r.method == "GET" && r.path == "/api/users") {
    auto all = store::ListAccounts(lease->get());
    if (!all) return FromError(all.error());
    json list = json::array();
    for (const auto& a : *all) list.push_back(store::AccountJson(a));
    return JsonResponse({{"accounts", std::move(list)}});
  }
  if (r.method != "POST") return ErrorResponse(405, "method_not_allowed", "请用 POST 修改账号");
  json body = json::parse(r.body, nullptr, false);
  if (r.path == "/api/users") {
    store::NewAccount n;
    n.name = StringField(body, "name");
    n.display_name = StringField(body, "display_name");
    auto role = store::ParseRole(StringField(body, "role"));
    if (!role) return ErrorResponse(400, "invalid_argument", "角色只能是填报单位、审核人或管理员");
    n.role = *role;
    n.agency = StringField(body, "agency");
    for (std::string& region : StringList(body, "regions")) n.scopes.push_back({"region", std::move(region)});
    for (const std::string& b : StringList(body, "bodies")) {
      auto known = (*lease)->LookupAgency(b);
      if (!known) return FromError(known.error());
      if (!*known) return ErrorResponse(400, "invalid_argument", "年报库中没有名为“" + ToValidUtf8(b) + "”的机关");
      n.scopes.push_back({"agency", std::to_string(**known)});
    }
    for (const std::string& b : StringList(body, "subtrees")) {
      auto known = store::FindRegistered(lease->get(), b);
      if (!known) return FromError(known.error());
      if (!*known) return ErrorResponse(400, "invalid_argument", "名录中没有“" + ToValidUtf8(b) + "”");
      n.scopes.push_back({"subtree", std::to_string(**known)});
    }
    n.password = StringField(body, "password");
    auto added = store::AddAccount(lease->get(), n, actor);
    if (!added) return FromError(added.error());
    return JsonResponse({{"account", store::AccountJson(*added)}}, 201);
  }
  // /api/users/NAME/disable | enable | password | scope
  const std::string rest = r.path.substr(std::string("/api/users/").size());
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return ErrorResponse(404, "not_found", "没有这个接口");
  const std::string name = rest.substr(0, slash), what = rest.substr(slash + 1);
  Result<void> done;
  if (what == "disable" || what == "enable") {
    if (what == "disable" && c.session && c.session->account.name == name) {
      return ErrorResponse(400, "invalid_argument", "不能停用自己的账号");
    }
    done = store::SetAccountDisabled(lease->get(), name, what == "disable", actor);
  } else if (what == "password") {
    done = store::SetAccountPassword(lease->get(), name, StringField(body, "password"), actor);
  } else if (what == "scope") {
    store::ScopeChange change;
    change.agency = StringField(body, "agency");
    change.regions = StringList(body, "regions");
    change.bodies = StringList(body, "bodies");
    change.subtrees = StringList(body, "subtrees");
    auto changed = store::SetAccountScope(lease->get(), name, change, actor);
    if (!changed) return FromError(changed.error());
    return JsonResponse({{"account", store::AccountJson(*changed)}});
  } else {
    return ErrorResponse(404, "not_found", "没有这个接口");
  }
  if (!done) return FromError(done.error());
  return JsonResponse({{"ok", true}});
}

ApiResponse Api::Audit(const ApiRequest& r) {
  int64_t limit = 200;
  if (!r.Param("limit").empty() && (!ParseInt(r.Param("limit"), &limit) || limit < 1 || limit > 5000)) {
    return ErrorResponse(400, "invalid_argument", "条数应为 1 到 5000 之间的整数");
  }
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto rows = store::ListAudit(lease->get(), static_cast<size_t>(limit));
  if (!rows) return FromError(rows.error());
  if (r.Param("format") == "csv") {  // for the administrator's records: UTF-8 with a BOM, so Excel reads it
    auto field = [](const std::string& v) {
      std::string out = "\"";
      for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      return out + "\"";
    };
    ApiResponse csv;
    csv.content_type = "text/csv; charset=utf-8";
    csv.filename = "操作记录.csv";
    csv.body = "\xEF\xBB\xBF时间（UTC）,操作人,操作,对象,说明\r\n";
    for (const auto& e : *rows) {
      const char* zh = store::AuditActionChinese(e.action);
      csv.body += field(e.at) + "," + field(e.actor) + "," + field(*zh ? zh : e.action) + "," + field(e.target) + "," +
                  field(e.detail) + "\r\n";
    }
    return csv;
  }
  json list = json::array();
  for (const auto& e : *rows) {
    list.push_back({{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"action_zh", store::AuditActionChinese(e.action)}, {"target", e.target}, {"detail", e.detail}});
  }
  return JsonResponse({{"entries", std::move(list)}});
}

}  // namespace xxgk::server
