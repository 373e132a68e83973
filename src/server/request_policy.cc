#include "server/request_policy.h"

#include <cctype>

namespace xxgk::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool AllowedHost(std::string_view host_header, const RequestPolicy& p) {
  const std::string name = Lower(HostName(host_header));
  if (name.empty()) return false;
  if (name == "localhost" || name == "127.0.0.1" || name == "::1") return true;
  if (name == Lower(p.bind) && p.bind != "0.0.0.0" && p.bind != "::") return true;
  for (const std::string& h : p.public_hosts) {
    if (Lower(HostName(h)) == name) return true;
  }
  return false;
}

bool StateChanging(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

}  // namespace

std::string HostName(std::string_view s) {
  if (!s.empty() && s.front() == '[') {
    size_t close = s.find(']');
    return std::string(close == std::string_view::npos ? s.substr(1) : s.substr(1, close - 1));
  }
  size_t colon = s.find(':');
  return std::string(colon == std::string_view::npos ? s : s.substr(0, colon));
}

std::optional<ApiResponse> CheckRequest(const RequestHead& r, const RequestPolicy& p) {
  if (!AllowedHost(r.host, p)) {
    return ErrorResponse(421, "wrong_host",
                         "请求的主机名不是本服务器的地址；如需用其他主机名访问，请在启动时用 --public-host 指定");
  }
  if (StateChanging(r.method)) {
    if (r.sec_fetch_site == "cross-site") {
      return ErrorResponse(403, "foreign_origin", "拒绝来自其他网站的修改请求：请在本服务器的页面上操作");
    }
    if (!r.origin.empty()) {
      std::string_view o = r.origin;
      size_t scheme = o.find("://");
      std::string_view authority = scheme == std::string_view::npos ? std::string_view() : o.substr(scheme + 3);
      if (Lower(authority) != Lower(r.host)) {
        return ErrorResponse(403, "foreign_origin", "拒绝来自其他网站的修改请求：请在本服务器的页面上操作");
      }
    }
  }
  if (r.content_length && *r.content_length > p.max_body_bytes) {
    return ErrorResponse(413, "too_large",
                         "上传的文件超过大小限制（本服务器每次最多接收 " + std::to_string(p.max_body_bytes >> 20) + " MB；需要更大时请管理员调整服务器设置）");
  }
  return std::nullopt;
}

}  // namespace xxgk::server
