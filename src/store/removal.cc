// Deleting a stored document: the one way rows leave the corpus, always with an audit row.
#include "store/accounts.h"
#include "store/store.h"

namespace xxgk::store {

Result<std::optional<DeletedDocument>> Store::DeleteDocument(int64_t document_id, std::string_view actor) {
  if (group_open_) return MakeError(ErrorCode::kInvalidArgument, "a document cannot be deleted inside a write group");
  Transaction tx(db_.get());
  if (auto b = tx.Begin(); !b) return tl::unexpected(b.error());
  auto rows = db_->Query(
      "SELECT d.name, d.sha256, r.agency_id, r.agency, r.year FROM documents d LEFT JOIN reports r ON r.document_id = d.id "
      "WHERE d.id = ?",
      {document_id});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<DeletedDocument>();
  const SqlRow& row = rows->front();
  DeletedDocument out;
  out.document_id = document_id;
  out.name = row[0].AsText();
  out.sha256 = row[1].AsText();
  if (!row[2].null()) out.agency_id = row[2].AsInt();
  if (!row[3].null()) out.agency = row[3].AsText();
  if (!row[4].null()) out.year = static_cast<int>(row[4].AsInt());
  // Children first: the cascade is declared, but the order here does not depend on it.
  for (const char* sql : {"DELETE FROM findings WHERE report_id IN (SELECT id FROM reports WHERE document_id = ?)",
                          "DELETE FROM report_texts WHERE report_id IN (SELECT id FROM reports WHERE document_id = ?)",
                          "DELETE FROM reports WHERE document_id = ?", "DELETE FROM documents WHERE id = ?"}) {
    if (auto d = db_->Query(sql, {document_id}); !d) return tl::unexpected(d.error());
  }
  if (out.agency_id) {
    auto mark = db_->Query("INSERT INTO corpus_pending (agency_id) VALUES (?) ON CONFLICT (agency_id) DO NOTHING", {*out.agency_id});
    if (!mark) return tl::unexpected(mark.error());
    if (auto c = RefreshCurrent(out.agency_id, out.year); !c) return tl::unexpected(c.error());
  }
  std::string what = out.agency.empty() ? std::string("未识别机关") : out.agency;
  if (out.year) {
    what += ' ';
    what += std::to_string(*out.year);
    what += "年度";
  }
  what += "（SHA-256 " + out.sha256.substr(0, 12) + "…）";
  if (auto a = AppendAudit(this, actor, "report.delete", out.name, what); !a) return tl::unexpected(a.error());
  if (auto c = tx.Commit(); !c) return tl::unexpected(c.error());
  return std::optional<DeletedDocument>(std::move(out));
}

}  // namespace xxgk::store
