#include "cli/serve_command.h"

#include <cstdlib>

#include "cli/budget_flags.h"
#include "cli/inputs.h"
#include "server/server.h"

namespace xxgk::cli {

struct ServeCommand {
  server::ServerOptions options;
  CLI::App* cmd = nullptr;
};

std::shared_ptr<ServeCommand> RegisterServeCommand(CLI::App& app) {
  auto s = std::make_shared<ServeCommand>();
  s->options.db = DefaultStoreUrl();
  s->cmd = app.add_subcommand("serve", "Serve the web app (上传核验, 年报库, 统计) and the JSON API.");
  s->cmd->add_option("--db", s->options.db, "Store URL (default sqlite:xxgk.db, or $XXGK_DB)");
  s->cmd->add_option("--bind", s->options.bind, "Address to listen on (default loopback only)")->default_val("127.0.0.1");
  s->cmd->add_option("--port", s->options.port, "Port (1–65535)")->default_val(8080)->check(CLI::Range(1, 65535));
  s->cmd->add_option("--max-upload-mb", s->options.max_upload_mb, "Largest accepted request body, MiB (1–4096; 413 beyond)")
      ->default_val(50)
      ->check(CLI::Range(uint64_t{1}, uint64_t{4096}));
  AddSecondsFlag(s->cmd, &s->options.max_seconds);
  s->cmd->add_option("--max-connections-per-client", s->options.max_connections_per_client,
                     "Open connections one client address may hold (1–1024; 429 beyond)")
      ->default_val(s->options.max_connections_per_client)
      ->check(CLI::Range(1, 1024));
  s->cmd->add_option("--header-seconds", s->options.header_seconds,
                     "Time a connection has to send a request's headers (1–300; closed after)")
      ->default_val(s->options.header_seconds)
      ->check(CLI::Range(1.0, 300.0));
  s->cmd->add_option("--threads", s->options.threads, "Worker threads (1–4096; default 16 per core, at least 64)")
      ->check(CLI::Range(1, 4096));
  s->cmd->add_option("--data-dir", s->options.data_dir, "Directory for temporary exports (default a fresh one under /tmp)");
  s->cmd->add_flag("--quiet", s->options.quiet, "Do not print the address at start");
  auto* cert = s->cmd->add_option("--tls-cert", s->options.tls_cert, "Serve HTTPS with this certificate (PEM)")->check(CLI::ExistingFile);
  auto* key = s->cmd->add_option("--tls-key", s->options.tls_key, "…and this private key (PEM)")->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  s->cmd->add_option("--public-host", s->options.public_hosts,
                     "A host name users reach the server by (repeatable); other Host headers are refused (421)");
  return s;
}

std::optional<int> RunServeCommand(ServeCommand& s) {
  if (!*s.cmd) return std::nullopt;
  return server::RunServer(s.options);
}

}  // namespace xxgk::cli
