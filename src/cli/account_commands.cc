#include "cli/account_commands.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "cli/text_table.h"
#include "core/json_dump.h"
#include "store/accounts.h"
#include "store/registry.h"

namespace xxgk::cli {

struct AccountCommands {
  CLI::App* user = nullptr;
  CLI::App *add = nullptr, *list = nullptr, *disable = nullptr, *enable = nullptr, *passwd = nullptr, *scope = nullptr;
  CLI::App* audit = nullptr;
  size_t limit = 100;
  std::string db, name, display, role, agency;
  std::vector<std::string> regions, agencies, subtrees;
  bool json_out = false;
};

namespace {

constexpr const char* kActor = "命令行";

// A password from standard input: typed twice without echo on a terminal, else the first line (scripts).
std::optional<std::string> ReadPassword() {
  auto line = [](std::string* out) { return static_cast<bool>(std::getline(std::cin, *out)); };
  if (!isatty(0)) {
    std::string p;
    if (!line(&p)) return std::nullopt;
    if (!p.empty() && p.back() == '\r') p.pop_back();
    return p;
  }
  termios old{};
  tcgetattr(0, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(0, TCSANOW, &quiet);
  std::string a, b;
  std::fprintf(stderr, "密码：");
  bool ok = line(&a);
  std::fprintf(stderr, "\n再输入一次：");
  ok = ok && line(&b);
  std::fprintf(stderr, "\n");
  tcsetattr(0, TCSANOW, &old);
  if (!ok) return std::nullopt;
  if (a != b) {
    std::fprintf(stderr, "xxgk: 两次输入的密码不一致\n");
    return std::nullopt;
  }
  return a;
}

std::string ScopeText(const store::Account& a) {
  if (a.role == store::Role::kOfficer) return a.agency_name;
  if (a.role == store::Role::kAdmin) return "全部";
  std::string out;
  for (const auto& s : a.scopes) {
    if (!out.empty()) out += "、";
    if (s.kind == "region") {
      out += s.value;
    } else {
      out += s.name.empty() ? "机关#" + s.value : s.name;
    }
  }
  return out;
}


int RunAudit(AccountCommands& c) {
  auto st = store::Store::Open(c.db.empty() ? DefaultStoreUrl() : c.db, store::OpenMode::kExisting);
  if (!st) return Fail(st.error());
  auto rows = store::ListAudit(st->get(), c.limit);
  if (!rows) return Fail(rows.error());
  std::string out;
  if (c.json_out) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : *rows) {
      j.push_back({{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"action", e.action},
                   {"action_zh", store::AuditActionChinese(e.action)}, {"target", e.target}, {"detail", e.detail}});
    }
    out = DumpJson(j, 2) + "\n";
  } else {
    TextTable t({"时间（UTC）", "操作人", "操作", "对象", "说明"});
    for (const auto& e : *rows) {
      const char* zh = store::AuditActionChinese(e.action);
      t.Add({e.at, e.actor, *zh ? zh : e.action, e.target, e.detail});
    }
    out = t.Render() + "共 " + std::to_string(rows->size()) + " 条（最新的在前）。\n";
  }
  return std::fwrite(out.data(), 1, out.size(), stdout) == out.size() ? kExitClean : kExitUnprocessed;
}

int Run(AccountCommands& c) {
  std::optional<store::Role> role = store::ParseRole(c.role);
  if (*c.add && !role) {
    return Fail(Error{ErrorCode::kInvalidArgument, "角色只能是 officer（填报单位）、reviewer（审核人）或 admin（管理员）", ""});
  }
  auto st = store::Store::Open(c.db.empty() ? DefaultStoreUrl() : c.db,
                               *c.add ? store::OpenMode::kCreate : store::OpenMode::kExisting);
  if (!st) return Fail(st.error());
  store::Store* s = st->get();
  if (*c.add || *c.passwd) {
    auto password = ReadPassword();
    if (!password) return Fail(Error{ErrorCode::kInvalidArgument, "没有读到密码（从标准输入读取第一行）", ""});
    if (*c.passwd) {
      if (auto ok = store::SetAccountPassword(s, c.name, *password, kActor); !ok) return Fail(ok.error());
      std::fprintf(stderr, "已修改“%s”的密码；该账号已登录的会话全部失效。\n", Printable(c.name).c_str());
      return kExitClean;
    }
    store::NewAccount n;
    n.name = c.name;
    n.display_name = c.display;
    n.role = *role;
    n.agency = c.agency;
    for (const auto& r : c.regions) n.scopes.push_back({"region", r});
    for (const auto& a : c.agencies) {
      auto ids = s->FindAgencies(a);
      if (!ids) return Fail(ids.error());
      if (ids->size() != 1) {
        return Fail(Error{ErrorCode::kInvalidArgument, "审核范围“" + a + "”" + (ids->empty() ? "不是年报库中的机关" : "匹配多个机关，请写全名"), ""});
      }
      n.scopes.push_back({"agency", std::to_string(ids->front())});
    }
    for (const auto& b : c.subtrees) {
      auto id = store::FindRegistered(s, b);
      if (!id) return Fail(id.error());
      if (!*id) return Fail(Error{ErrorCode::kInvalidArgument, "名录中没有“" + b + "”（先用 xxgk registry import 导入名录）", ""});
      n.scopes.push_back({"subtree", std::to_string(**id)});
    }
    n.password = *password;
    auto added = store::AddAccount(s, n, kActor);
    if (!added) return Fail(added.error());
    std::fprintf(stderr, "已添加账号“%s”（%s：%s）。\n", added->name.c_str(), store::RoleChinese(added->role),
                 ScopeText(*added).c_str());
    return kExitClean;
  }
  if (*c.scope) {
    store::ScopeChange change{c.agency, c.regions, c.agencies, c.subtrees};
    auto changed = store::SetAccountScope(s, c.name, change, kActor);
    if (!changed) return Fail(changed.error());
    std::fprintf(stderr, "已修改“%s”的范围（%s：%s）。\n", changed->name.c_str(), store::RoleChinese(changed->role),
                 ScopeText(*changed).c_str());
    return kExitClean;
  }
  if (*c.disable || *c.enable) {
    if (auto ok = store::SetAccountDisabled(s, c.name, c.disable->parsed(), kActor); !ok) return Fail(ok.error());
    std::fprintf(stderr, c.disable->parsed() ? "已停用账号“%s”，其会话全部失效。\n" : "已启用账号“%s”。\n", Printable(c.name).c_str());
    return kExitClean;
  }
  auto all = store::ListAccounts(s);
  if (!all) return Fail(all.error());
  std::string out;
  if (c.json_out) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& a : *all) j.push_back(store::AccountJson(a));
    out = DumpJson(j, 2) + "\n";
  } else {
    TextTable t({"账号", "名称", "角色", "范围", "状态"});
    for (const auto& a : *all) {
      t.Add({a.name, a.display_name, store::RoleChinese(a.role), ScopeText(a), a.disabled ? "已停用" : "正常"});
    }
    out = t.Render() + "共 " + std::to_string(all->size()) + " 个账号。\n";
  }
  return std::fwrite(out.data(), 1, out.size(), stdout) == out.size() ? kExitClean : kExitUnprocessed;
}

}  // namespace

std::shared_ptr<AccountCommands> RegisterAccountCommands(CLI::App& app) {
  auto c = std::make_shared<AccountCommands>();
  c->user = app.add_subcommand("user", "Accounts of a shared server: add, list, disable, enable, passwd, scope.");
  c->user->require_subcommand(1);
  auto db = [&](CLI::App* cmd) {
    cmd->add_option("--db", c->db, "Store URL: sqlite:FILE (default sqlite:xxgk.db, or $XXGK_DB) or postgresql://…");
  };
  c->add = c->user->add_subcommand("add", "Add an account; the password is read from standard input.");
  c->add->add_option("name", c->name, "Sign-in name (letters, digits, . _ -; 3–64)")->required();
  c->add->add_option("--role", c->role, "officer (填报单位), reviewer (审核人) or admin (管理员)")->required();
  c->add->add_option("--display", c->display, "Name shown in the web app (default: the sign-in name)");
  c->add->add_option("--agency", c->agency, "An officer's body (its full name)");
  c->add->add_option("--region", c->regions, "A reviewer's scope: bodies whose region starts with this (repeatable)");
  c->add->add_option("--scope-agency", c->agencies, "A reviewer's scope: one stored body by name (repeatable)");
  c->add->add_option("--scope-under", c->subtrees, "A reviewer's scope: a registered body and all below it (repeatable)");
  db(c->add);
  c->list = c->user->add_subcommand("list", "List the accounts.");
  c->list->add_flag("--json", c->json_out, "As JSON");
  db(c->list);
  c->disable = c->user->add_subcommand("disable", "Disable an account and end its sessions.");
  c->disable->add_option("name", c->name, "Sign-in name")->required();
  db(c->disable);
  c->enable = c->user->add_subcommand("enable", "Enable a disabled account.");
  c->enable->add_option("name", c->name, "Sign-in name")->required();
  db(c->enable);
  c->passwd = c->user->add_subcommand("passwd", "Set an account's password (read from standard input); ends its sessions.");
  c->passwd->add_option("name", c->name, "Sign-in name")->required();
  db(c->passwd);
  c->scope = c->user->add_subcommand("scope", "Replace an account's scope: an officer's body, or a reviewer's regions and bodies.");
  c->scope->add_option("name", c->name, "Sign-in name")->required();
  c->scope->add_option("--agency", c->agency, "An officer's body (its full name)");
  c->scope->add_option("--region", c->regions, "A reviewer's scope: bodies whose region starts with this (repeatable)");
  c->scope->add_option("--scope-agency", c->agencies, "A reviewer's scope: one stored body by its name or alias (repeatable)");
  c->scope->add_option("--scope-under", c->subtrees, "A reviewer's scope: a registered body and all below it (repeatable)");
  db(c->scope);
  c->audit = app.add_subcommand("audit", "Show the audit trail (who changed what, and when), newest first.");
  c->audit->add_option("--limit", c->limit, "At most this many entries (1–100000)")->check(CLI::Range(size_t{1}, size_t{100000}));
  c->audit->add_flag("--json", c->json_out, "As JSON");
  db(c->audit);
  return c;
}

std::optional<int> RunAccountCommands(AccountCommands& c) {
  if (*c.audit) return RunAudit(c);
  if (!*c.user) return std::nullopt;
  return Run(c);
}

}  // namespace xxgk::cli
