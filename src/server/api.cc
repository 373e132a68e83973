#include "server/api.h"

#include <algorithm>
#include <thread>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/clock.h"
#include "core/json_dump.h"
#include "core/utf8.h"
#include "pipeline/pipeline.h"
#include "render/render_policy.h"
#include "render/render.h"
#include "render/zip_writer.h"
#include "render/table_grid.h"
#include "report/report_from_json.h"
#include "report/report_json.h"
#include "store/export.h"
#include "store/queries.h"

namespace xxgk::server {

using nlohmann::json;

ApiResponse JsonResponse(const json& j, int status) {
  ApiResponse r;
  r.status = status;
  r.body = DumpJson(j);
  return r;
}

ApiResponse FromError(const Error& e) { return ErrorResponse(HttpStatusOf(e.code), ErrorCodeName(e.code), ErrorText(e)); }

namespace {

// Filters from the query string; false (with a message) on a malformed number.
bool Filter(const ApiRequest& r, store::ReportFilter* f, std::string* error) {
  int64_t n = 0;
  if (r.Has("year")) {
    if (!ParseInt(r.Param("year"), &n)) return *error = "年度应为年份数字", false;
    f->year = static_cast<int>(n);
  }
  if (r.Has("limit")) {
    if (!ParseInt(r.Param("limit"), &n)) return *error = "条数应为正整数", false;
    f->limit = static_cast<size_t>(n);
  }
  if (!r.Param("region").empty()) f->region = r.Param("region");
  if (!r.Param("agency").empty()) f->agency = r.Param("agency");
  if (!r.Param("rule").empty()) f->rule = r.Param("rule");
  if (!r.Param("format").empty()) f->format = r.Param("format");
  f->has_errors = r.Param("has_errors") == "1" || r.Param("has_errors") == "true";
  f->late = r.Param("late") == "1" || r.Param("late") == "true";
  f->all_versions = r.Param("versions") == "all";
  return true;
}

json GridJson(const char* key, const char* title, const Grid& g) {
  json cells = json::array();
  for (const auto& c : g.cells) {
    json cell = {{"text", c.text}, {"row", c.row}, {"col", c.col}, {"rs", c.row_span}, {"cs", c.col_span}, {"header", c.header}};
    if (!c.cell_id.empty()) cell["id"] = c.cell_id;
    cells.push_back(std::move(cell));
  }
  return {{"key", key}, {"title", title}, {"rows", g.rows}, {"cols", g.cols}, {"widths", g.widths}, {"cells", std::move(cells)}};
}


std::string ReportJson(const Report& report) {
  JsonOptions jo;
  jo.provenance = true;
  std::string out;
  WriteReportJson(report, &out, jo);
  return out;
}


}  // namespace

bool ParseInt(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ParseYear(const std::string& text, int* year) {
  int64_t y = 0;
  if (!ParseInt(text, &y) || y < 2000 || y > 2100) return false;
  *year = static_cast<int>(y);
  return true;
}


std::string ApiRequest::Param(const std::string& key) const {
  auto it = query.find(key);
  return it == query.end() ? std::string() : it->second;
}

ApiResponse ErrorResponse(int status, const std::string& code, const std::string& message) {
  return JsonResponse(json{{"error", {{"status", status}, {"code", code}, {"message", message}}}}, status);
}

StorePool::Lease::~Lease() {
  if (!store_) return;
  std::lock_guard<std::mutex> lock(pool_->mu_);
  pool_->idle_.push_back(std::move(store_));
}

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  auto s = store::Store::Open(url_);
  if (!s) return tl::unexpected(s.error());
  return Lease(this, std::move(*s));
}

namespace {
int Cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }
}  // namespace

bool ParseGate::Enter() {
  std::unique_lock lock(mu_);
  if (active_ >= running_) {
    if (queued_ >= waiting_) return false;
    ++queued_;
    cv_.wait(lock, [&] { return active_ < running_; });
    --queued_;
  }
  ++active_;
  return true;
}

void ParseGate::Leave() {
  {
    std::lock_guard lock(mu_);
    --active_;
  }
  cv_.notify_one();
}

int ParseGate::Queued() const {
  std::lock_guard lock(mu_);
  return queued_;
}

Api::Api(ApiOptions options)
    : options_(std::move(options)),
      pool_(options_.db),
      gate_(options_.max_parses > 0 ? options_.max_parses : Cores(),
            // Waiting requests hold only their bodies (already bounded); parsing multiplies that, so only
            // `running` parse at once. The queue matches the worker pool, so 503 means a real overload.
            options_.max_waiting > 0 ? options_.max_waiting : 64) {}

ApiResponse Api::Handle(const ApiRequest& r) {
  const std::string& p = r.path;
  const bool get = r.method == "GET", post = r.method == "POST";
  auto id_after = [&](std::string_view prefix, int64_t* id) {
    return p.size() > prefix.size() && p.compare(0, prefix.size(), prefix) == 0 && ParseInt(p.substr(prefix.size()), id);
  };
  int64_t id = 0;
  try {
    Caller caller;
    if (auto refused = Gate(r, &caller)) return *refused;
    if (p == "/api/login") return post ? Login(r) : ErrorResponse(405, "method_not_allowed", "请用 POST 登录");
    if (p == "/api/logout") return post ? Logout(r) : ErrorResponse(405, "method_not_allowed", "请用 POST 退出");
    if (p == "/api/session" && get) return SessionInfo(caller);
    if (p == "/api/users" || p.rfind("/api/users/", 0) == 0) return Users(r, caller);
    if (p == "/api/audit" && get) return Audit(r);
    if (p == "/api/check") return post ? Check(r, caller) : ErrorResponse(405, "method_not_allowed", "请用 POST 上传文件");
    if (p == "/api/layout" && get) return Layout(r);
    if (p == "/api/render") return post ? Render(r) : ErrorResponse(405, "method_not_allowed", "请用 POST 提交报告 JSON");
    if (p == "/api/export.xlsx") return ExportXlsx(r, caller);
    if (p == "/api/originals.zip" && get) return OriginalsZip(r, caller);
    if (p == "/api/reports" && get) return Reports(r, caller);
    if (id_after("/api/reports/", &id) && get) return Report(r, caller, id);
    if (p.rfind("/api/reports/", 0) == 0 && p.size() > 9 && p.compare(p.size() - 9, 9, "/original") == 0 && get &&
        ParseInt(p.substr(13, p.size() - 13 - 9), &id)) {
      return Original(caller, id);
    }
    if (p.rfind("/api/reports/", 0) == 0 && p.size() > 7 && p.compare(p.size() - 7, 7, "/delete") == 0 &&
        ParseInt(p.substr(13, p.size() - 13 - 7), &id)) {
      return post ? DeleteReport(caller, id) : ErrorResponse(405, "method_not_allowed", "请用 POST 删除报告");
    }
    for (const char* what : {"/review", "/rectify"}) {
      const std::string_view w = what;
      if (p.rfind("/api/reports/", 0) == 0 && p.size() > w.size() && p.compare(p.size() - w.size(), w.size(), w) == 0 &&
          ParseInt(p.substr(13, p.size() - 13 - w.size()), &id)) {
        return post ? ReviewReport(r, caller, id, w == "/rectify") : ErrorResponse(405, "method_not_allowed", "请用 POST 提交审核");
      }
    }
    if (p == "/api/registry" || p.rfind("/api/registry/", 0) == 0) return Registry(r, caller);
    if (p.rfind("/api/register/", 0) == 0) return Register(r, caller);
    if ((p == "/api/coverage" || p == "/api/coverage.xlsx") && get) return Coverage(r, caller);
    if ((p == "/api/indicators" || p == "/api/scores" || p == "/api/notice" || p == "/api/rollup") && get) return Supervision(r, caller);
    if (p == "/api/rectifications" || p.rfind("/api/rectifications/", 0) == 0) return Rectifications(r, caller);
    if (p == "/api/agencies" && get) return Agencies(r, caller);
    if (id_after("/api/agencies/", &id) && get) return Agency(r, caller, id);
    if (p == "/api/stats" && get) return Stats(r, caller);
    if (p == "/api/missing" && (get || post)) return Missing(r);
    if (p == "/api/failed" && get) return Failed(r);
    if (p == "/api/formats" && get) {
      ApiResponse formats;
      WriteFormatsJson(&formats.body);
      return formats;
    }
    if (p == "/api/rules" && get) {
      ApiResponse rules;
      WriteRulesJson(&rules.body);
      return rules;
    }
  } catch (const std::exception&) {
    // Never internal text to a client; a request that gets here is a shape the handlers did not expect.
    return ErrorResponse(400, "invalid_argument", "请求内容无法处理：格式不符合接口要求（接口说明见 /api/openapi.json）");
  }
  return ErrorResponse(404, "not_found", "没有这个接口：" + r.method + " " + p + "（接口说明见 /api/openapi.json）");
}

ApiResponse Api::Check(const ApiRequest& r, const Caller& caller) {
  std::vector<Upload> uploads = r.files;
  if (uploads.empty()) {
    if (r.body.empty()) return ErrorResponse(400, "invalid_argument", "没有收到文件：请以 multipart/form-data 上传，或把文件内容作为请求体");
    uploads.push_back({r.Param("name").empty() ? "upload" : r.Param("name"), r.body});
  }
  const bool keep = r.Param("store") == "1";
  if (keep && caller.accounts && !caller.Admin() && caller.session->account.role != store::Role::kOfficer) {
    return ErrorResponse(403, "forbidden", "审核人不能向年报库存入报告");
  }
  std::vector<std::string> out;
  ApiResponse single_error;
  // Parsing takes a core and memory in proportion to the document: admitted through the gate.
  if (!gate_.Enter()) {
    ApiResponse busy = ErrorResponse(503, "busy", "服务器正忙（同时核验的文件过多），请稍后重试");
    busy.retry_after = 2;
    return busy;
  }
  struct Leave {
    ParseGate& g;
    ~Leave() { g.Leave(); }
  } leave{gate_};
  for (const auto& u : uploads) {
    std::string name = u.filename.empty() ? "upload" : u.filename;
    PipelineOptions po;
    po.max_seconds = options_.max_seconds;
    Result<xxgk::Report> report = ProcessDocument(u.content, name, po);
    if (!report) {
      single_error = FromError(report.error());
      std::string line;
      WriteErrorJson(name, report.error(), &line);
      out.push_back(std::move(line));
      continue;
    }
    if (!keep) {
      out.push_back(ReportJson(*report));
      continue;
    }
    auto lease = pool_.Acquire();
    if (!lease) return FromError(lease.error());
    if (!caller.Admin()) {
      // An officer stores its own body's reports only.
      auto agency = report->agency ? (*lease)->LookupAgency(*report->agency) : Result<std::optional<int64_t>>(std::nullopt);
      if (!agency) return FromError(agency.error());
      if (!*agency || *agency != caller.session->account.agency_id) {
        return ErrorResponse(403, "forbidden", "只能存入本单位的年度报告：“" + ToValidUtf8(name) + "”的机关是" +
                                                   (report->agency ? "“" + *report->agency + "”" : "未识别的机关"));
      }
    }
    store::DocumentInput doc{report->source.sha256, name, "upload:" + name, u.content.size(), store::CompressContent(u.content)};
    auto added = (*lease)->AddDocument(doc, store::MakeStoredReport(*report));
    if (!added) return FromError(added.error());
    if (auto cc = (*lease)->RunPendingCorpusChecks(); !cc) return FromError(cc.error());
    auto rid = store::ReportIdForContent(lease->get(), report->source.sha256);
    if (!rid) return FromError(rid.error());
    if (!*rid) return ErrorResponse(409, "conflict", "同一内容此前已存入年报库，但当时未能处理；请在服务器上运行 xxgk recheck 重新处理");
    auto stored = store::LoadReport(lease->get(), **rid);
    if (!stored) return FromError(stored.error());
    (*stored)["store"]["added"] = added->added;
    {
      // A new version of a body and year that already had one replaces it (the old one stays as history).
      const json& versions = (*stored)["store"]["versions"];
      const bool replaces = added->added && versions.is_array() && versions.size() > 1;
      const std::string actor = caller.session ? caller.session->account.name : "单用户";
      std::string what = (report->agency ? *report->agency : std::string("未识别机关")) +
                         (report->year ? " " + std::to_string(*report->year) + "年度" : std::string()) +
                         (added->added ? "" : "（内容已在库中）") +
                         (replaces ? "（第 " + std::to_string(versions.size()) + " 版，取代此前的版本）" : std::string());
      if (auto a = store::AppendAudit(lease->get(), actor, replaces ? "report.replace" : "report.store", ToValidUtf8(name), what); !a) {
        return FromError(a.error());
      }
    }
    out.push_back(DumpJson(*stored));
  }
  if (uploads.size() == 1) {
    if (single_error.status != 200) return single_error;
    ApiResponse res;
    res.body = std::move(out[0]);
    return res;
  }
  ApiResponse res;
  res.body = "{\"reports\":[";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i) res.body += ',';
    res.body += out[i];
  }
  res.body += "]}";
  return res;
}

ApiResponse Api::Layout(const ApiRequest& r) {
  const FormatSpec* f = r.Param("format").empty() ? &LatestFormat() : FindFormat(r.Param("format"));
  if (!f || !f->has_tables) return ErrorResponse(400, "invalid_argument", "没有这种带统计表的报告格式（可用的格式见 /api/formats）");
  xxgk::Report empty;
  empty.format = f;
  empty.cells.assign(f->cells.size(), CellValue{});
  json j = {{"format", f->id},
            {"tables",
             {GridJson("t2", "表二 主动公开政府信息情况", Table2Grid(empty)),
              GridJson("t3", "表三 收到和处理政府信息公开申请情况", Table3Grid(empty)),
              GridJson("t4", "表四 政府信息公开行政复议、行政诉讼情况", Table4Grid(empty))}}};
  ApiResponse res = JsonResponse(j);
  return res;
}

ApiResponse Api::Render(const ApiRequest& r) {
  RenderFormat format;
  if (!ParseRenderFormat(r.Param("to").empty() ? "html" : r.Param("to"), &format)) {
    return ErrorResponse(400, "invalid_argument", "生成格式只能是 Word（docx）、网页（html）、Markdown（md）或纯文本（txt）");
  }
  auto report = ReportFromJson(r.body);
  if (!report) return FromError(report.error());
  // The policy is the library's (render/render_policy.h), shared with `xxgk render`.
  RenderVerdict verdict = PrepareForRender(&*report, r.Param("fill_totals") == "1");
  if (!verdict.ok()) {
    json items = json::array();
    for (const auto& f : verdict.findings) {
      items.push_back({{"rule", f.rule}, {"severity", SeverityName(f.severity)}, {"cells", f.cells}, {"message", f.message}});
    }
    json error = {{"status", 422}, {"code", verdict.code()}, {"message", verdict.message}, {"findings", items}};
    if (!verdict.unfilled.empty()) error["unfilled"] = verdict.unfilled;
    return JsonResponse(json{{"error", std::move(error)}}, 422);
  }
  return RenderedResponse(*report, format);
}

ApiResponse RenderedResponse(const xxgk::Report& report, RenderFormat format) {
  auto bytes = RenderReport(report, format);
  if (!bytes) return FromError(bytes.error());
  ApiResponse res;
  res.body = std::move(*bytes);
  switch (format) {
    case RenderFormat::kHtml: res.content_type = "text/html; charset=utf-8"; break;
    case RenderFormat::kMarkdown: res.content_type = "text/markdown; charset=utf-8"; break;
    case RenderFormat::kText: res.content_type = "text/plain; charset=utf-8"; break;
    case RenderFormat::kDocx:
      res.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      break;
  }
  std::string stem = report.agency.value_or("") + (report.year ? std::to_string(*report.year) + "年" : "") + "政府信息公开工作年度报告";
  res.filename = stem + "." + RenderExtension(format);
  return res;
}

ApiResponse Api::ExportXlsx(const ApiRequest& r, const Caller& c) {
  std::vector<std::pair<json, json>> reports;
  if (r.method == "POST") {  // a report JSON, or {"reports": [...]} (a batch checked in the browser)
    json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return ErrorResponse(400, "invalid_argument", "请求体应为报告 JSON");
    std::vector<json> posted;
    if (body.contains("reports") && body["reports"].is_array()) {
      for (auto& x : body["reports"]) {
        if (x.is_object()) posted.push_back(std::move(x));
      }
      if (posted.empty()) return ErrorResponse(400, "invalid_argument", "没有可导出的报告");
    } else {
      posted.push_back(std::move(body));
    }
    for (json& report : posted) {
      json meta = {{"id", 0}, {"agency", report.value("agency", json())}, {"year", report.value("year", json())},
                   {"format", report.value("format", json())}};
      if (report.contains("source") && report["source"].is_object() && report["source"].contains("name") &&
          report["source"]["name"].is_string()) {
        meta["file"] = report["source"]["name"];
      }
      reports.emplace_back(std::move(meta), std::move(report));
    }
  } else {
    store::ReportFilter f;
    std::string error;
    if (!Filter(r, &f, &error)) return ErrorResponse(400, "invalid_argument", error);
    f.scope = c.Scope();
    auto lease = pool_.Acquire();
    if (!lease) return FromError(lease.error());
    auto list = store::ListReports(lease->get(), f);
    if (!list) return FromError(list.error());
    for (const auto& row : *list) {
      auto rep = store::LoadReport(lease->get(), row["id"].get<int64_t>());
      if (!rep) return FromError(rep.error());
      reports.emplace_back(row, std::move(*rep));
    }
  }
  auto book = XlsxBody([&](const std::string& path) -> Result<void> {
    auto n = store::WriteXlsx(reports, path);
    if (!n) return tl::unexpected(n.error());
    return {};
  });
  if (!book) return FromError(book.error());
  ApiResponse res;
  res.body = std::move(*book);
  res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  // Named for what it holds: one report's body and year, a batch, or the library (and its year).
  if (r.method == "POST" && reports.size() == 1) {
    const json& m = reports[0].first;
    res.filename = (m["agency"].is_string() ? m["agency"].get<std::string>() : std::string()) +
                   (m["year"].is_number_integer() ? std::to_string(m["year"].get<int>()) + "年度" : std::string()) + "报告核验.xlsx";
  } else if (r.method == "POST") {
    res.filename = "本批报告核验（" + std::to_string(reports.size()) + "份）.xlsx";
  } else {
    res.filename = "年报库" + (r.Param("year").empty() ? std::string() : r.Param("year") + "年度") + ".xlsx";
  }
  return res;
}

Result<std::string> Api::XlsxBody(const std::function<Result<void>(const std::string& path)>& write) {
  // libxlsxwriter writes files: a private file in the data directory, read back and removed.
  static std::atomic<uint64_t> counter{0};
  std::random_device rd;
  const std::string path = options_.data_dir + "/book-" + std::to_string(rd()) + "-" + std::to_string(counter++) + ".xlsx";
  auto w = write(path);
  if (!w) {
    std::remove(path.c_str());
    return tl::unexpected(w.error());
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const bool ok = in.good() || in.eof();
  std::remove(path.c_str());
  if (!ok || bytes.empty()) return MakeError(ErrorCode::kIoError, "读取生成的 Excel 文件失败");
  return bytes;
}

ApiResponse Api::Reports(const ApiRequest& r, const Caller& c) {
  store::ReportFilter f;
  std::string error;
  if (!Filter(r, &f, &error)) return ErrorResponse(400, "invalid_argument", error);
  f.scope = c.Scope();
  // A page at a time, newest first unless asked otherwise: ?page=1&per_page=50&sort=-year.
  int64_t page = 1, per_page = 50;
  if (!r.Param("page").empty() && (!ParseInt(r.Param("page"), &page) || page < 1 || page > 1000000)) {
    return ErrorResponse(400, "invalid_argument", "页码应为正整数");
  }
  if (!r.Param("per_page").empty() && (!ParseInt(r.Param("per_page"), &per_page) || per_page < 1 || per_page > 500)) {
    return ErrorResponse(400, "invalid_argument", "每页条数应为 1 到 500 之间的整数");
  }
  if (r.Has("limit") && !r.Has("per_page")) per_page = std::min<int64_t>(static_cast<int64_t>(f.limit), 500);
  f.limit = static_cast<size_t>(per_page);
  f.offset = static_cast<size_t>((page - 1) * per_page);
  f.sort = r.Param("sort").empty() ? "-year" : r.Param("sort");
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto total = store::CountReports(lease->get(), f);
  if (!total) return FromError(total.error());
  auto list = store::ListReports(lease->get(), f);
  if (!list) return FromError(list.error());
  return JsonResponse(json{{"reports", std::move(*list)}, {"total", *total}, {"page", page}, {"per_page", per_page},
                           {"sort", f.sort}});
}

ApiResponse Api::Report(const ApiRequest&, const Caller& c, int64_t id) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto rep = store::LoadReport(lease->get(), id);
  if (!rep) return rep.error().code == ErrorCode::kInvalidArgument ? ErrorResponse(404, "not_found", rep.error().message) : FromError(rep.error());
  if (!InScope(c.Scope(), (*rep)["store"])) return OutOfScope();
  return JsonResponse(*rep);
}

ApiResponse Api::OriginalsZip(const ApiRequest& r, const Caller& c) {
  // The original files of the selected reports (the library's filters, the caller's scope), bounded.
  constexpr size_t kMaxFiles = 2000;
  constexpr size_t kMaxBytes = size_t{512} << 20;
  store::ReportFilter f;
  std::string error;
  if (!Filter(r, &f, &error)) return ErrorResponse(400, "invalid_argument", error);
  f.scope = c.Scope();
  f.limit = kMaxFiles + 1;
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto list = store::ListReports(lease->get(), f);
  if (!list) return FromError(list.error());
  if (list->empty()) return ErrorResponse(404, "not_found", "没有符合条件的报告");
  if (list->size() > kMaxFiles) {
    return ErrorResponse(413, "too_large", "选中的报告超过 " + std::to_string(kMaxFiles) + " 份，请按年度、地区等缩小范围后再下载");
  }
  std::vector<store::OriginalFile> files;
  size_t total = 0;
  for (const auto& row : *list) {
    auto o = store::ReportOriginal(lease->get(), row["id"].get<int64_t>());
    if (!o) return FromError(o.error());
    total += o->bytes.size();
    if (total > kMaxBytes) {
      return ErrorResponse(413, "too_large", "选中报告的原文件合计超过 512 MB，请缩小范围后再下载");
    }
    // Each under its report number, so that files of the same name do not overwrite each other.
    o->name = std::to_string(row["id"].get<int64_t>()) + "_" + ToValidUtf8(o->name);
    files.push_back(std::move(*o));
  }
  std::vector<std::pair<std::string, std::string_view>> entries;
  for (const auto& o : files) entries.emplace_back(o.name, o.bytes);
  auto zip = ZipInMemory(entries, "压缩包");
  if (!zip) return FromError(zip.error());
  ApiResponse res;
  res.content_type = "application/zip";
  res.body = std::move(*zip);
  res.filename = "年报原文件（" + std::to_string(files.size()) + "份）.zip";
  return res;
}

ApiResponse Api::Original(const Caller& c, int64_t id) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto rep = store::LoadReport(lease->get(), id);
  if (!rep) return rep.error().code == ErrorCode::kInvalidArgument ? ErrorResponse(404, "not_found", rep.error().message) : FromError(rep.error());
  if (!InScope(c.Scope(), (*rep)["store"])) return OutOfScope();
  auto original = store::ReportOriginal(lease->get(), id);
  if (!original) return FromError(original.error());
  ApiResponse res;
  res.content_type = "application/octet-stream";
  res.body = std::move(original->bytes);
  res.filename = original->name;
  return res;
}

ApiResponse Api::DeleteReport(const Caller& c, int64_t id) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto doc = store::DocumentOfReport(lease->get(), id);
  if (!doc) return FromError(doc.error());
  if (!*doc) return ErrorResponse(404, "not_found", "没有编号为 " + std::to_string(id) + " 的报告");
  const int64_t document_id = **doc;
  const std::string actor = c.session ? c.session->account.name : "单用户";
  auto gone = (*lease)->DeleteDocument(document_id, actor);
  if (!gone) return FromError(gone.error());
  if (!*gone) return ErrorResponse(404, "not_found", "这份报告已被删除");
  // The body's other years compared against this one: their cross-year findings are rewritten now.
  if (auto cc = (*lease)->RunPendingCorpusChecks(); !cc) return FromError(cc.error());
  return JsonResponse({{"deleted", {{"report_id", id}, {"document_id", document_id}, {"file", ToValidUtf8((*gone)->name)}}}});
}

ApiResponse Api::Agencies(const ApiRequest& r, const Caller& c) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto list = store::MatchAgencies(lease->get(), r.Param("q"));
  if (!list) return FromError(list.error());
  if (auto scope = c.Scope()) {
    json mine = json::array();
    for (auto& a : *list) {
      if (InScope(scope, {{"agency_id", a["id"]}, {"region", a["region"]}})) mine.push_back(std::move(a));
    }
    *list = std::move(mine);
  }
  return JsonResponse(json{{"agencies", std::move(*list)}});
}

ApiResponse Api::Agency(const ApiRequest&, const Caller& c, int64_t id) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto info = store::AgencyInfo(lease->get(), id);
  if (!info) return FromError(info.error());
  if (!*info) return ErrorResponse(404, "not_found", "没有编号为 " + std::to_string(id) + " 的机关");
  if (!InScope(c.Scope(), {{"agency_id", (**info)["id"]}, {"region", (**info)["region"]}})) return OutOfScope();
  json agency = std::move(**info);
  auto years = store::ReportsByYear(lease->get(), id);
  if (!years) return FromError(years.error());
  json reports = json::array(), comparisons = json::array();
  int prev_year = 0;
  int64_t prev_id = 0;
  for (const auto& [year, rid] : *years) {
    auto rep = store::LoadReport(lease->get(), rid);
    if (!rep) return FromError(rep.error());
    rep->erase("sections");
    reports.push_back(std::move(*rep));
    if (prev_id && year == prev_year + 1) {
      auto cmp = store::CompareReports(lease->get(), prev_id, rid);
      if (!cmp) return FromError(cmp.error());
      json changed = json::array();
      for (const auto& c : (*cmp)["cells"]) {
        if (c["a"] != c["b"]) changed.push_back(c);
      }
      (*cmp)["cells"] = std::move(changed);
      comparisons.push_back(std::move(*cmp));
    }
    prev_year = year;
    prev_id = rid;
  }
  return JsonResponse(json{{"agency", agency}, {"reports", reports}, {"comparisons", comparisons}});
}

ApiResponse Api::Stats(const ApiRequest& r, const Caller& c) {
  store::ReportFilter f;
  std::string error;
  if (!Filter(r, &f, &error)) return ErrorResponse(400, "invalid_argument", error);
  f.scope = c.Scope();
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto s = store::Stats(lease->get(), r.Param("by").empty() ? "year" : r.Param("by"), f);
  if (!s) return FromError(s.error());
  return JsonResponse(*s);
}

ApiResponse Api::Missing(const ApiRequest& r) {
  int64_t year = 0;
  if (!ParseInt(r.Param("year"), &year)) return ErrorResponse(400, "invalid_argument", "请给出报告年度");
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  if (r.method == "POST" && !r.body.empty()) {
    // A roster sent with the question only answers it: the stored agencies are not renamed or re-classed
    // (that is `xxgk agency roster FILE`, an explicit action).
    auto roster = store::ParseRoster(r.body);
    if (!roster) return FromError(roster.error());
    if (roster->empty()) return ErrorResponse(400, "invalid_argument", "名录为空：请上传 CSV（名称,地区,类别），每行一个机关");
    auto m = store::MissingForRoster(lease->get(), *roster, static_cast<int>(year), TodayIso());
    if (!m) return FromError(m.error());
    return JsonResponse(*m);
  }
  auto m = store::Missing(lease->get(), static_cast<int>(year), TodayIso());
  if (!m) return FromError(m.error());
  return JsonResponse(*m);
}

ApiResponse Api::Failed(const ApiRequest&) {
  auto lease = pool_.Acquire();
  if (!lease) return FromError(lease.error());
  auto list = store::ListFailed(lease->get());
  if (!list) return FromError(list.error());
  return JsonResponse(json{{"documents", std::move(*list)}});
}

bool InScope(const std::optional<store::AccessScope>& scope, const json& where) {
  if (!scope) return true;
  std::optional<int64_t> id;
  if (where.is_object() && where.contains("agency_id") && where["agency_id"].is_number_integer()) id = where["agency_id"].get<int64_t>();
  const std::string region = where.is_object() && where.contains("region") && where["region"].is_string() ? where["region"].get<std::string>() : "";
  return scope->Contains(id, region);
}

ApiResponse OutOfScope() { return ErrorResponse(403, "forbidden", "这份报告或这个机关不在本账号的范围内"); }

}  // namespace xxgk::server
