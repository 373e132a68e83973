// The shared store: PostgreSQL through libpqxx. Parameters are sent as text (NULL as null) and typed by the
// server from their context; bytea travels as \x hex.
#include <pqxx/pqxx>

#include <string>
#include <unordered_map>

#include "store/db.h"

namespace xxgk::store {
namespace {

constexpr int kOidBool = 16, kOidBytea = 17, kOidInt8 = 20, kOidInt2 = 21, kOidInt4 = 23, kOidFloat4 = 700,
              kOidFloat8 = 701, kOidNumeric = 1700;

// "a = ? AND b = ?" → "a = $1 AND b = $2"; question marks inside quotes are kept.
std::string Placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string Unhex(std::string_view text) {
  if (text.substr(0, 2) == "\\x") text.remove_prefix(2);
  auto v = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out(text.size() / 2, '\0');
  for (size_t i = 0; i + 1 < text.size(); i += 2) out[i / 2] = static_cast<char>(v(text[i]) << 4 | v(text[i + 1]));
  return out;
}

class PostgresDb final : public Db {
 public:
  explicit PostgresDb(std::unique_ptr<pqxx::connection> conn) : conn_(std::move(conn)) {}

  std::string_view Dialect() const override { return "postgresql"; }

  Result<void> Exec(std::string_view sql) override {
    try {
      pqxx::nontransaction tx(*conn_);
      tx.exec(std::string(sql));
    } catch (const std::exception& e) {
      return DbError("PostgreSQL", e.what());
    }
    return {};
  }

  Result<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    std::string key(sql);
    auto it = rewritten_.find(key);
    if (it == rewritten_.end()) it = rewritten_.emplace(key, Placeholders(sql)).first;
    std::vector<std::string> text(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      switch (v.type) {
        case SqlValue::Type::kNull: continue;
        case SqlValue::Type::kInt: text[i] = std::to_string(v.i); break;
        case SqlValue::Type::kReal: {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17g", v.d);
          text[i] = buf;
          break;
        }
        case SqlValue::Type::kText: text[i] = v.s; break;
        case SqlValue::Type::kBlob: text[i] = Hex(v.s); break;
      }
      ptrs[i] = text[i].c_str();
    }
    std::vector<SqlRow> rows;
    try {
      pqxx::nontransaction tx(*conn_);
      pqxx::result r = tx.exec_params(it->second, pqxx::prepare::make_dynamic_params(ptrs));
      const auto ncols = r.columns();
      std::vector<int> types(ncols);
      for (pqxx::row::size_type c = 0; c < ncols; ++c) types[c] = static_cast<int>(r.column_type(c));
      rows.reserve(r.size());
      for (const auto& prow : r) {
        SqlRow row(ncols);
        for (pqxx::row::size_type c = 0; c < ncols; ++c) {
          const pqxx::field f = prow[c];
          if (f.is_null()) continue;
          std::string_view s(f.c_str(), f.size());
          switch (types[c]) {
            case kOidInt2: case kOidInt4: case kOidInt8:
              row[c] = SqlValue(static_cast<int64_t>(std::strtoll(f.c_str(), nullptr, 10)));
              break;
            case kOidFloat4: case kOidFloat8: case kOidNumeric:
              row[c] = SqlValue(std::strtod(f.c_str(), nullptr));
              break;
            case kOidBool: row[c] = SqlValue(static_cast<int64_t>(s == "t")); break;
            case kOidBytea: row[c] = SqlValue::Blob(Unhex(s)); break;
            default: row[c] = SqlValue(s);
          }
        }
        rows.push_back(std::move(row));
      }
    } catch (const std::exception& e) {
      return DbError("PostgreSQL", e.what());
    }
    return rows;
  }

  Result<void> Begin() override { return Exec("BEGIN"); }
  Result<void> Commit() override { return Exec("COMMIT"); }
  void Rollback() override { (void)Exec("ROLLBACK"); }

 private:
  std::unique_ptr<pqxx::connection> conn_;
  std::unordered_map<std::string, std::string> rewritten_;
};

}  // namespace

namespace {

// The URL with a connect timeout unless it sets one: a server that accepts and never answers must not hang
// a command for ever.
std::string WithConnectTimeout(const std::string& url) {
  if (url.find("connect_timeout") != std::string::npos) return url;
  const bool uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!uri) return url + " connect_timeout=10";
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=10";
}

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& url) {
  try {
    auto conn = std::make_unique<pqxx::connection>(WithConnectTimeout(url));
    auto db = std::make_unique<PostgresDb>(std::move(conn));
    auto ok = db->Exec("SET client_min_messages = warning");
    if (!ok) return tl::unexpected(ok.error());
    return std::unique_ptr<Db>(std::move(db));
  } catch (const std::exception& e) {
    return DbError("PostgreSQL", std::string("无法连接：") + e.what());
  }
}

}  // namespace xxgk::store
