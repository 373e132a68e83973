// The embedded store: SQLite in WAL mode with prepared statements cached by their SQL text.
#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/db.h"

namespace xxgk::store {
namespace {

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  ~SqliteDb() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  std::string_view Dialect() const override { return "sqlite"; }

  Result<void> Exec(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return DbError("SQLite", Where() + msg);
    }
    return {};
  }

  Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    sqlite3_stmt* stmt = nullptr;
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      if (sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
          SQLITE_OK) {
        return DbError("SQLite", Where() + std::string(sqlite3_errmsg(db_)) + "（" + key.substr(0, 200) + "）");
      }
      cache_.emplace(key, stmt);
    }
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      int idx = static_cast<int>(i) + 1;
      switch (v.type) {
        case SqlValue::Type::kNull: sqlite3_bind_null(stmt, idx); break;
        case SqlValue::Type::kInt: sqlite3_bind_int64(stmt, idx, v.i); break;
        case SqlValue::Type::kReal: sqlite3_bind_double(stmt, idx, v.d); break;
        case SqlValue::Type::kText:
          sqlite3_bind_text(stmt, idx, v.s.data(), static_cast<int>(v.s.size()), SQLITE_STATIC);
          break;
        case SqlValue::Type::kBlob:
          sqlite3_bind_blob(stmt, idx, v.s.data(), static_cast<int>(v.s.size()), SQLITE_STATIC);
          break;
      }
    }
    std::vector<SqlRow> rows;
    const int ncols = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return DbError("SQLite", Where() + sqlite3_errmsg(db_));
      SqlRow row(ncols);
      for (int c = 0; c < ncols; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL: break;
          case SQLITE_INTEGER: row[c] = SqlValue(static_cast<int64_t>(sqlite3_column_int64(stmt, c))); break;
          case SQLITE_FLOAT: row[c] = SqlValue(sqlite3_column_double(stmt, c)); break;
          case SQLITE_BLOB: {
            const char* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            row[c] = SqlValue::Blob(std::string(p ? p : "", sqlite3_column_bytes(stmt, c)));
            break;
          }
          default: {
            const char* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row[c] = SqlValue(std::string(p ? p : "", sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Result<void> Begin() override { return Exec("BEGIN IMMEDIATE"); }
  Result<void> Commit() override { return Exec("COMMIT"); }
  void Rollback() override { (void)Exec("ROLLBACK"); }

 private:
  // "PATH：" for error messages: which database failed.
  std::string Where() const {
    const char* f = sqlite3_db_filename(db_, "main");
    return f && *f ? std::string(f) + "：" : std::string();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, OpenMode mode) {
  if (path.empty()) return MakeError(ErrorCode::kInvalidArgument, "SQLite 数据库路径为空");
  sqlite3* raw = nullptr;
  const int create = mode == OpenMode::kCreate ? SQLITE_OPEN_CREATE : 0;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | create | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_CANTOPEN && mode == OpenMode::kExisting) {
    sqlite3_close_v2(raw);
    return MakeError(ErrorCode::kDatabase, "SQLite 数据库 " + path + " 不存在",
                     "请检查 --db 的路径；新建年报库请先用 xxgk ingest 存入报告");
  }
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "无法打开";
    sqlite3_close_v2(raw);
    return DbError("SQLite", path + "：" + msg);
  }
  auto db = std::make_unique<SqliteDb>(raw);
  sqlite3_busy_timeout(raw, 10000);
  // WAL: readers never block the writer; NORMAL sync is durable at checkpoints and never corrupts.
  auto ok = db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                     "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
  if (!ok) return tl::unexpected(ok.error());
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace xxgk::store
