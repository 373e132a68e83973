#include "ingest/ingest.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "core/sha256.h"

namespace xxgk {

using store::CompressContent;
using store::DecompressContent;
using store::DocumentInput;
using store::MakeStoredReport;
using store::Store;
using store::StoredReport;

namespace {

// One parsed input on its way to the writer.
struct Item {
  size_t index = 0;
  std::string path;
  bool unreadable = false;  // nothing to store
  bool known = false;       // content already stored
  Error read_error{ErrorCode::kIoError, "", ""};
  DocumentInput doc;
  int64_t document_id = 0;  // recheck
  std::optional<Result<StoredReport>> report;
};

// A bounded queue between the parsing workers and the writer.
class Queue {
 public:
  explicit Queue(size_t capacity) : capacity_(capacity) {}
  void Push(Item item) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  // Waits up to `wait` for an item.
  std::optional<Item> Pop(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!not_empty_.wait_for(lock, wait, [&] { return !items_.empty(); })) return std::nullopt;
    Item it = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return it;
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> items_;
};

unsigned ThreadCount(unsigned requested) {
  if (requested) return requested;
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 2;
}

// Runs `produce(i)` for i in [0, n) on worker threads and `consume` for each item on this thread.
// Writes are grouped into transactions of up to kGroupSize documents or kGroupTime, whichever comes first.
constexpr size_t kGroupSize = 256;
constexpr auto kGroupTime = std::chrono::milliseconds(200);

template <class Produce, class Consume>
Result<void> RunParallel(Store* store, size_t n, unsigned threads, const IngestOptions& options, Produce produce,
                         Consume consume) {
  Queue queue(256);
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::atomic<unsigned> finished{0};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads && t < std::max<size_t>(n, 1); ++t) {
    workers.emplace_back([&] {
      for (;;) {
        size_t i = next.fetch_add(1);
        if (i >= n || stop.load()) {
          finished.fetch_add(1);
          return;
        }
        queue.Push(produce(i));
      }
    });
  }
  auto start = std::chrono::steady_clock::now();
  auto last = start;
  Result<void> status;
  // Items are written in input order, whatever order the workers finish in, so that ids are stable.
  std::map<size_t, Item> pending;
  size_t done = 0;
  size_t in_group = 0;
  auto group_start = start;
  auto commit = [&]() {
    if (in_group == 0) return;
    in_group = 0;
    if (!status) {
      store->AbortGroup();
      return;
    }
    if (auto c = store->CommitGroup(); !c) {
      status = c;
      stop = true;
    }
  };
  while (done < n) {
    std::optional<Item> item = queue.Pop(std::chrono::milliseconds(100));
    if (!item && finished.load() == workers.size()) {
      item = queue.Pop(std::chrono::milliseconds(0));
      if (!item) break;  // only after a failure: the workers stopped early
    }
    if (item) pending.emplace(item->index, std::move(*item));
    for (auto it = pending.find(done); it != pending.end(); it = pending.find(done)) {
      Item ready = std::move(it->second);
      pending.erase(it);
      ++done;
      if (!status) continue;
      if (in_group == 0) {
        if (auto b = store->BeginGroup(); !b) {
          status = b;
          stop = true;
          continue;
        }
        group_start = std::chrono::steady_clock::now();
      }
      ++in_group;
      auto ok = consume(std::move(ready));
      if (!ok) {
        status = ok;
        stop = true;
      }
      if (!status || in_group >= kGroupSize) commit();
    }
    if (in_group > 0 && (std::chrono::steady_clock::now() - group_start > kGroupTime || done == n)) commit();
    auto now = std::chrono::steady_clock::now();
    if (options.on_progress && (now - last > std::chrono::milliseconds(100) || done == n)) {
      last = now;
      options.on_progress({done, n, std::chrono::duration<double>(now - start).count()});
    }
  }
  commit();
  for (auto& w : workers) w.join();
  return status;
}

// Counts a stored document's outcome: a report, or a failure that is also reported.
void CountReport(const Item& it, const IngestOptions& options, IngestStats* stats) {
  if (!*it.report) {
    ++stats->failed;
    if (options.on_failure) options.on_failure(it.path, it.report->error());
    return;
  }
  ++stats->reports;
  stats->error_reports += (*it.report)->errors > 0;
}

// Runs the cross-year checks and records how long they took.
template <class Run>
Result<void> TimedCorpusChecks(IngestStats* stats, Run run) {
  auto start = std::chrono::steady_clock::now();
  auto ok = run();
  stats->corpus_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return ok;
}

}  // namespace

Result<IngestStats> Ingest(store::Store* store, const std::vector<std::string>& paths, const IngestOptions& options) {
  IngestStats stats;
  stats.inputs = paths.size();
  auto start = std::chrono::steady_clock::now();
  auto known = store->KnownHashes();
  if (!known) return tl::unexpected(known.error());
  const auto& known_set = *known;
  auto failed_before = store->FailedHashes();
  if (!failed_before) return tl::unexpected(failed_before.error());
  const auto& failed_set = *failed_before;
  auto produce = [&](size_t i) {
    Item it;
    it.index = i;
    it.path = paths[i];
    Result<std::string> data = options.read(paths[i]);
    size_t slash = paths[i].find_last_of('/');
    it.doc.name = slash == std::string::npos ? paths[i] : paths[i].substr(slash + 1);
    it.doc.path = paths[i];
    if (!data) {
      // Recorded too (list --failed), under a key of its path and cause: its content was never read.
      it.unreadable = true;
      it.read_error = data.error();
      it.doc.sha256 = "unread:" + Sha256Hex(paths[i] + "\n" + ErrorCodeName(data.error().code));
      it.report = tl::unexpected(data.error());
      return it;
    }
    it.doc.sha256 = Sha256Hex(*data);
    if (known_set.count(it.doc.sha256)) {
      it.known = true;
      return it;
    }
    it.doc.bytes = data->size();
    it.doc.compressed = CompressContent(*data);
    it.report = MakeStoredReport(ProcessDocument(*data, it.doc.name, options.pipeline, it.doc.sha256));
    return it;
  };
  auto consume = [&](Item it) -> Result<void> {
    if (it.unreadable) {
      ++stats.failed;
      if (options.on_failure) options.on_failure(it.path, it.read_error);
      if (known_set.count(it.doc.sha256)) return {};
      auto out = store->AddDocument(it.doc, *it.report);
      if (!out) return tl::unexpected(out.error());
      return {};
    }
    if (it.known) {
      ++stats.known;
      // A document that could not be processed before still cannot: the rerun ends as the first run did.
      if (failed_set.count(it.doc.sha256)) {
        ++stats.failed;
        if (options.on_failure) {
          options.on_failure(it.path, Error{ErrorCode::kNotAReport, "已在库中，之前就无法处理（见 xxgk list --failed）", ""});
        }
      }
      return {};
    }
    auto out = store->AddDocument(it.doc, *it.report);
    if (!out) return tl::unexpected(out.error());
    if (!out->added) {
      ++stats.known;  // the same content twice in this batch
      return {};
    }
    ++stats.added;
    CountReport(it, options, &stats);
    return {};
  };
  auto run = RunParallel(store, paths.size(), ThreadCount(options.threads), options, produce, consume);
  if (!run) return tl::unexpected(run.error());
  if (auto cc = TimedCorpusChecks(&stats, [&] { return store->RunPendingCorpusChecks(options.corpus); }); !cc) {
    return tl::unexpected(cc.error());
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

Result<IngestStats> Recheck(store::Store* store, const IngestOptions& options) {
  IngestStats stats;
  auto start = std::chrono::steady_clock::now();
  auto ids = store->DocumentIds();
  if (!ids) return tl::unexpected(ids.error());
  stats.inputs = ids->size();
  // Documents are loaded here (the connection is not shared between threads), a chunk at a time so that
  // memory stays bounded, and parsed by the workers.
  constexpr size_t kChunk = 2000;
  IngestOptions chunk_options = options;
  size_t offset = 0;
  if (options.on_progress) {
    chunk_options.on_progress = [&](const IngestProgress& p) {
      options.on_progress({offset + p.done, stats.inputs, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
    };
  }
  for (; offset < ids->size(); offset += kChunk) {
    const size_t end = std::min(ids->size(), offset + kChunk);
    auto docs = store->LoadDocuments((*ids)[offset], (*ids)[end - 1]);
    if (!docs) return tl::unexpected(docs.error());
    std::vector<Item> loaded(docs->size());
    for (size_t i = 0; i < docs->size(); ++i) {
      store::StoredDocument& d = (*docs)[i];
      Item& it = loaded[i];
      it.index = i;
      it.document_id = d.id;
      it.doc.name = std::move(d.name);
      it.path = std::move(d.path);
      it.doc.bytes = d.bytes;
      it.doc.compressed = std::move(d.compressed);
    }
    docs->clear();
    auto produce = [&](size_t i) {
      Item it = std::move(loaded[i]);
      auto bytes = DecompressContent(it.doc.compressed, it.doc.bytes);
      it.doc.compressed.clear();
      it.report = bytes ? MakeStoredReport(ProcessDocument(*bytes, it.doc.name, options.pipeline))
                        : Result<StoredReport>(tl::unexpected(bytes.error()));
      return it;
    };
    auto consume = [&](Item it) -> Result<void> {
      if (it.document_id == 0) return {};
      auto agency = store->ReplaceReport(it.document_id, *it.report);
      if (!agency) return tl::unexpected(agency.error());
      ++stats.added;
      CountReport(it, options, &stats);
      return {};
    };
    auto run = RunParallel(store, loaded.size(), ThreadCount(options.threads), chunk_options, produce, consume);
    if (!run) return tl::unexpected(run.error());
  }
  if (auto cc = TimedCorpusChecks(&stats, [&] { return store->RunCorpusChecks({}, options.corpus); }); !cc) {
    return tl::unexpected(cc.error());
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace xxgk
