// The JSON API of `xxgk serve`, independent of the HTTP library: a request in, a response out. Check
// uploads (in memory), query the store, render and export. Errors are JSON with the right status:
// {"error": {"status": 400, "code": "invalid_argument", "message": "…"}}.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "render/render.h"
#include "store/accounts.h"
#include "store/coverage.h"
#include "store/queries.h"
#include "store/store.h"

namespace xxgk::server {

struct Upload {
  std::string filename;
  std::string content;
};

struct ApiRequest {
  std::string method;                           // GET, POST
  std::string path;                             // "/api/reports/12"
  std::multimap<std::string, std::string> query;
  std::string body;                             // raw body (when not multipart)
  std::vector<Upload> files;                    // multipart uploads
  std::string session_token;                    // the xxgk_session cookie, if any
  std::string csrf_token;                       // the X-CSRF-Token header, if any
  std::string address;                          // the client's address (for sign-in limits and the audit)
  bool secure = false;                          // arrived over TLS: cookies get Secure
  std::string Param(const std::string& key) const;
  bool Has(const std::string& key) const { return query.count(key) > 0; }
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string filename;  // a download: sent with Content-Disposition
  int retry_after = 0;   // seconds, for a 503
  std::vector<std::string> set_cookies;  // Set-Cookie header values
};

struct ApiOptions {
  std::string db = "sqlite:xxgk.db";
  std::string data_dir;  // where temporary exports are written; never a client-chosen path
  int max_parses = 0;    // documents parsed at once (0: one per core); more wait, up to max_waiting
  double max_seconds = 10;  // work budget per document (PipelineOptions::max_seconds)
  int max_waiting = 0;   // requests waiting for a parse (0: 64, the worker pool); beyond, 503 with Retry-After
};

// Admission to parsing: at most `running` at once, at most `waiting` queued behind them; the rest are
// turned away at once (the server answers 503 with Retry-After) instead of piling up memory.
class ParseGate {
 public:
  ParseGate(int running, int waiting) : running_(running), waiting_(waiting) {}
  bool Enter();  // false: the queue is full
  void Leave();
  int Queued() const;  // requests waiting to enter

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int running_, waiting_;
  int active_ = 0, queued_ = 0;
};

// Store connections for concurrent requests: one per request at a time, reused.
class StorePool {
 public:
  explicit StorePool(std::string url) : url_(std::move(url)) {}
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease();
    store::Store* operator->() { return store_.get(); }
    store::Store* get() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };
  // A store of the pool (opened on first need). Errors: those of Store::Open (kDatabase).
  Result<Lease> Acquire();

 private:
  friend class Lease;
  std::string url_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

class Api {
 public:
  explicit Api(ApiOptions options);
  ApiResponse Handle(const ApiRequest& request);

 private:
  // Who is asking (auth_api.cc). With no enabled account the server is single-user (loopback only) and
  // every request is the administrator's; otherwise a request needs a session, and a state-changing one
  // its CSRF token.
  struct Caller {
    bool accounts = false;                 // accounts mode
    std::optional<store::Session> session;
    std::vector<int64_t> subtree;          // the bodies under a reviewer's "subtree" scopes (read at Gate)
    bool Admin() const { return !accounts || (session && session->account.role == store::Role::kAdmin); }
    // What of the corpus the caller may see: nullopt for everything (the administrator), else an
    // officer's body or a reviewer's bodies and regions.
    std::optional<store::AccessScope> Scope() const;
  };
  // A refusal (401, 403, 429) for a request its caller may not make, or nullopt; fills `caller`.
  std::optional<ApiResponse> Gate(const ApiRequest& r, Caller* caller);
  ApiResponse Login(const ApiRequest& r);
  ApiResponse Logout(const ApiRequest& r);
  ApiResponse SessionInfo(const Caller& c);
  ApiResponse Users(const ApiRequest& r, const Caller& c);
  ApiResponse Audit(const ApiRequest& r);
  bool LoginAllowed(const std::string& address);  // per-address sign-in rate limit

  ApiResponse Check(const ApiRequest& r, const Caller& caller);
  ApiResponse Layout(const ApiRequest& r);
  ApiResponse Render(const ApiRequest& r);
  ApiResponse ExportXlsx(const ApiRequest& r, const Caller& c);
  ApiResponse Reports(const ApiRequest& r, const Caller& c);
  ApiResponse Report(const ApiRequest& r, const Caller& c, int64_t id);
  ApiResponse Original(const Caller& c, int64_t id);  // the file a stored report was read from
  ApiResponse OriginalsZip(const ApiRequest& r, const Caller& c);  // the originals of a selection
  ApiResponse DeleteReport(const Caller& c, int64_t id);  // a stored report and its file (the administrator)
  // The registry, coverage, review and rectification (registry_api.cc).
  ApiResponse Registry(const ApiRequest& r, const Caller& c);
  ApiResponse Coverage(const ApiRequest& r, const Caller& c);
  ApiResponse ReviewReport(const ApiRequest& r, const Caller& c, int64_t id, bool rectify);
  ApiResponse Rectifications(const ApiRequest& r, const Caller& c);
  ApiResponse Supervision(const ApiRequest& r, const Caller& c);  // indicators, scores, the notice
  // The office's register of applications (register_api.cc).
  ApiResponse Register(const ApiRequest& r, const Caller& c);
  // The year, subtree, date and scope of a supervision request, or the 400 that refuses it.
  std::optional<ApiResponse> QueryOf(const ApiRequest& r, const Caller& c, store::CoverageQuery* q);
  // The bytes of a workbook `write` writes to a private file in the data directory (then removed).
  Result<std::string> XlsxBody(const std::function<Result<void>(const std::string& path)>& write);
  ApiResponse Agencies(const ApiRequest& r, const Caller& c);
  ApiResponse Agency(const ApiRequest& r, const Caller& c, int64_t id);
  ApiResponse Stats(const ApiRequest& r, const Caller& c);
  ApiResponse Missing(const ApiRequest& r);
  ApiResponse Failed(const ApiRequest& r);

  ApiOptions options_;
  std::mutex login_mu_;
  std::map<std::string, std::deque<int64_t>> login_attempts_;  // address → its attempts in the last minute (ms)
  StorePool pool_;
  ParseGate gate_;
};

// A non-negative integer written in digits only (at most 18), for ids and limits in paths and queries.
bool ParseInt(const std::string& s, int64_t* out);
// A year parameter (2000–2100).
bool ParseYear(const std::string& text, int* year);

// A JSON response, and the error response of an Error (its HTTP status from HttpStatusOf).
ApiResponse JsonResponse(const nlohmann::json& j, int status = 200);
// A rendered report as a download named after its body and year.
ApiResponse RenderedResponse(const xxgk::Report& report, RenderFormat format);
ApiResponse FromError(const Error& e);

// A JSON error response.
ApiResponse ErrorResponse(int status, const std::string& code, const std::string& message);

// Whether a stored report's or body's {"agency_id", "region"} is in a caller's scope (nullopt: everything),
// and the 403 for one that is not.
bool InScope(const std::optional<store::AccessScope>& scope, const nlohmann::json& where);
ApiResponse OutOfScope();

}  // namespace xxgk::server
