// Bounds on connections, which cpp-httplib does not have: at most N open connections per client address
// (beyond that a connection is answered 429 and closed at once), a deadline for a request's headers (from
// the connection's start or the end of its previous response), and a deadline for the rest of the request
// (body, handling, response). A worker held by a slow client is freed by shutting the socket down.
//
// cpp-httplib accepts and closes its connections itself, with no hook for either, so the guard sees them
// by interposing the process's accept() and close() (connection_guard.cc): accept counts the new
// connection against its address, close forgets it. Both are plain pass-through system calls until
// Start() is called, and for any descriptor the guard does not track. The server tells the guard when a
// request's headers have been read (its pre-routing handler) and when a response has been written (its
// logger); a watchdog thread applies the deadlines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace xxgk::server {

struct ConnectionLimits {
  int max_per_client = 32;        // open connections from one address
  double header_seconds = 10;     // to send a request's headers
  double request_seconds = 300;   // to send the body and be answered
};

// Starts guarding connections accepted on listen_fd. Call once, before the server accepts.
void StartConnectionGuard(int listen_fd, const ConnectionLimits& limits);
// Stops the watchdog; connections are no longer counted.
void StopConnectionGuard();

// The server's hooks, by the client's address and port (httplib's Request::remote_addr/remote_port).
void GuardHeadersRead(const std::string& addr, int port);
void GuardResponseWritten(const std::string& addr, int port);

}  // namespace xxgk::server
