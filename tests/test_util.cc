#include "test_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace xxgk::test {

std::string SourcePath(const std::string& rel) { return std::string(XXGK_SOURCE_DIR) + "/" + rel; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

std::vector<std::string> SampleReports() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(SourcePath("samples"))) {
    std::string name = e.path().filename().string();
    if (name.rfind("demo_", 0) == 0 || name[0] == '.') continue;
    out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace xxgk::test
