#include "report/report_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "lcg.h"

namespace xxgk {
namespace {

TEST(Json, StringsRoundTripThroughAJsonParser) {
  for (std::string s : {std::string("plain text long enough for words"), std::string("引号\"和反斜杠\\在中间"),
                        std::string("tab\there\nnewline\r\x01\x1f end"), std::string(17, '"'), std::string("12345678\"")}) {
    for (size_t pad = 0; pad < 9; ++pad) {
      std::string in = std::string(pad, 'x') + s;
      std::string out;
      AppendJsonString(in, &out);
      EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), in);
    }
  }
}

// Random texts of every length around the sixteen-byte scan, with what must be escaped at every place.
TEST(Json, RandomStringsRoundTrip) {
  const std::vector<std::string> pieces = {"a", "申请", "\"", "\\", "\n", "\t", "\r", "\x01", "\x1f", " ", "\x7f", "~", "。"};
  Lcg next(23);
  for (int round = 0; round < 5000; ++round) {
    std::string in;
    for (size_t k = next() % 40; k > 0; --k) in += pieces[next() % (next() % 3 == 0 ? pieces.size() : 2)];
    std::string out = "x";
    AppendJsonString(in, &out);
    ASSERT_EQ(nlohmann::json::parse(out.substr(1)).get<std::string>(), in) << out;
  }
}

}  // namespace
}  // namespace xxgk
