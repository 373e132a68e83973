// The server's admission rules, without a network: who may talk to it (request_policy.h) and how many
// documents are parsed at once (ParseGate in api.h).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "server/api.h"
#include "server/assets.h"
#include "server/request_policy.h"

namespace xxgk::server {
namespace {

RequestPolicy Policy() { return RequestPolicy{"127.0.0.1", {"gk.example.gov.cn"}, 1 << 20}; }

int Status(const RequestHead& h) {
  auto r = CheckRequest(h, Policy());
  return r ? r->status : 0;
}

TEST(RequestPolicy, HostMustNameTheServer) {
  EXPECT_EQ(Status({"GET", "127.0.0.1:8080", "", "", std::nullopt}), 0);
  EXPECT_EQ(Status({"GET", "localhost:8080", "", "", std::nullopt}), 0);
  EXPECT_EQ(Status({"GET", "[::1]:8080", "", "", std::nullopt}), 0);
  EXPECT_EQ(Status({"GET", "GK.example.gov.cn", "", "", std::nullopt}), 0);  // --public-host, any case
  EXPECT_EQ(Status({"GET", "evil.example:8080", "", "", std::nullopt}), 421);  // DNS rebinding
  EXPECT_EQ(Status({"GET", "", "", "", std::nullopt}), 421);
}

TEST(RequestPolicy, StateChangesComeFromTheServersOwnPages) {
  EXPECT_EQ(Status({"POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", std::nullopt}), 0);
  EXPECT_EQ(Status({"POST", "127.0.0.1:8080", "", "", std::nullopt}), 0);  // curl, scripts: no Origin
  EXPECT_EQ(Status({"POST", "127.0.0.1:8080", "http://evil.example", "", std::nullopt}), 403);
  EXPECT_EQ(Status({"POST", "127.0.0.1:8080", "null", "", std::nullopt}), 403);
  EXPECT_EQ(Status({"POST", "127.0.0.1:8080", "", "cross-site", std::nullopt}), 403);  // fetch(…, {mode: 'no-cors'})
  EXPECT_EQ(Status({"GET", "127.0.0.1:8080", "http://evil.example", "cross-site", std::nullopt}), 0);  // reads are for CORS
}

TEST(RequestPolicy, DeclaredBodyOverTheLimitIsRefusedBeforeItIsRead) {
  EXPECT_EQ(Status({"POST", "127.0.0.1", "", "", uint64_t{1} << 20}), 0);
  EXPECT_EQ(Status({"POST", "127.0.0.1", "", "", (uint64_t{1} << 20) + 1}), 413);
  EXPECT_EQ(Status({"POST", "127.0.0.1", "", "", UINT64_MAX}), 413);
}

TEST(RequestPolicy, HostNameDropsPortAndBrackets) {
  EXPECT_EQ(HostName("127.0.0.1:80"), "127.0.0.1");
  EXPECT_EQ(HostName("[::1]:80"), "::1");
  EXPECT_EQ(HostName("example"), "example");
}

TEST(ParseGate, AtMostRunningAtOnceAndAFullQueueIsTurnedAway) {
  ParseGate gate(2, 1);
  ASSERT_TRUE(gate.Enter());
  ASSERT_TRUE(gate.Enter());
  std::atomic<bool> third_in{false};
  std::thread waiter([&] {
    ASSERT_TRUE(gate.Enter());  // queued behind the two
    third_in = true;
    gate.Leave();
  });
  // Until the waiter is queued: only then would one more Enter find the queue full (on a loaded machine the
  // waiter may start late, and this thread would queue itself instead, behind gates nobody leaves).
  for (int i = 0; i < 10000 && gate.Queued() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(gate.Queued(), 1);
  EXPECT_FALSE(third_in);
  EXPECT_FALSE(gate.Enter());  // the queue (1) is full: 503
  gate.Leave();
  waiter.join();
  EXPECT_TRUE(third_in);
  gate.Leave();
}

}  // namespace
}  // namespace xxgk::server

TEST(Assets, GzipIsSentOnlyWhenAccepted) {
  using xxgk::server::AcceptsGzip;
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("deflate, gzip ; q=0.1"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000, br"));
  EXPECT_FALSE(AcceptsGzip("x-gzip2"));
}

TEST(Assets, EveryAssetHasItsBuildTimeGzipCopy) {
  for (const auto& a : xxgk::server::EmbeddedAssets()) {
    ASSERT_GE(a.gzip.size(), 18u) << a.path;
    EXPECT_EQ(static_cast<unsigned char>(a.gzip[0]), 0x1f) << a.path;
    EXPECT_EQ(static_cast<unsigned char>(a.gzip[1]), 0x8b) << a.path;
    EXPECT_LT(a.gzip.size(), a.bytes.size()) << a.path;
  }
}
