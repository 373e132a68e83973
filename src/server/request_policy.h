// Who may talk to the server, decided before a request is routed: the Host header must name this server
// (the loopback names, the bound address, or a --public-host), so that a DNS-rebinding page cannot read
// the store; a state-changing request must come from the server's own pages (its Origin, when the browser
// sends one, is this server; a browser's Sec-Fetch-Site is not cross-site), so that another site cannot
// store reports or change agencies; and a declared body over the limit is refused before it is read.
// Pure: headers in, a refusal (or none) out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api.h"

namespace xxgk::server {

struct RequestPolicy {
  std::string bind;                      // the address the server listens on
  std::vector<std::string> public_hosts; // host names (with or without port) users reach it by
  uint64_t max_body_bytes = 50ull << 20;
};

struct RequestHead {
  std::string_view method;
  std::string_view host;            // the Host header ("" when absent)
  std::string_view origin;          // the Origin header ("" when absent)
  std::string_view sec_fetch_site;  // the Sec-Fetch-Site header ("" when absent)
  std::optional<uint64_t> content_length;
};

// The refusal for a request that breaks the policy (421 wrong host, 403 foreign origin, 413 body too large),
// or nothing when it may go on.
std::optional<ApiResponse> CheckRequest(const RequestHead& r, const RequestPolicy& policy);

// The host part of a Host header or an origin's authority: "127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "::1".
std::string HostName(std::string_view host_port);

}  // namespace xxgk::server
