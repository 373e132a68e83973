// A minimal SQL connection shared by the two stores: SQLite (embedded, the default) and PostgreSQL (a
// shared server). SQL is written once with `?` placeholders; the PostgreSQL side rewrites them to $n.
// Dialect differences are confined to the migrations (see schema.cc) and to a few helpers here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace xxgk::store {

// A parameter or a column value. Text is also used for blobs (bytes), which both backends store as binary.
struct SqlValue {
  enum class Type : uint8_t { kNull, kInt, kReal, kText, kBlob };
  Type type = Type::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  SqlValue() = default;
  SqlValue(std::nullptr_t) {}
  SqlValue(int v) : type(Type::kInt), i(v) {}
  SqlValue(int64_t v) : type(Type::kInt), i(v) {}
  SqlValue(double v) : type(Type::kReal), d(v) {}
  SqlValue(std::string v) : type(Type::kText), s(std::move(v)) {}
  SqlValue(std::string_view v) : type(Type::kText), s(v) {}
  SqlValue(const char* v) : type(Type::kText), s(v) {}
  template <class T>
  SqlValue(const std::optional<T>& v) : SqlValue(v ? SqlValue(*v) : SqlValue()) {}
  static SqlValue Blob(std::string bytes) {
    SqlValue v;
    v.type = Type::kBlob;
    v.s = std::move(bytes);
    return v;
  }

  bool null() const { return type == Type::kNull; }
  int64_t AsInt() const;            // 0 for null
  double AsReal() const;            // 0 for null
  const std::string& AsText() const { return s; }  // "" for null; the bytes of a blob
  std::optional<double> AsOptReal() const { return null() ? std::nullopt : std::optional<double>(AsReal()); }
  std::optional<std::string> AsOptText() const { return null() ? std::nullopt : std::optional<std::string>(s); }
};

using SqlRow = std::vector<SqlValue>;
using SqlParams = std::vector<SqlValue>;

class Db {
 public:
  virtual ~Db() = default;
  // "sqlite" or "postgresql".
  virtual std::string_view Dialect() const = 0;
  // Runs one or more statements without parameters (DDL, BEGIN …).
  virtual Result<void> Exec(std::string_view sql) = 0;
  // Runs one statement with `?` parameters and returns every row.
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params = {}) = 0;
  // Transactions; Rollback never fails visibly (it is called on error paths).
  virtual Result<void> Begin() = 0;
  virtual Result<void> Commit() = 0;
  virtual void Rollback() = 0;

  // Runs a statement and returns the first column of the first row (e.g. an id from RETURNING), or null.
  Result<SqlValue> QueryValue(std::string_view sql, const SqlParams& params = {});
};

// How a store is opened: created when missing (ingest, serve), or only when it exists (the commands that
// read: a mistyped path is an error, not a new empty database).
enum class OpenMode : uint8_t { kCreate, kExisting };

// Opens a store URL: "sqlite:PATH" (also a bare path or "sqlite://PATH"), "postgresql://…" or "postgres://…".
// Errors of every Db function: kDatabase, with the engine's message (in Chinese where xxgk knows the cause).
Result<std::unique_ptr<Db>> OpenDb(std::string_view url, OpenMode mode = OpenMode::kCreate);

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, OpenMode mode = OpenMode::kCreate);
Result<std::unique_ptr<Db>> OpenPostgres(const std::string& url);

// "%text%" for LIKE (appended piecewise: GCC 12 warns falsely on literal + std::string temporaries).
// "%text%" for `LIKE ? ESCAPE '\'`, with the wildcards % and _ (and \) in text escaped: a search for
// "%" finds a percent sign, not everything.
std::string LikePattern(std::string_view text);

// A database error as an Error, in Chinese, naming the backend.
tl::unexpected<Error> DbError(std::string_view backend, std::string_view what);

// Commits on Commit(), rolls back otherwise.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction() {
    if (open_) db_->Rollback();
  }
  Result<void> Begin() {
    auto r = db_->Begin();
    open_ = r.has_value();
    return r;
  }
  Result<void> Commit() {
    open_ = false;
    return db_->Commit();
  }

 private:
  Db* db_;
  bool open_ = false;
};

}  // namespace xxgk::store
