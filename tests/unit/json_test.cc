#include "report/report_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace xxgk
