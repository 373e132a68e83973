#include "store/db.h"

#include <cstdlib>

namespace xxgk::store {

int64_t SqlValue::AsInt() const {
  switch (type) {
    case Type::kInt: return i;
    case Type::kReal: return static_cast<int64_t>(d);
    case Type::kText: return std::strtoll(s.c_str(), nullptr, 10);
    default: return 0;
  }
}

double SqlValue::AsReal() const {
  switch (type) {
    case Type::kInt: return static_cast<double>(i);
    case Type::kReal: return d;
    case Type::kText: return std::strtod(s.c_str(), nullptr);
    default: return 0;
  }
}

Result<SqlValue> Db::QueryValue(std::string_view sql, const SqlParams& params) {
  auto rows = Query(sql, params);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty() || rows->front().empty()) return SqlValue();
  return std::move(rows->front().front());
}

std::string LikePattern(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '%';
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';  // searched for as written (used with ESCAPE '\')
    out += c;
  }
  out += '%';
  return out;
}

tl::unexpected<Error> DbError(std::string_view backend, std::string_view what) {
  return MakeError(ErrorCode::kDatabase, std::string(backend) + " 数据库错误：" + std::string(what));
}

Result<std::unique_ptr<Db>> OpenDb(std::string_view url, OpenMode mode) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (starts("postgresql://") || starts("postgres://")) return OpenPostgres(std::string(url));
  if (starts("sqlite://")) return OpenSqlite(std::string(url.substr(9)), mode);
  if (starts("sqlite:")) return OpenSqlite(std::string(url.substr(7)), mode);
  if (url.find("://") != std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument, "不支持的数据库地址：" + std::string(url),
                     "可用 sqlite:文件路径 或 postgresql://用户@主机:端口/库名");
  }
  return OpenSqlite(std::string(url), mode);
}

}  // namespace xxgk::store
