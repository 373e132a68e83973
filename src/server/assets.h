// The web app's static files (web/static/*, ECharts from npm), compiled into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace xxgk::server {

struct Asset {
  std::string_view path;   // URL path, e.g. "/app.js"
  std::string_view bytes;
  std::string_view gzip;   // the same bytes compressed at build time (gzip -9)
};

const std::vector<Asset>& EmbeddedAssets();

// The asset at a URL path ("/" is "/index.html"), or nullptr.
const Asset* FindAsset(std::string_view path);
// Whether an Accept-Encoding header accepts gzip (a "gzip" token whose q is not 0).
bool AcceptsGzip(std::string_view accept_encoding);
// Content type from the file extension.
const char* ContentType(std::string_view path);

}  // namespace xxgk::server
