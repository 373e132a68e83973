// The corpus store: documents (content-addressed by sha256, kept compressed for `recheck`), reports with
// their findings, agencies with aliases and an optional roster, and the cross-year checks. The same schema
// and SQL run on SQLite (default, embedded) and PostgreSQL; see db.h and schema.cc.
//
// Errors: every function returning a Result fails with kDatabase (the store could not be read or written,
// the message says why) unless its comment names another code; nothing is half-written (each write is one
// transaction).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "report/report.h"
#include "check/cross_year.h"
#include "store/db.h"

namespace xxgk::store {

// zlib, for stored document bytes.
std::string CompressContent(std::string_view bytes);
Result<std::string> DecompressContent(std::string_view compressed, uint64_t expected_size);

// A document as ingested: who it is, and its bytes compressed by CompressContent.
struct DocumentInput {
  std::string sha256;
  std::string name;  // file name
  std::string path;  // as given on the command line
  uint64_t bytes = 0;
  std::string compressed;
};

// A report as the store keeps it: serialised and summarised off the writer's thread (MakeStoredReport is
// pure and runs in the parsing workers).
struct StoredReport {
  std::optional<std::string> agency;
  std::optional<int> year;
  std::string format;
  std::optional<std::string> signed_date, published_date, media_type;
  int errors = 0, warnings = 0, infos = 0;
  bool late = false;
  std::optional<double> received, carried_over, results_total, granted, partially_granted, denied, unable, not_processed,
      other_handling, carried_forward, review_total, litigation_total;
  std::string facts;  // see SnapshotFromJson
  std::string json;   // the report JSON
  std::vector<Finding> findings;
};
StoredReport MakeStoredReport(const Report& report);
// The same for a pipeline result: an error stays an error.
Result<StoredReport> MakeStoredReport(const Result<Report>& report);

// A stored document as recheck reads it back.
struct StoredDocument {
  int64_t id = 0;
  std::string name, path;
  uint64_t bytes = 0;       // uncompressed size
  std::string compressed;   // CompressContent of the bytes
};

struct AddOutcome {
  bool added = false;                 // false: the same content was already stored
  int64_t document_id = 0;
  std::optional<int64_t> agency_id;   // the report's body, when known
};

struct RosterEntry {
  std::string name, region;
  std::optional<BodyKind> kind;
};

// Reads a roster (CSV: 名称,地区,类别; a header row is skipped) without touching any store. Errors name the
// row: kInvalidArgument.
Result<std::vector<RosterEntry>> ParseRoster(std::string_view csv);

// What DeleteDocument removed, for its caller's message.
struct DeletedDocument {
  int64_t document_id = 0;
  std::string name, sha256;
  std::optional<int64_t> agency_id;
  std::string agency;  // the report's body as written ("" for none or a failed document)
  std::optional<int> year;
};

class Store {
 public:
  // Opens the store at `url` (see OpenDb) and applies pending migrations.
  static Result<std::unique_ptr<Store>> Open(std::string_view url, OpenMode mode = OpenMode::kCreate);

  Db* db() { return db_.get(); }
  Result<int> SchemaVersion();

  // The sha256 of every stored document, to skip known content before parsing it.
  Result<std::unordered_set<std::string>> KnownHashes();
  // The digests of the stored documents that could not be processed (a rerun reports them again).
  Result<std::unordered_set<std::string>> FailedHashes();

  // Stores a document with its report and findings, or with the error that kept it from being processed,
  // in one transaction. Idempotent by content: a known sha256 adds nothing.
  Result<AddOutcome> AddDocument(const DocumentInput& doc, const Result<StoredReport>& report);

  // The ids of every stored document, ascending.
  Result<std::vector<int64_t>> DocumentIds();
  // The stored documents with first_id <= id <= last_id, ascending.
  Result<std::vector<StoredDocument>> LoadDocuments(int64_t first_id, int64_t last_id);

  // Replaces a stored document's report and findings (recheck), in one transaction.
  Result<std::optional<int64_t>> ReplaceReport(int64_t document_id, const Result<StoredReport>& report);

  // Deletes a stored document with its report and findings, in one transaction with its audit row
  // (report.delete, by `actor`). The newest remaining version of its body and year becomes current, and the
  // body's cross-year checks are due again (RunPendingCorpusChecks). nullopt: no such document.
  Result<std::optional<DeletedDocument>> DeleteDocument(int64_t document_id, std::string_view actor);

  // Recomputes the finding counts and lateness of a body's reports of a year (after a review decision).
  Result<void> Recount(int64_t agency_id, int year);

  // Groups the writes of several documents in one transaction (each document is still all or nothing:
  // the group commits whole or not at all). AddDocument and ReplaceReport join an open group.
  Result<void> BeginGroup();
  Result<void> CommitGroup();
  void AbortGroup();

  // Re-runs the cross-year checks (C6, C7, R1) and the roster deadline (D1) for these bodies (all when
  // empty), replacing earlier corpus findings.
  Result<void> RunCorpusChecks(const std::vector<int64_t>& agency_ids, const CorpusCheckOptions& options = {});

  // Runs the checks above for the bodies that gained reports since their last run (also those of an
  // ingest that was interrupted).
  Result<void> RunPendingCorpusChecks(const CorpusCheckOptions& options = {});

  // The body a name denotes (through aliases and the canonical key), or nullopt; nothing is created.
  Result<std::optional<int64_t>> LookupAgency(std::string_view name);
  // The body a name denotes (through aliases and the canonical key), created when unknown.
  Result<int64_t> ResolveAgency(std::string_view name);
  // Finds bodies whose name, key, alias or region contains `text` (exact key/alias matches first).
  Result<std::vector<int64_t>> FindAgencies(std::string_view text);

  // Makes `alias` denote the body of `canonical`; reports filed under the alias's own body move over.
  Result<int64_t> AddAlias(std::string_view alias, std::string_view canonical);
  // The same inside the caller's transaction, to a body by id (no cross-year checks run).
  Result<void> AddAliasIn(std::string_view alias, int64_t target);
  // Merges body `from` into `to` inside the caller's transaction: its reports, aliases, accounts, scopes
  // and registry children move; `from` is deleted; the current versions of `to` are recomputed.
  Result<void> MergeAgency(int64_t from, int64_t to);

  // Loads a roster from its CSV text (name, region, kind; a header row is recognised) and marks its bodies.
  // Errors: kInvalidArgument naming the row (see ParseRoster), kDatabase.
  Result<std::vector<RosterEntry>> LoadRosterText(std::string_view csv);

 private:
  class History;  // the store as check/cross_year.h's ReportHistory
  explicit Store(std::unique_ptr<Db> db) : db_(std::move(db)) {}
  Result<void> Migrate();
  Result<void> MigrateLocked();  // Migrate under the lock that serialises concurrent first opens
  Result<void> InsertReport(int64_t document_id, const StoredReport& report, std::optional<int64_t>* agency_id);
  // Marks the report of the latest document of a body and year current, the others not.
  Result<void> RefreshCurrent(std::optional<int64_t> agency_id, std::optional<int> year);
  // A transaction for one document, or nothing when a group is open.
  Result<void> BeginOne();
  Result<void> CommitOne();
  void AbortOne();

  std::unique_ptr<Db> db_;
  bool group_open_ = false;
};

// Parses CSV text into rows (RFC 4180 quoting; UTF-8 BOM skipped).
std::vector<std::vector<std::string>> ParseCsv(std::string_view text);

}  // namespace xxgk::store
