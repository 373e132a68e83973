#include "server/server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "server/api.h"
#include "store/accounts.h"
#include "server/assets.h"
#include "server/connection_guard.h"
#include "server/request_policy.h"

namespace xxgk::server {
namespace {

httplib::Server* g_server = nullptr;

void OnSignal(int) {
  if (g_server) g_server->stop();
}

ApiRequest ToApi(const httplib::Request& req) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.query.emplace(k, v);
  // The session cookie (xxgk_session=…) among the request's cookies, the CSRF header, the client.
  const std::string cookies = req.get_header_value("Cookie");
  for (size_t pos = 0; pos < cookies.size();) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string_view c(cookies.data() + pos, end - pos);
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    if (c.substr(0, 13) == "xxgk_session=") r.session_token = std::string(c.substr(13));
    pos = end + 1;
  }
  r.csrf_token = req.get_header_value("X-CSRF-Token");
  r.address = req.remote_addr;
  if (req.is_multipart_form_data()) {
    for (const auto& [name, file] : req.files) r.files.push_back({file.filename, file.content});
  } else {
    r.body = req.body;
  }
  return r;
}

void Send(const ApiResponse& a, httplib::Response& res) {
  res.status = a.status;
  for (const std::string& c : a.set_cookies) res.set_header("Set-Cookie", c);
  if (a.retry_after > 0) res.set_header("Retry-After", std::to_string(a.retry_after));
  if (!a.filename.empty()) {
    std::string encoded;
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : a.filename) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
      else {
        encoded += '%';
        encoded += hex[c >> 4];
        encoded += hex[c & 15];
      }
    }
    res.set_header("Content-Disposition", "attachment; filename=\"report\"; filename*=UTF-8''" + encoded);
  }
  res.set_content(a.body, a.content_type.c_str());
}

}  // namespace

int RunServer(const ServerOptions& o) {
  std::string data_dir = o.data_dir;
  bool own_dir = false;
  if (data_dir.empty()) {
    char tmpl[] = "/tmp/xxgk-serve.XXXXXX";
    if (!mkdtemp(tmpl)) {
      std::fprintf(stderr, "xxgk: 无法创建临时目录\n");
      return 2;
    }
    data_dir = tmpl;
    own_dir = true;
  }
  ApiOptions ao;
  ao.db = o.db;
  ao.data_dir = data_dir;
  ao.max_seconds = o.max_seconds;
  // Open the store once up front: a bad URL is reported now, not on the first request.
  {
    auto s = store::Store::Open(o.db);
    if (!s) {
      std::fprintf(stderr, "xxgk: %s\n", s.error().message.c_str());
      return 2;
    }
    // Without accounts everyone who reaches the server is its administrator: loopback only.
    // (127.0.0.1 itself: another 127.x address is treated as a network address, as the tests use one.)
    const bool loopback = o.bind == "127.0.0.1" || o.bind == "::1" || o.bind == "localhost";
    auto accounts = store::HasEnabledAccounts(s->get());
    if (!accounts) {
      std::fprintf(stderr, "xxgk: %s\n", accounts.error().message.c_str());
      return 2;
    }
    if (!loopback && !*accounts) {
      std::fprintf(stderr,
                   "xxgk: 不能在 %s 上提供服务：年报库还没有账号，任何能访问该地址的人都能读写它。请先用 "
                   "xxgk user add 名称 --role admin 创建管理员账号，或只在本机地址（127.0.0.1）上提供服务。\n",
                   o.bind.c_str());
      return 2;
    }
  }
  Api api(ao);
  // HTTPS when given a certificate and its key (cpp-httplib's OpenSSL support), else HTTP.
  std::unique_ptr<httplib::Server> server;
  const bool tls = !o.tls_cert.empty();
  if (tls) {
    auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!ssl->is_valid()) {
      std::fprintf(stderr, "xxgk: 无法载入 TLS 证书或私钥（%s，%s）：请确认是 PEM 格式且相互匹配\n", o.tls_cert.c_str(),
                   o.tls_key.c_str());
      return 2;
    }
    server = std::move(ssl);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  httplib::Server& svr = *server;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  // A connection holds its worker while it is kept alive, so there are many more workers than cores (they
  // mostly wait on sockets), and a kept-alive connection yields its worker after 100 requests.
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(64u, cores * 16));
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(o.max_upload_mb << 20);
  svr.set_read_timeout(30, 0);   // a slow upload holds one worker for at most this long between reads
  svr.set_write_timeout(30, 0);
  svr.set_keep_alive_max_count(100);
  // httplib listens with a backlog of 5: under load, clients reconnecting at once overflow it and wait for
  // SYN retries (seconds). Keep the listening socket to widen the backlog after bind.
  int listen_fd = -1;
  svr.set_socket_options([&listen_fd](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = sock;
  });
  svr.set_tcp_nodelay(true);  // headers and body go out in separate writes: no Nagle delay between them

  // Before routing (and before any body is read): the host, the origin of state-changing requests, the
  // declared size (request_policy.h).
  RequestPolicy policy{o.bind, o.public_hosts, o.max_upload_mb << 20};
  svr.set_pre_routing_handler([policy](const httplib::Request& req, httplib::Response& res) {
    GuardHeadersRead(req.remote_addr, req.remote_port);  // the headers are in: the request deadline starts
    RequestHead head;
    head.method = req.method;
    const std::string host = req.get_header_value("Host"), origin = req.get_header_value("Origin"),
                      site = req.get_header_value("Sec-Fetch-Site"), length = req.get_header_value("Content-Length");
    head.host = host;
    head.origin = origin;
    head.sec_fetch_site = site;
    if (!length.empty()) {
      uint64_t n = 0;
      bool digits = length.size() <= 19;
      for (char c : length) digits &= c >= '0' && c <= '9', n = n * 10 + static_cast<uint64_t>(c - '0');
      head.content_length = digits ? n : UINT64_MAX;
    }
    if (auto refusal = CheckRequest(head, policy)) {
      Send(*refusal, res);
      if (refusal->status == 413) res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Written: the connection has header_seconds to send its next request (connection_guard.h).
  svr.set_logger([](const httplib::Request& req, const httplib::Response&) { GuardResponseWritten(req.remote_addr, req.remote_port); });
  // Every response: no framing by other sites, no type sniffing, no referrer, scripts only from here.
  svr.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                   "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    if (res.has_header("Content-Disposition")) res.set_header("Cache-Control", "no-store");  // exports
  });

  // One handler per method, dispatching on the path ourselves (no regex per route).
  auto api_handler = [&api, tls](const httplib::Request& req, httplib::Response& res) {
    ApiRequest r = ToApi(req);
    r.secure = tls;
    Send(api.Handle(r), res);
  };
  svr.Post("/api/.*", api_handler);
  svr.Get("/.*", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0 && req.path != "/api/openapi.json") {
      api_handler(req, res);
      return;
    }
    std::string path = req.path == "/api/openapi.json" ? "/openapi.json" : req.path;
    const Asset* a = FindAsset(path);
    if (!a) {
      // The app's own routes (#…) all start from index.html; anything else is 404.
      Send(ErrorResponse(404, "not_found", "没有这个页面：" + req.path), res);
      return;
    }
    res.set_header("Cache-Control", path.find("echarts") != std::string::npos ? "max-age=86400" : "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    // Compressed once at build time (cmake/embed_assets.cmake); nothing is compressed per request. The
    // bytes are sent straight from the binary by a sized content provider, which cpp-httplib never
    // compresses (it compresses set_content bodies of text types, brotli first: 2.5 s for ECharts).
    std::string_view bytes = a->bytes;
    if (AcceptsGzip(req.get_header_value("Accept-Encoding"))) {
      res.set_header("Content-Encoding", "gzip");
      bytes = a->gzip;
    }
    res.set_content_provider(bytes.size(), ContentType(a->path),
                             [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
                               if (offset >= bytes.size()) return false;
                               return sink.write(bytes.data() + offset, std::min(length, bytes.size() - offset));
                             });
  });
  const std::string too_large = "上传的文件超过大小限制（本服务器每次最多接收 " + std::to_string(o.max_upload_mb) + " MB）";
  svr.set_error_handler([too_large](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string what = res.status == 413 ? too_large : res.status == 400 ? "请求格式不正确" : "请求无法处理";
    Send(ErrorResponse(res.status, res.status == 413 ? "too_large" : "bad_request", what), res);
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    // Never internal text to a client.
    Send(ErrorResponse(500, "internal", "服务器内部错误，请求未能完成"), res);
  });

  if (!svr.bind_to_port(o.bind.c_str(), o.port)) {
    std::fprintf(stderr, "xxgk: 无法在 %s:%d 上监听（端口被占用或地址无效）\n", o.bind.c_str(), o.port);
    return 2;
  }
  if (listen_fd >= 0) ::listen(listen_fd, 1024);
  ConnectionLimits limits;
  limits.max_per_client = o.max_connections_per_client;
  limits.header_seconds = o.header_seconds;
  if (listen_fd >= 0) StartConnectionGuard(listen_fd, limits);
  g_server = &svr;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  if (!o.quiet) {
    std::fprintf(stderr, "xxgk serve: %s://%s:%d/  （数据库 %s；上传上限 %llu MB；Ctrl+C 停止）\n", tls ? "https" : "http", o.bind.c_str(), o.port,
                 o.db.c_str(), static_cast<unsigned long long>(o.max_upload_mb));
  }
  bool ok = svr.listen_after_bind();
  g_server = nullptr;
  StopConnectionGuard();
  if (own_dir) {
    std::error_code ec;
    std::filesystem::remove_all(data_dir, ec);
  }
  return ok ? 0 : 2;
}

}  // namespace xxgk::server
