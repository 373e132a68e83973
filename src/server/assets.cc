#include "server/assets.h"

namespace xxgk::server {

const Asset* FindAsset(std::string_view path) {
  if (path == "/" || path.empty()) path = "/index.html";
  for (const auto& a : EmbeddedAssets()) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

bool AcceptsGzip(std::string_view h) {
  // Tokens separated by commas, each "coding[;q=value]"; case-insensitive coding names.
  while (!h.empty()) {
    size_t comma = h.find(',');
    std::string_view item = h.substr(0, comma);
    h = comma == std::string_view::npos ? std::string_view() : h.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
    if (coding.size() != 4) continue;
    bool gzip = true;
    for (size_t i = 0; i < 4; ++i) gzip &= (coding[i] | 0x20) == "gzip"[i];
    if (!gzip) continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view v = params.substr(q + 2);
    // q=0, q=0.0, q=0.000: refused; anything else accepts.
    bool zero = !v.empty() && v[0] == '0';
    for (size_t i = 1; zero && i < v.size() && v[i] != ' ' && v[i] != ';'; ++i) zero = v[i] == '.' || v[i] == '0';
    return !zero;
  }
  return false;
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
