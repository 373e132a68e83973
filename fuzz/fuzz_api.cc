// Fuzz target: the whole API dispatcher as the server calls it, behind the request policy. The input is a
// request in text: the method and path (with a query) on the first line, then "Name: value" headers, a
// blank line and the body; a body cut by "\n--file--\n" becomes multipart uploads. Properties checked on
// every response: no 5xx but 503 (a malformed request is the client's fault, 4xx), a JSON body that parses,
// and no internal text (exception messages) in it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/api.h"
#include "server/request_policy.h"

namespace {

using namespace xxgk::server;

Api& TheApi() {
  static Api* api = [] {
    std::string dir = (std::filesystem::temp_directory_path() / ("xxgk-fuzz-api-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    ApiOptions o;
    o.db = "sqlite:" + dir + "/fuzz.db";
    o.data_dir = dir;
    o.max_seconds = 2;
    return new Api(o);
  }();
  return *api;
}

std::string_view NextLine(std::string_view* s) {
  size_t nl = s->find('\n');
  std::string_view line = s->substr(0, nl);
  *s = nl == std::string_view::npos ? std::string_view() : s->substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void ParseQuery(std::string_view q, ApiRequest* r) {
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view kv = q.substr(0, amp);
    size_t eq = kv.find('=');
    r->query.emplace(std::string(kv.substr(0, eq)), eq == std::string_view::npos ? "" : std::string(kv.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view first = NextLine(&in);
  ApiRequest r;
  size_t sp = first.find(' ');
  r.method = std::string(first.substr(0, sp));
  std::string_view target = sp == std::string_view::npos ? std::string_view() : first.substr(sp + 1);
  size_t qm = target.find('?');
  r.path = std::string(target.substr(0, qm));
  if (qm != std::string_view::npos) ParseQuery(target.substr(qm + 1), &r);

  RequestHead head;
  head.method = r.method;
  std::string host = "127.0.0.1:8080", origin, site, length;
  while (!in.empty()) {
    std::string_view h = NextLine(&in);
    if (h.empty()) break;
    size_t colon = h.find(':');
    std::string_view name = h.substr(0, colon), value = colon == std::string_view::npos ? "" : h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (name == "Host") host = value;
    else if (name == "Origin") origin = value;
    else if (name == "Sec-Fetch-Site") site = value;
    else if (name == "Content-Length") length = value;
  }
  head.host = host;
  head.origin = origin;
  head.sec_fetch_site = site;
  if (!length.empty() && length.size() < 19 && length.find_first_not_of("0123456789") == std::string::npos) {
    head.content_length = std::stoull(length);
  }
  static const RequestPolicy policy{"127.0.0.1", {"reports.example.gov.cn"}, 1 << 20};
  ApiResponse res;
  if (auto refusal = CheckRequest(head, policy)) {
    res = *refusal;
  } else {
    static const std::string_view kFile = "\n--file--\n";
    if (in.find(kFile) != std::string_view::npos) {
      while (!in.empty()) {
        size_t cut = in.find(kFile);
        r.files.push_back({"upload.txt", std::string(in.substr(0, cut))});
        if (cut == std::string_view::npos) break;
        in.remove_prefix(cut + kFile.size());
      }
    } else {
      r.body = std::string(in);
    }
    res = TheApi().Handle(r);
  }
  if (res.status >= 500 && res.status != 503) std::abort();  // a client's request never makes a server error
  if (res.content_type.find("json") != std::string::npos) {
    nlohmann::json j = nlohmann::json::parse(res.body, nullptr, false);
    if (j.is_discarded()) std::abort();
    // Internal text: nlohmann's exception messages (unless the request itself carried the words, which a
    // 404 echoes as the path asked for).
    static const std::string_view kInternal = "[json.exception";
    if (res.status >= 400 && res.body.find(kInternal) != std::string::npos &&
        std::string_view(reinterpret_cast<const char*>(data), size).find(kInternal) == std::string_view::npos) {
      std::abort();
    }
  }
  return 0;
}
