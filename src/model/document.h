// The document model: what every reader produces and the extractor consumes. It knows nothing of the
// report schema. Text is UTF-8; every piece keeps where it came from (line, page, table cell).
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xxgk {

// Where a piece of text came from. Zero / -1 mean "not applicable".
struct Provenance {
  uint32_t line = 0;   // 1-based line in a text source, or line within the page for PDF
  uint32_t page = 0;   // 1-based PDF page
  int32_t table = -1;  // 0-based table index in an HTML/DOCX document
  int32_t row = -1;    // 0-based row within that table
  int32_t col = -1;    // 0-based grid column within that row
};

// One cell of a table row. `text` views storage owned by the Document.
struct Cell {
  std::string_view text;
  Provenance at;
  uint16_t row_span = 1;
  uint16_t col_span = 1;
  bool covered = false;  // a grid position covered by a span from above/left; carries no text of its own
};

enum class BlockKind : uint8_t { kParagraph, kHeading, kTable };

// A paragraph (one text line for text sources; may contain tabs), a heading, or a table.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string_view text;                 // paragraph / heading text
  std::vector<std::vector<Cell>> rows;   // table rows, spans resolved to a grid
  Provenance at;
  uint8_t level = 0;                     // heading level, when known
};

// What a web page says about its article in standard meta tags (government sites:
// <meta name="ArticleTitle" content="…">, PubDate, ContentSource, SiteName, ColumnName). Empty when absent.
// The site and column name the place of publication, never the article's author.
struct PageMeta {
  std::string title;      // ArticleTitle (or og:title)
  std::string published;  // PubDate, as written
  std::string source;     // ContentSource: the body that issued the article
  std::string site;       // SiteName
  std::string column;     // ColumnName
};

struct SourceInfo {
  std::string name;        // file name as given (no directory), "-" for stdin
  std::string sha256;      // hex digest of the raw bytes
  uint64_t bytes = 0;
  std::string media_type;  // text/plain, text/markdown, …
  std::string encoding;    // as detected
  size_t replaced_chars = 0;
};

// Blocks view into the document's own storage (text and Keep), so a Document stays where it was made: a
// copy would view into the original's storage, and a move of a short `text` (kept inside the string
// object) would leave the views behind.
struct Document {
  Document() = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  SourceInfo source;
  std::vector<Block> blocks;
  PageMeta meta;                    // web pages only
  std::string text;                 // the decoded text, when the reader keeps it; blocks may view into it

  // Stores s and returns a view of it that lives as long as the document. Strings are packed end to end in
  // 64 KiB chunks (no allocation or header per paragraph); long ones get a chunk of their own.
  std::string_view Keep(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > kChunk / 4) {
      large_.emplace_back(s);
      return large_.back();
    }
    if (chunk_left_ < s.size()) {
      chunks_.emplace_back(new char[kChunk]);
      chunk_next_ = chunks_.back().get();
      chunk_left_ = kChunk;
    }
    char* at = chunk_next_;
    std::memcpy(at, s.data(), s.size());
    chunk_next_ += s.size();
    chunk_left_ -= s.size();
    return {at, s.size()};
  }

  // Bytes held by Keep (for the memory budget's tests).
  size_t KeptBytes() const {
    size_t n = chunks_.size() * kChunk;
    for (const auto& s : large_) n += s.capacity();
    return n;
  }

  // Adds one paragraph per line of text (blank lines skipped), numbering them from *counter, which
  // advances by one per line (per non-blank line unless count_blank). Used by readers that assemble
  // paragraphs from markup.
  void AddParagraphs(std::string_view text, uint32_t* counter, bool count_blank) {
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      bool blank = line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
      if (count_blank || !blank) ++*counter;
      if (!blank) {
        Block b;
        b.text = Keep(line);
        b.at.line = *counter;
        blocks.push_back(std::move(b));
      }
      pos = nl + 1;
    }
  }
 private:
  static constexpr size_t kChunk = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::deque<std::string> large_;
  char* chunk_next_ = nullptr;
  size_t chunk_left_ = 0;
};

}  // namespace xxgk
