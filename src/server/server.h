// `xxgk serve`: the web app (上传核验, 年报库, 统计) and the JSON API over the pipeline and the store, on
// cpp-httplib. Loopback by default; uploads are parsed in memory; a size limit answers 413.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace xxgk::server {

struct ServerOptions {
  std::string db = "sqlite:xxgk.db";
  std::string bind = "127.0.0.1";
  int port = 8080;
  uint64_t max_upload_mb = 50;
  double max_seconds = PipelineOptions{}.max_seconds;  // work budget per uploaded document
  int max_connections_per_client = 32;  // open connections from one address (429 beyond)
  double header_seconds = 10;           // to send a request's headers (the connection is closed after)
  int threads = 0;           // 0: 16 per core, at least 64
  std::string data_dir;      // temporary exports; default a fresh directory under /tmp, removed at exit
  bool quiet = false;
  std::vector<std::string> public_hosts;  // host names users reach the server by, besides loopback and `bind`
  std::string tls_cert, tls_key;          // PEM files: serve HTTPS (cookies then carry Secure); both or neither
};

// Runs until SIGINT/SIGTERM. Returns the process exit code.
int RunServer(const ServerOptions& options);

}  // namespace xxgk::server
