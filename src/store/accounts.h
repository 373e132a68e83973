// Accounts of a shared server: who may sign in, in which role, over which bodies, and the audit trail of what
// they changed. Passwords are kept only as Argon2id hashes (libsodium's crypto_pwhash_str).
//
// Roles (the Chinese names are what officers see):
//   officer  填报单位  checks, uploads and revises its own body's reports (agency_id) and sees its history;
//   reviewer 审核人    sees and reviews the bodies in its scope (regions, or bodies by id);
//   admin    管理员    manages accounts, scopes and the registry.
//
// Errors: kInvalidArgument for a bad name, role, password or an unknown account (the message says which);
// kDatabase for the store's own trouble. Every change is one transaction and leaves an audit row.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace xxgk::store {

enum class Role : uint8_t { kOfficer, kReviewer, kAdmin };
const char* RoleName(Role role);       // "officer", "reviewer", "admin"
const char* RoleChinese(Role role);    // "填报单位", "审核人", "管理员"
// Accepts the English names and the Chinese ones; nullopt otherwise.
std::optional<Role> ParseRole(std::string_view text);

// What a reviewer may see: bodies whose region starts with `value` (kind "region"), one body (kind
// "agency", value its id), or a registered body and everything below it in the registry (kind "subtree",
// value its id; read afresh at each request, so a move in the registry moves the scope).
struct Scope {
  Scope() = default;
  Scope(std::string k, std::string v, std::string n = {}) : kind(std::move(k)), value(std::move(v)), name(std::move(n)) {}
  std::string kind;
  std::string value;
  std::string name;  // a body's name (kind "agency"), for listings; not stored
};

struct Account {
  int64_t id = 0;
  std::string name;          // the sign-in name: letters, digits, '.', '_', '-' (3–64)
  std::string display_name;  // shown in the web app
  Role role = Role::kOfficer;
  std::optional<int64_t> agency_id;  // an officer's body
  std::string agency_name;           // its name, for listings
  std::vector<Scope> scopes;         // a reviewer's
  bool disabled = false;
  int failed_logins = 0;
  std::optional<std::string> locked_until;  // ISO UTC; sign-in refused before it
  std::string created_at, password_changed_at;
};

// An account as the API and `xxgk user list --json` show it: name, display_name, role, role_zh, agency,
// scopes [{kind, value, name}], disabled, locked_until, created_at (never the password hash).
nlohmann::json AccountJson(const Account& a);

// Argon2id (libsodium, interactive limits). Errors: kInvalidArgument for a password shorter than 10
// characters or longer than 1,024 bytes; kIoError when libsodium cannot allocate its memory.
Result<std::string> HashPassword(std::string_view password);
// Whether `password` matches a hash made by HashPassword (constant time in the password).
bool VerifyPassword(std::string_view hash, std::string_view password);

struct NewAccount {
  std::string name, display_name;
  Role role = Role::kOfficer;
  std::string agency;          // an officer's body, by name (resolved like a report's; created when unknown)
  std::vector<Scope> scopes;   // a reviewer's
  std::string password;
};

// Creates an account. Errors: kInvalidArgument for a taken or malformed name, an officer without a body, a
// reviewer without a scope, a weak password.
Result<Account> AddAccount(Store* store, const NewAccount& account, std::string_view actor);
Result<std::vector<Account>> ListAccounts(Store* store);
// The account with this sign-in name, or nullopt.
Result<std::optional<Account>> FindAccount(Store* store, std::string_view name);
// Disables (or enables again) an account; a disabled account cannot sign in and its sessions end.
Result<void> SetAccountDisabled(Store* store, std::string_view name, bool disabled, std::string_view actor);
// Replaces the password, clears the lockout and ends the account's sessions.
Result<void> SetAccountPassword(Store* store, std::string_view name, std::string_view password, std::string_view actor);

// A new scope for an account: an officer's body (by name; created when unknown, as for AddAccount), or a
// reviewer's regions (prefixes) and bodies (by name; each must be known to the store).
struct ScopeChange {
  std::string agency;
  std::vector<std::string> regions, bodies;
  std::vector<std::string> subtrees;  // registered bodies (by name): each with everything below it in the registry
};
// Replaces an account's scope; its sessions see the new one at their next request. Errors: kInvalidArgument
// for an unknown account, an administrator (who has no scope), an empty scope, an unknown body.
Result<Account> SetAccountScope(Store* store, std::string_view name, const ScopeChange& change, std::string_view actor);

// Sign-in policy: after kMaxFailures wrong passwords in a row an account is locked for kLockMinutes; a
// session ends after kIdleMinutes without a request, or kAbsoluteHours after sign-in, whichever comes first.
inline constexpr int kMaxFailures = 5;
inline constexpr int kLockMinutes = 15;
inline constexpr int kIdleMinutes = 120;
inline constexpr int kAbsoluteHours = 12;

// A signed-in account as a request sees it.
struct Session {
  Account account;
  std::string csrf;        // the token every state-changing request must carry (X-CSRF-Token)
  std::string created_at;  // ISO UTC
};

struct SignedIn {
  std::string token;  // the cookie's value: 32 random bytes in hex; only its SHA-256 is stored
  Session session;
};

// Whether any account can sign in: with none, the server runs in single-user mode (loopback only).
Result<bool> HasEnabledAccounts(Store* store);

// Signs in: a new session for the right password of an enabled account that is not locked. Every failure
// answers the same kInvalidArgument "账号或密码不对" (a locked account: "账号已锁定，请 N 分钟后再试"), counts
// against the account, and is audited with the client's `address`. `now` is ISO UTC (NowIsoUtc()).
Result<SignedIn> SignIn(Store* store, std::string_view name, std::string_view password, std::string_view address,
                        const std::string& now);
// The live session of a cookie token, or nullopt (unknown, expired, or its account disabled). Refreshes
// the session's idle time.
Result<std::optional<Session>> FindSession(Store* store, std::string_view token, const std::string& now);
// Ends the session of a token (signing out); unknown tokens are no error.
Result<void> EndSession(Store* store, std::string_view token);

// ISO UTC arithmetic for the policy above: `iso` plus `minutes` (may be negative).
std::string AddMinutesIso(const std::string& iso, int64_t minutes);

// One row of the audit trail: who (`actor`) did what (`action`, e.g. "account.add") to what (`target`).
struct AuditEntry {
  int64_t id = 0;
  std::string at, actor, action, target, detail;
};
// The Chinese name of an audit action ("account.add" → "添加账号"); "" for one it does not know.
const char* AuditActionChinese(std::string_view action);
// Appends a row (the trail is only ever appended to).
Result<void> AppendAudit(Store* store, std::string_view actor, std::string_view action, std::string_view target,
                         std::string_view detail = {});
// The newest rows first, at most `limit`.
Result<std::vector<AuditEntry>> ListAudit(Store* store, size_t limit);

}  // namespace xxgk::store
