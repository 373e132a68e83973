// Helpers shared by tests: reading files of the source tree, running the pipeline on them.
#pragma once

#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace xxgk::test {

std::string SourcePath(const std::string& rel);
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);
// The sample reports bundled in samples/ (real reports), sorted; excludes demo_* copies.
std::vector<std::string> SampleReports();

}  // namespace xxgk::test
