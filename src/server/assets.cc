#include "server/assets.h"

namespace xxgk::server {

const Asset* FindAsset(std::string_view path) {
  if (path == "/" || path.empty()) path = "/index.html";
  for (const auto& a : EmbeddedAssets()) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

const char* ContentType(std::string_view path) {
  auto ends = [&](std::string_view s) { return path.size() >= s.size() && path.substr(path.size() - s.size()) == s; };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace xxgk::server
