// The store schema as versioned migrations. Each migration runs once, in a transaction, and is recorded in
// schema_migrations. {pk} and {blob} are spelled per dialect; everything else is common SQL.
#include <string>
#include <vector>

#include "store/store.h"

#include <nlohmann/json.hpp>

#include "store/review.h"

namespace xxgk::store {
namespace {

// Each finding's key (store/review.h), written into the rows stored before the column existed.
Result<void> BackfillFindingKeys(Db* db) {
  auto rows = db->Query("SELECT id, rule, cells, message FROM findings WHERE finding_key IS NULL");
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& r : *rows) {
    const std::string key = FindingKey(r[1].AsText(), nlohmann::json::parse(r[2].AsText(), nullptr, false), r[3].AsText());
    if (auto u = db->Query("UPDATE findings SET finding_key = ? WHERE id = ?", {key, r[0].AsInt()}); !u) return tl::unexpected(u.error());
  }
  return {};
}

struct Migration {
  int version;
  const char* sql;                  // common to both dialects
  const char* sqlite = nullptr;     // then this on SQLite
  const char* postgresql = nullptr; // or this on PostgreSQL
  Result<void> (*after)(Db*) = nullptr;  // then this, in the same transaction (data SQL cannot compute)
};

const Migration kMigrations[] = {
    {1, R"SQL(
CREATE TABLE agencies (
  id {pk},
  key TEXT NOT NULL UNIQUE,          -- AgencyKey(name)
  name TEXT NOT NULL,                -- the first name seen (or the roster's)
  region TEXT,                       -- from the name, or the roster
  kind TEXT NOT NULL,                -- department | government | township
  rostered INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE agency_aliases (
  alias_key TEXT PRIMARY KEY,
  alias TEXT NOT NULL,
  agency_id BIGINT NOT NULL REFERENCES agencies(id)
);
CREATE TABLE documents (
  id {pk},
  sha256 TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  media_type TEXT,
  status TEXT NOT NULL,              -- ok | failed
  error_code TEXT,
  error TEXT,
  ingested_at TEXT NOT NULL,
  content {blob} NOT NULL            -- zlib
);
CREATE TABLE reports (
  id {pk},
  document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  agency_id BIGINT REFERENCES agencies(id),
  agency TEXT,
  year INTEGER,
  format TEXT NOT NULL,
  signed_date TEXT,
  published_date TEXT,
  late INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  infos INTEGER NOT NULL DEFAULT 0,
  received DOUBLE PRECISION,
  carried_over DOUBLE PRECISION,
  results_total DOUBLE PRECISION,
  granted DOUBLE PRECISION,
  partially_granted DOUBLE PRECISION,
  denied DOUBLE PRECISION,
  unable DOUBLE PRECISION,
  not_processed DOUBLE PRECISION,
  other_handling DOUBLE PRECISION,
  carried_forward DOUBLE PRECISION,
  review_total DOUBLE PRECISION,
  litigation_total DOUBLE PRECISION,
  facts TEXT NOT NULL,               -- what the cross-year checks read (corpus_checks.h)
  json TEXT NOT NULL                 -- the report JSON as parsed (findings here are the pipeline's)
);
CREATE INDEX reports_agency_year ON reports(agency_id, year);
CREATE INDEX reports_year ON reports(year);
CREATE TABLE findings (
  id {pk},
  report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,              -- report (the pipeline) | corpus (cross-year, roster)
  rule TEXT NOT NULL,
  severity TEXT NOT NULL,
  cells TEXT NOT NULL,               -- JSON array of cell ids
  message TEXT NOT NULL,
  at TEXT,                           -- JSON provenance
  expected DOUBLE PRECISION,
  actual DOUBLE PRECISION
);
CREATE INDEX findings_report ON findings(report_id);
CREATE INDEX findings_rule ON findings(rule, report_id);
)SQL"},
    // Bodies whose cross-year checks are due: marked in the transaction that stores a report, cleared in
    // the one that rewrites the checks, so an interrupted ingest leaves no body unchecked.
    {2, R"SQL(
CREATE TABLE corpus_pending (agency_id BIGINT PRIMARY KEY);
INSERT INTO corpus_pending (agency_id) SELECT DISTINCT agency_id FROM reports WHERE agency_id IS NOT NULL;
)SQL"},
    // The large texts move out of `reports`, so that aggregates over it read a few pages, not the JSON.
    {3, R"SQL(
CREATE TABLE report_texts (
  report_id BIGINT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
  facts TEXT NOT NULL,
  json TEXT NOT NULL
);
INSERT INTO report_texts (report_id, facts, json) SELECT id, facts, json FROM reports;
ALTER TABLE reports DROP COLUMN facts;
ALTER TABLE reports DROP COLUMN json;
CREATE INDEX documents_status ON documents(status);
)SQL"},
    // Accounts of a shared server (store/accounts.h), their sessions, and the audit trail (only appended to).
    {4, R"SQL(
CREATE TABLE accounts (
  id {pk},
  name TEXT NOT NULL UNIQUE,         -- sign-in name
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,                -- officer | reviewer | admin
  agency_id BIGINT REFERENCES agencies(id),   -- an officer's body
  password_hash TEXT NOT NULL,       -- Argon2id (crypto_pwhash_str)
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,                 -- ISO UTC
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
CREATE TABLE account_scopes (
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,                -- region | agency
  value TEXT NOT NULL,               -- a region prefix, or an agency id
  PRIMARY KEY (account_id, kind, value)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,       -- SHA-256 of the cookie's token; the token itself is never stored
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  address TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);
CREATE TABLE audit (
  id {pk},
  at TEXT NOT NULL,                  -- ISO UTC
  actor TEXT NOT NULL,               -- an account name, or 命令行 for the CLI
  action TEXT NOT NULL,              -- account.add, account.disable, report.upload …
  target TEXT,
  detail TEXT
);
)SQL"},
    // One current version per body and year: the report of the latest stored document; the others are kept
    // as its history, and statistics count the current one only.
    {5, R"SQL(
ALTER TABLE reports ADD COLUMN current INTEGER NOT NULL DEFAULT 1;
UPDATE reports SET current = 0 WHERE agency_id IS NOT NULL AND year IS NOT NULL AND document_id <
  (SELECT MAX(r2.document_id) FROM reports r2 WHERE r2.agency_id = reports.agency_id AND r2.year = reports.year);
CREATE INDEX reports_current_year ON reports(current, year);
)SQL"},
    // The audit trail is append-only in the database itself: an UPDATE, DELETE (or TRUNCATE) of a row fails,
    // whoever issues it. Deleting a stored report is itself an audited action (report.delete).
    {6, "",
     R"SQL(
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)SQL",
     R"SQL(
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
)SQL"},
    // The registry of bodies that must report (store/registry.h): the roster's flag `rostered` now means
    // "in the registry", with a tree of parents, the registry's category, the division code and a
    // deadline that overrides the statute.
    {7, R"SQL(
ALTER TABLE agencies ADD COLUMN parent_id BIGINT REFERENCES agencies(id);
ALTER TABLE agencies ADD COLUMN category TEXT;        -- government | department | township | other
ALTER TABLE agencies ADD COLUMN division_code TEXT;   -- 行政区划代码
ALTER TABLE agencies ADD COLUMN deadline TEXT;        -- MM-DD of the year after the report's, overriding the statute
CREATE INDEX agencies_parent ON agencies(parent_id);
CREATE INDEX agencies_rostered ON agencies(rostered);
)SQL"},
    // Review and rectification (store/review.h): decisions on findings by body, year and finding key, and
    // rectification items with their events.
    {8, R"SQL(
CREATE TABLE finding_reviews (
  id {pk},
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  finding_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  decision TEXT NOT NULL,            -- confirmed | dismissed
  reason TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (agency_id, year, finding_key)
);
CREATE TABLE rectifications (
  id {pk},
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  finding_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  origin TEXT NOT NULL,              -- report | corpus: where the finding comes from
  message TEXT NOT NULL,             -- the finding as it read when the item was opened
  due TEXT NOT NULL,                 -- ISO date
  status TEXT NOT NULL,              -- open | closed
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  closed_report_id BIGINT,
  UNIQUE (agency_id, year, finding_key)
);
CREATE INDEX rectifications_status ON rectifications(status, agency_id);
CREATE TABLE rectification_events (
  id {pk},
  rectification_id BIGINT NOT NULL REFERENCES rectifications(id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  event TEXT NOT NULL,               -- opened | closed | closed_auto
  detail TEXT
);
)SQL"},
    // 层级汇总: a registered parent whose report aggregates the bodies directly below it.
    {9, R"SQL(
ALTER TABLE agencies ADD COLUMN aggregates INTEGER NOT NULL DEFAULT 0;
)SQL"},
    // A finding's key (rule and cells), kept with it, so that the counts of a report can leave out the
    // findings a reviewer dismissed (store/review.h: a dismissed finding counts nowhere).
    {10, R"SQL(
ALTER TABLE findings ADD COLUMN finding_key TEXT;
)SQL", nullptr, nullptr, BackfillFindingKeys},
    // The office's registers (store/applications.h): 依申请公开 applications, the ledger's saved column
    // mapping, 规章 and 规范性文件, and the year's counts for table 2.
    {11, R"SQL(
CREATE TABLE applications (
  id {pk},
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  serial TEXT NOT NULL,
  source_row INTEGER NOT NULL DEFAULT 0,
  channel TEXT NOT NULL,
  submitted TEXT,
  received TEXT,
  applicant TEXT,
  kind INTEGER NOT NULL,
  request TEXT,
  correction_requested TEXT,
  correction_received TEXT,
  consult_start TEXT,
  consult_end TEXT,
  extension_approved TEXT,
  extension_days INTEGER NOT NULL DEFAULT 0,
  art35_due TEXT,
  replied TEXT,
  outcome TEXT,
  fee_method TEXT,
  fee_yuan REAL NOT NULL DEFAULT 0,
  pages INTEGER NOT NULL DEFAULT 0,
  review_filed INTEGER,
  review_outcome TEXT,
  review_ended INTEGER,
  litigation_filed INTEGER,
  litigation_outcome TEXT,
  litigation_ended INTEGER,
  note TEXT,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (agency_id, serial)
);
CREATE TABLE ledger_mappings (
  agency_id BIGINT PRIMARY KEY REFERENCES agencies(id),
  mapping TEXT NOT NULL
);
CREATE TABLE regulations (
  id {pk},
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  is_rule INTEGER NOT NULL,
  title TEXT,
  number TEXT,
  issued TEXT NOT NULL,
  repealed TEXT
);
CREATE INDEX regulations_agency ON regulations(agency_id);
CREATE TABLE annual_counts (
  agency_id BIGINT NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  licenses REAL,
  penalties REAL,
  coercions REAL,
  fees_wan REAL,
  PRIMARY KEY (agency_id, year)
);
)SQL"},
};

std::string Spell(std::string sql, std::string_view dialect) {
  auto replace = [&](std::string_view from, std::string_view to) {
    for (size_t p = sql.find(from); p != std::string::npos; p = sql.find(from, p + to.size())) sql.replace(p, from.size(), to);
  };
  const bool pg = dialect == "postgresql";
  replace("{pk}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY");
  replace("{blob}", pg ? "BYTEA" : "BLOB");
  return sql;
}

}  // namespace

Result<int> Store::SchemaVersion() {
  auto v = db_->QueryValue("SELECT MAX(version) FROM schema_migrations");
  if (!v) return tl::unexpected(v.error());
  return static_cast<int>(v->AsInt());
}

Result<void> Store::Migrate() {
  // PostgreSQL: two processes creating a new store at once would race on CREATE TABLE (one fails on the
  // catalog's unique index); a session-level advisory lock serialises them. SQLite's file lock does this.
  const bool pg = db_->Dialect() == "postgresql";
  if (pg) {
    if (auto l = db_->Query("SELECT pg_advisory_lock(7710203)"); !l) return tl::unexpected(l.error());
  }
  auto result = MigrateLocked();
  if (pg) (void)db_->Query("SELECT pg_advisory_unlock(7710203)");
  return result;
}

Result<void> Store::MigrateLocked() {
  auto ok = db_->Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  if (!ok) return ok;
  for (const Migration& m : kMigrations) {
    Transaction tx(db_.get());
    if (auto b = tx.Begin(); !b) return b;
    // Checked inside the transaction, so two processes opening a new store apply each migration once.
    auto have = db_->QueryValue("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", {m.version});
    if (!have) return tl::unexpected(have.error());
    if (have->AsInt() > 0) continue;
    const char* own = db_->Dialect() == "postgresql" ? m.postgresql : m.sqlite;
    const std::string sql = Spell(std::string(m.sql) + (own ? own : ""), db_->Dialect());
    if (auto e = db_->Exec(sql); !e) return e;
    if (m.after) {
      if (auto a = m.after(db_.get()); !a) return a;
    }
    auto rec = db_->Query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)", {m.version});
    if (!rec) return tl::unexpected(rec.error());
    if (auto c = tx.Commit(); !c) return c;
  }
  return {};
}

}  // namespace xxgk::store
