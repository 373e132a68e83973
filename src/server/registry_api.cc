// The supervisor's endpoints: the registry of bodies (read: scoped; change: the administrator), coverage of
// a year, review of findings and rectification items (reviewers in their scope, and the administrator).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/clock.h"
#include "core/utf8.h"
#include "ingest/table_file.h"
#include "server/api.h"
#include "notice/notice.h"
#include "store/coverage.h"
#include "store/packs.h"
#include "store/supervision.h"
#include "store/queries.h"
#include "store/registry.h"
#include "store/review.h"

namespace xxgk::server {
namespace {

using nlohmann::json;

std::string StringOf(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::optional<int64_t> IdOf(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer() && j[key].get<int64_t>() > 0) return j[key].get<int64_t>();
  return std::nullopt;
}

}  // namespace

ApiResponse Api::Registry(const ApiRequest& r, const Caller& c) {
  const std::string actor = c.session ? c.session->account.name : "单用户";
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  store::Store* s = lease->get();
  const std::string& p = r.path;
  if (p == "/api/registry" && r.method == "GET") {
    std::optional<int64_t> under;
    int64_t id = 0;
    if (!r.Param("under").empty()) {
      if (!ParseInt(r.Param("under"), &id)) return ErrorResponse(400, "invalid_argument", "上级机关应为名录中的编号");
      under = id;
    }
    auto list = store::RegistryList(s, under);
    if (!list) return FromError(list.error());
    if (auto scope = c.Scope()) {
      json mine = json::array();
      for (auto& b : *list) {
        if (InScope(scope, {{"agency_id", b["id"]}, {"region", b["region"]}})) mine.push_back(std::move(b));
      }
      *list = std::move(mine);
    }
    return JsonResponse({{"bodies", std::move(*list)}});
  }
  if (p == "/api/registry/unmatched" && r.method == "GET") {
    auto list = store::UnmatchedBodies(s);
    if (!list) return FromError(list.error());
    return JsonResponse({{"bodies", std::move(*list)}});
  }
  if (r.method != "POST") return ErrorResponse(405, "method_not_allowed", "请用 POST 修改名录");
  if (p == "/api/registry/import") {
    // The file as the body (or the first multipart file); ?mode=replace; ?dry_run=1 answers the plan only.
    const std::string name = r.files.empty() ? (r.Param("name").empty() ? "名录" : r.Param("name")) : r.files[0].filename;
    const std::string& bytes = r.files.empty() ? r.body : r.files[0].content;
    if (bytes.empty()) return ErrorResponse(400, "invalid_argument", "没有收到名录文件（CSV 或 XLSX）");
    const std::string mode_text = r.Param("mode").empty() ? "merge" : r.Param("mode");
    if (mode_text != "merge" && mode_text != "replace") return ErrorResponse(400, "invalid_argument", "导入方式只能是合并或替换");
    auto rows = ReadTableRows(bytes, ToValidUtf8(name));
    if (!rows) return FromError(rows.error());
    auto entries = store::ParseRegistry(*rows);
    if (!entries) return ErrorResponse(400, "invalid_argument", ToValidUtf8(name) + "：" + entries.error().message);
    const auto mode = mode_text == "replace" ? store::ImportMode::kReplace : store::ImportMode::kMerge;
    const bool dry = r.Param("dry_run") == "1";
    auto plan = dry ? store::PlanRegistry(s, *entries, mode) : store::ImportRegistry(s, *entries, mode, actor);
    if (!plan) return FromError(plan.error());
    return JsonResponse({{"plan", store::PlanJson(*plan)}, {"imported", !dry}, {"bodies", entries->size()}});
  }
  json body = json::parse(r.body, nullptr, false);
  if (p == "/api/registry/add") {
    // One body, as a row of a registry file: {name, parent, category, region, code, deadline, aliases}.
    std::vector<std::string> header, row;
    for (const auto& [field, column] : std::vector<std::pair<const char*, const char*>>{
             {"name", "名称"}, {"aliases", "别名"}, {"parent", "上级机关"}, {"category", "类别"}, {"code", "行政区划代码"},
             {"region", "地区"}, {"deadline", "发布期限"}}) {
      header.push_back(column);
      row.push_back(StringOf(body, field));
    }
    header.push_back("汇总");
    row.push_back(body.is_object() && body.value("aggregates", false) ? "是" : "否");
    auto entries = store::ParseRegistry({header, row});
    if (!entries) return ErrorResponse(400, "invalid_argument", entries.error().message);
    auto plan = store::ImportRegistry(s, *entries, store::ImportMode::kMerge, actor);
    if (!plan) return FromError(plan.error());
    return JsonResponse({{"plan", store::PlanJson(*plan)}}, 201);
  }
  if (p == "/api/registry/match") {
    auto from = IdOf(body, "from"), to = IdOf(body, "to");
    if (!from || !to) return ErrorResponse(400, "invalid_argument", "请给出待认领机关（from）和名录中的机关（to）的编号");
    if (auto ok = store::MatchBody(s, *from, *to, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  // /api/registry/{id}/move | alias
  const std::string rest = p.substr(std::string("/api/registry/").size());
  const size_t slash = rest.find('/');
  int64_t id = 0;
  if (slash == std::string::npos || !ParseInt(rest.substr(0, slash), &id)) return ErrorResponse(404, "not_found", "没有这个接口");
  const std::string what = rest.substr(slash + 1);
  if (what == "move") {
    std::optional<int64_t> parent = IdOf(body, "parent");
    if (!parent && !(body.is_object() && body.contains("parent") && body["parent"].is_null())) {
      return ErrorResponse(400, "invalid_argument", "请给出新的上级机关编号（parent），移到顶层时为 null");
    }
    if (auto ok = store::MoveBody(s, id, parent, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  if (what == "edit") {
    store::BodyEdit edit;
    for (const auto& [field, slot] : {std::pair<const char*, std::optional<std::string>*>{"category", &edit.category},
                                      {"deadline", &edit.deadline}, {"code", &edit.code}, {"region", &edit.region}}) {
      if (body.is_object() && body.contains(field) && body[field].is_string()) *slot = body[field].get<std::string>();
    }
    if (body.is_object() && body.contains("aggregates") && body["aggregates"].is_boolean()) edit.aggregates = body["aggregates"].get<bool>();
    if (auto ok = store::EditBody(s, id, edit, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  if (what == "remove") {
    if (auto ok = store::RemoveBody(s, id, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  if (what == "alias") {
    const std::string alias = StringOf(body, "alias");
    if (alias.empty()) return ErrorResponse(400, "invalid_argument", "请填写别名");
    if (auto ok = store::AddRegistryAlias(s, id, alias, actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  return ErrorResponse(404, "not_found", "没有这个接口");
}

std::optional<ApiResponse> Api::QueryOf(const ApiRequest& r, const Caller& c, store::CoverageQuery* q) {
  if (!ParseYear(r.Param("year"), &q->year)) return ErrorResponse(400, "invalid_argument", "请给出报告年度（2000–2100）");
  int64_t under = 0;
  if (!r.Param("under").empty()) {
    if (!ParseInt(r.Param("under"), &under)) return ErrorResponse(400, "invalid_argument", "上级机关应为名录中的编号");
    q->under = under;
  }
  q->today = TodayIso();
  q->scope = c.Scope();
  return std::nullopt;
}

ApiResponse Api::Coverage(const ApiRequest& r, const Caller& c) {
  store::CoverageQuery q;
  if (auto refused = QueryOf(r, c, &q)) return *refused;
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto cov = store::Coverage(lease->get(), q);
  if (!cov) return FromError(cov.error());
  if (r.path != "/api/coverage.xlsx") return JsonResponse(*cov);
  auto book = XlsxBody([&](const std::string& path) { return WriteCoverageXlsx(*cov, path); });
  if (!book) return FromError(book.error());
  ApiResponse res;
  res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  res.body = std::move(*book);
  res.filename = std::to_string(q.year) + "年度报告发布情况.xlsx";
  return res;
}

ApiResponse Api::ReviewReport(const ApiRequest& r, const Caller& c, int64_t id, bool rectify) {
  const std::string actor = c.session ? c.session->account.name : "单用户";
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto rep = store::LoadReport(lease->get(), id);
  if (!rep) return rep.error().code == ErrorCode::kInvalidArgument ? ErrorResponse(404, "not_found", rep.error().message) : FromError(rep.error());
  if (!InScope(c.Scope(), (*rep)["store"])) return OutOfScope();
  json body = json::parse(r.body, nullptr, false);
  const std::string key = StringOf(body, "key");
  if (key.empty()) return ErrorResponse(400, "invalid_argument", "请指明要审核的问题（key）");
  if (rectify) {
    auto item = store::OpenRectification(lease->get(), id, key, StringOf(body, "due"), actor);
    if (!item) return FromError(item.error());
    return JsonResponse({{"rectification_id", *item}}, 201);
  }
  const std::string decision = StringOf(body, "decision");
  if (decision != "confirmed" && decision != "dismissed") return ErrorResponse(400, "invalid_argument", "审核结论只能是确认或不予认定");
  auto ok = store::ReviewFinding(lease->get(), id, key, decision == "confirmed" ? store::Decision::kConfirmed : store::Decision::kDismissed,
                                 StringOf(body, "reason"), actor);
  if (!ok) return FromError(ok.error());
  return JsonResponse({{"ok", true}});
}

ApiResponse Api::Rectifications(const ApiRequest& r, const Caller& c) {
  const std::string actor = c.session ? c.session->account.name : "单用户";
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  if (r.method == "POST") {  // /api/rectifications/{id}/close {note}
    int64_t id = 0;
    const std::string prefix = "/api/rectifications/", suffix = "/close";
    if (r.path.size() <= prefix.size() + suffix.size() || r.path.compare(r.path.size() - suffix.size(), suffix.size(), suffix) != 0 ||
        !ParseInt(r.path.substr(prefix.size(), r.path.size() - prefix.size() - suffix.size()), &id)) {
      return ErrorResponse(404, "not_found", "没有这个接口");
    }
    store::RectificationFilter one;
    one.id = id;
    auto found = store::ListRectifications(lease->get(), one, TodayIso());
    if (!found) return FromError(found.error());
    if (found->empty()) return ErrorResponse(404, "not_found", "没有编号为 " + std::to_string(id) + " 的整改事项");
    const json* item = &found->front();
    if (auto scope = c.Scope()) {
      auto info = store::AgencyInfo(lease->get(), (*item)["agency_id"].get<int64_t>());
      if (!info) return FromError(info.error());
      if (!*info || !InScope(scope, {{"agency_id", (**info)["id"]}, {"region", (**info)["region"]}})) return OutOfScope();
    }
    json body = json::parse(r.body, nullptr, false);
    if (auto ok = store::CloseRectification(lease->get(), id, StringOf(body, "note"), actor); !ok) return FromError(ok.error());
    return JsonResponse({{"ok", true}});
  }
  store::RectificationFilter f;
  if (!r.Param("year").empty()) {
    int year = 0;
    if (!ParseYear(r.Param("year"), &year)) return ErrorResponse(400, "invalid_argument", "报告年度应为 2000–2100 的数字");
    f.year = year;
  }
  if (!r.Param("status").empty()) {
    if (r.Param("status") != "open" && r.Param("status") != "closed") return ErrorResponse(400, "invalid_argument", "状态只能是整改中或已整改");
    f.status = r.Param("status");
  }
  auto list = store::ListRectifications(lease->get(), f, TodayIso());
  if (!list) return FromError(list.error());
  if (auto scope = c.Scope()) {
    // Scoped by body: the region of each listed body comes from the registry list.
    auto bodies = store::RegistryList(lease->get(), std::nullopt);
    if (!bodies) return FromError(bodies.error());
    std::map<int64_t, std::string> region;
    for (const auto& b : *bodies) region[b["id"].get<int64_t>()] = b["region"].is_string() ? b["region"].get<std::string>() : "";
    json mine = json::array();
    for (auto& item : *list) {
      const int64_t body = item["agency_id"].get<int64_t>();
      if (InScope(scope, {{"agency_id", body}, {"region", region[body]}})) mine.push_back(std::move(item));
    }
    *list = std::move(mine);
  }
  return JsonResponse({{"items", std::move(*list)}});
}

ApiResponse Api::Supervision(const ApiRequest& r, const Caller& c) {
  // GET /api/indicators | /api/scores | /api/notice ?year=&under=&pack=&to=&issuer=
  store::CoverageQuery q;
  if (auto refused = QueryOf(r, c, &q)) return *refused;
  const std::string pack_id = r.Param("pack").empty() ? "statutory" : r.Param("pack");
  const json* pack = store::FindPack(pack_id);
  if (!pack || pack->value("kind", "") != "scoring") return ErrorResponse(400, "invalid_argument", "没有这个评分方案（可用：statutory、example-city）");
  const json* ipack = store::FindPack("indicators");
  if (!ipack) return ErrorResponse(500, "internal", "缺少内置的指标定义");
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  if (r.path == "/api/rollup") {
    // ?parent=ID: that parent, marked or not; otherwise the parents marked 汇总 (within ?under=ID's subtree).
    std::optional<int64_t> parent;
    int64_t pid = 0;
    if (!r.Param("parent").empty()) {
      if (!ParseInt(r.Param("parent"), &pid)) return ErrorResponse(400, "invalid_argument", "上级机关应为名录中的编号");
      parent = pid;
    }
    auto list = store::RegistryRollup(lease->get(), q.year, parent);
    if (!list) return FromError(list.error());
    if (q.under) {
      auto below = store::Subtree(lease->get(), *q.under);
      if (!below) return FromError(below.error());
      json mine = json::array();
      for (auto& p : *list) {
        if (std::find(below->begin(), below->end(), p["agency_id"].get<int64_t>()) != below->end()) mine.push_back(std::move(p));
      }
      *list = std::move(mine);
    }
    if (q.scope) {
      json mine = json::array();
      for (auto& p : *list) {
        auto info = store::AgencyInfo(lease->get(), p["agency_id"].get<int64_t>());
        if (!info) return FromError(info.error());
        if (*info && InScope(q.scope, {{"agency_id", (**info)["id"]}, {"region", (**info)["region"]}})) mine.push_back(std::move(p));
      }
      *list = std::move(mine);
    }
    return JsonResponse({{"parents", std::move(*list)}});
  }
  if (r.path == "/api/indicators") {
    auto ind = store::Indicators(lease->get(), q, *ipack);
    if (!ind) return FromError(ind.error());
    return JsonResponse(*ind);
  }
  if (r.path == "/api/scores") {
    auto ind = store::Indicators(lease->get(), q, *ipack);
    if (!ind) return FromError(ind.error());
    auto scores = store::Scores(lease->get(), q, *pack, *ind);
    if (!scores) return FromError(scores.error());
    return JsonResponse(*scores);
  }
  NoticeOptions o;
  o.query = q;
  o.scoring_pack = *pack;
  o.indicators_pack = *ipack;
  o.issuer = ToValidUtf8(r.Param("issuer"));
  if (o.issuer.size() > 200) return ErrorResponse(400, "invalid_argument", "发文单位名称过长");
  auto data = NoticeData(lease->get(), o);
  if (!data) return FromError(data.error());
  const std::string to = r.Param("to").empty() ? "html" : r.Param("to");
  const std::string name = std::to_string(q.year) + "年度政府信息公开工作年度报告发布情况通报";
  ApiResponse res;
  if (to == "html") {
    res.content_type = "text/html; charset=utf-8";
    res.body = NoticeHtml(*data);
    res.filename = name + ".html";
  } else if (to == "docx") {
    auto d = NoticeDocx(*data);
    if (!d) return FromError(d.error());
    res.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    res.body = std::move(*d);
    res.filename = name + ".docx";
  } else if (to == "xlsx") {
    auto book = XlsxBody([&](const std::string& path) { return WriteNoticeXlsx(*data, path); });
    if (!book) return FromError(book.error());
    res.body = std::move(*book);
    res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    res.filename = name + ".xlsx";
  } else {
    return ErrorResponse(400, "invalid_argument", "通报格式只能是 html、docx 或 xlsx");
  }
  return res;
}

}  // namespace xxgk::server
