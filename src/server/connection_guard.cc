#include "server/connection_guard.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

namespace xxgk::server {
namespace {

using Clock = std::chrono::steady_clock;

struct Conn {
  std::string addr;
  int port = 0;
  Clock::time_point deadline;
  bool cut = false;
};

struct Guard {
  std::mutex mu;
  int listen_fd = -1;
  ConnectionLimits limits;
  std::unordered_map<int, Conn> by_fd;
  std::unordered_map<std::string, int> per_addr;
  std::map<std::pair<std::string, int>, int> fd_by_peer;
  std::thread watchdog;
  std::condition_variable wake;
  bool stopping = false;
};

// Set while the guard runs; accept() and close() look at nothing else when it is off.
std::atomic<bool> g_on{false};

Guard& G() {
  static Guard* g = new Guard;  // never destroyed: close() may be called during exit
  return *g;
}

Clock::duration Seconds(double s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s)); }

std::pair<std::string, int> PeerOf(const sockaddr_storage& ss, socklen_t len) {
  char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
  // The same spelling as cpp-httplib's Request::remote_addr / remote_port.
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&ss), len, host, sizeof host, serv, sizeof serv,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return {"", 0};
  }
  return {host, std::atoi(serv)};
}

// The answer to a connection over the per-client cap, sent without waiting before it is closed.
const std::string& TooManyAnswer() {
  static const std::string answer = [] {
    const std::string body =
        "{\"error\":{\"status\":429,\"code\":\"too_many_connections\",\"message\":\"同一地址的连接过多，请稍后重试\"}}";
    return "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 5\r\n"
           "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return answer;
}

void Forget(Guard& g, int fd) {
  auto it = g.by_fd.find(fd);
  if (it == g.by_fd.end()) return;
  auto a = g.per_addr.find(it->second.addr);
  if (a != g.per_addr.end() && --a->second <= 0) g.per_addr.erase(a);
  g.fd_by_peer.erase({it->second.addr, it->second.port});
  g.by_fd.erase(it);
}

void Watch() {
  Guard& g = G();
  std::unique_lock<std::mutex> lock(g.mu);
  while (!g.stopping) {
    g.wake.wait_for(lock, std::chrono::milliseconds(250));
    const auto now = Clock::now();
    for (auto& [fd, c] : g.by_fd) {
      if (c.cut || now < c.deadline) continue;
      // Under the lock: close() waits for it, so fd is still this connection.
      ::shutdown(fd, SHUT_RDWR);
      c.cut = true;
    }
  }
}

// The connection's next deadline, `limit` (a field of ConnectionLimits) from now.
void SetDeadline(const std::string& addr, int port, double ConnectionLimits::*limit) {
  if (!g_on.load(std::memory_order_acquire)) return;
  Guard& g = G();
  std::lock_guard<std::mutex> lock(g.mu);
  auto it = g.fd_by_peer.find({addr, port});
  if (it == g.fd_by_peer.end()) return;
  Conn& c = g.by_fd[it->second];
  if (!c.cut) c.deadline = Clock::now() + Seconds(g.limits.*limit);
}

}  // namespace

void StartConnectionGuard(int listen_fd, const ConnectionLimits& limits) {
  Guard& g = G();
  std::lock_guard<std::mutex> lock(g.mu);
  if (g_on.load()) return;
  g.listen_fd = listen_fd;
  g.limits = limits;
  g.stopping = false;
  (void)TooManyAnswer();
  g.watchdog = std::thread(Watch);
  g_on.store(true, std::memory_order_release);
}

void StopConnectionGuard() {
  Guard& g = G();
  {
    std::lock_guard<std::mutex> lock(g.mu);
    if (!g_on.load()) return;
    g_on.store(false, std::memory_order_release);
    g.stopping = true;
    g.by_fd.clear();
    g.per_addr.clear();
    g.fd_by_peer.clear();
  }
  g.wake.notify_all();
  if (g.watchdog.joinable()) g.watchdog.join();
}

void GuardHeadersRead(const std::string& addr, int port) { SetDeadline(addr, port, &ConnectionLimits::request_seconds); }
void GuardResponseWritten(const std::string& addr, int port) { SetDeadline(addr, port, &ConnectionLimits::header_seconds); }

}  // namespace xxgk::server

// The interposed system calls. Outside the guard's listening socket and tracked descriptors they are the
// plain system calls (errno set as libc would).
extern "C" int accept(int fd, struct sockaddr* addr, socklen_t* addr_len) {
  using namespace xxgk::server;
  for (;;) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    int s = static_cast<int>(syscall(SYS_accept4, fd, reinterpret_cast<sockaddr*>(&ss), &len, 0));
    if (s < 0) return s;
    if (addr && addr_len) {
      std::memcpy(addr, &ss, std::min<socklen_t>(*addr_len, len));
      *addr_len = len;
    }
    if (!g_on.load(std::memory_order_acquire)) return s;
    Guard& g = G();
    auto [ip, port] = PeerOf(ss, len);
    {
      std::lock_guard<std::mutex> lock(g.mu);
      if (fd != g.listen_fd) return s;
      int& open = g.per_addr[ip];
      if (open < g.limits.max_per_client) {
        ++open;
        Conn c;
        c.addr = ip;
        c.port = port;
        c.deadline = Clock::now() + Seconds(g.limits.header_seconds);
        g.by_fd[s] = std::move(c);
        g.fd_by_peer[{ip, port}] = s;
        return s;
      }
      if (open == 0) g.per_addr.erase(ip);
    }
    const std::string& answer = TooManyAnswer();
    (void)::send(s, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    syscall(SYS_close, s);
  }
}

extern "C" int close(int fd) {
  using namespace xxgk::server;
  if (g_on.load(std::memory_order_acquire)) {
    Guard& g = G();
    std::lock_guard<std::mutex> lock(g.mu);
    Forget(g, fd);
  }
  return static_cast<int>(syscall(SYS_close, fd));
}
