// Golden tests: every document under tests/golden/ beside its expected report JSON
// (<name>.<ext> + <name>.expected.json). XXGK_ACCEPT=1 (or `make accept`) rewrites the expected files
// from the current program; review them with `git diff`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/pipeline.h"
#include "report/report_json.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> GoldenInputs() {
  std::vector<std::string> out;
  fs::path root = fs::path(XXGK_SOURCE_DIR) / "tests" / "golden";
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.ends_with(".expected.json") || name == "README.md" || name[0] == '.') continue;
    out.push_back(fs::relative(e.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Flattens JSON into path → value for a readable difference.
void Flatten(const json& j, const std::string& prefix, std::map<std::string, std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) Flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) Flatten(j[i], prefix + "[" + std::to_string(i) + "]", out);
  } else {
    (*out)[prefix] = j.dump();
  }
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedJson) {
  fs::path root = fs::path(XXGK_SOURCE_DIR) / "tests" / "golden";
  fs::path input = root / GetParam();
  fs::path expected_path = input;
  expected_path.replace_extension(".expected.json");
  std::string bytes = Read(input);
  auto report = xxgk::ProcessDocument(bytes, input.filename().string());
  json actual;
  if (report) {
    std::string s;
    xxgk::WriteReportJson(*report, &s);
    actual = json::parse(s);
  } else {
    actual = {{"error", {{"code", xxgk::ErrorCodeName(report.error().code)}, {"message", report.error().message}}}};
  }
  const char* accept = std::getenv("XXGK_ACCEPT");
  if (accept && std::string(accept) == "1") {
    std::ofstream(expected_path, std::ios::binary) << actual.dump(2) << "\n";
    GTEST_SKIP() << "accepted " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << "no expected file; run `make accept` and review " << expected_path;
  json expected = json::parse(Read(expected_path));
  if (expected == actual) return;
  std::map<std::string, std::string> a, e;
  Flatten(actual, "", &a);
  Flatten(expected, "", &e);
  std::string diff;
  int shown = 0;
  for (const auto& [k, v] : e) {
    auto it = a.find(k);
    if (it == a.end()) diff += "  - " + k + " = " + v + "\n";
    else if (it->second != v) diff += "  ~ " + k + ": expected " + v + ", got " + it->second + "\n";
    else continue;
    if (++shown > 30) break;
  }
  for (const auto& [k, v] : a) {
    if (shown > 30) break;
    if (!e.count(k)) {
      diff += "  + " + k + " = " + v + "\n";
      ++shown;
    }
  }
  FAIL() << GetParam() << " differs from " << expected_path.filename() << ":\n" << diff;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Documents, Golden, ::testing::ValuesIn(GoldenInputs()), CaseName);

}  // namespace
