// The store suite's fixture: each test gets a fresh store on one backend (the parameter): SQLite always,
// PostgreSQL when XXGK_TEST_PG_URL names a server (tests/store/with_postgres.sh starts a throwaway one).
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "store/store.h"
#include "../test_util.h"

namespace xxgk::store {

namespace fs = std::filesystem;

inline std::string ReadFile(const fs::path& p) { return test::ReadFile(p.string()); }
inline void WriteFile(const fs::path& p, const std::string& s) { test::WriteFile(p.string(), s); }

inline std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

inline const fs::path kSamples = fs::path(XXGK_SOURCE_DIR) / "samples";

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("xxgk_store_test_" + std::to_string(::getpid()) + "_" + GetParam() + "_" +
                                        std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == "sqlite") {
      url_ = "sqlite:" + (dir_ / "xxgk.db").string();
    } else {
      const char* pg = std::getenv("XXGK_TEST_PG_URL");
      if (!pg || !*pg) GTEST_SKIP() << "XXGK_TEST_PG_URL is not set (tests/store/with_postgres.sh sets it)";
      url_ = pg;
      auto db = OpenDb(url_);
      ASSERT_TRUE(db) << db.error().message;
      ASSERT_TRUE((*db)->Exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"));
    }
    auto s = Store::Open(url_);
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  IngestOptions Options() {
    IngestOptions o;
    o.threads = 2;
    o.read = [](const std::string& path) -> Result<std::string> {
      if (!fs::is_regular_file(path)) return MakeError(ErrorCode::kIoError, "文件不存在");
      return ReadFile(path);
    };
    return o;
  }

  IngestStats IngestFiles(const std::vector<std::string>& paths) {
    auto st = Ingest(store_.get(), paths, Options());
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
    return st ? *st : IngestStats{};
  }

  std::vector<std::string> Samples() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(kSamples)) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  // A copy of a sample with some text replaced, written to the test directory.
  std::string Variant(const std::string& sample, const std::string& name,
                      std::vector<std::pair<std::string, std::string>> replacements) {
    std::string text = ReadFile(kSamples / sample);
    for (const auto& [a, b] : replacements) text = Replace(text, a, b);
    fs::path p = dir_ / name;
    WriteFile(p, text);
    return p.string();
  }

  int64_t Count(const std::string& sql, const SqlParams& params = {}) {
    auto v = store_->db()->QueryValue(sql, params);
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return v ? v->AsInt() : -1;
  }

  std::multiset<std::string> Rules(int64_t report_id, const std::string& origin) {
    std::multiset<std::string> out;
    auto rows = store_->db()->Query("SELECT rule FROM findings WHERE report_id = ? AND origin = ?", {report_id, origin});
    EXPECT_TRUE(rows);
    if (rows) for (const auto& r : *rows) out.insert(r[0].AsText());
    return out;
  }

  int64_t ReportId(const std::string& file) {
    return Count("SELECT r.id FROM reports r JOIN documents d ON d.id = r.document_id WHERE d.name = ?", {file});
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

}  // namespace xxgk::store
