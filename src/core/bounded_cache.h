// The per-thread caches of pure functions of a text (a table label's evidence, a short cell's tokens, a
// fuzzy heading title): a map from the bytes the answer depends on to the answer, emptied when full, so it
// never holds more than max_entries answers. A key that names a format or a slot list by address (they
// live as long as the program) starts with AppendAddress.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/string_hash.h"

namespace xxgk {

template <class V>
class BoundedCache {
 public:
  explicit BoundedCache(size_t max_entries) : max_entries_(max_entries) {}

  // The answer kept for key, or nullptr.
  const V* Find(std::string_view key) const {
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }

  // Keeps value for key and returns it; valid until the next Insert (which may empty the cache).
  const V& Insert(std::string key, V value) {
    if (map_.size() >= max_entries_) map_.clear();
    return map_.insert_or_assign(std::move(key), std::move(value)).first->second;
  }

 private:
  size_t max_entries_;
  std::unordered_map<std::string, V, StringHash, std::equal_to<>> map_;
};

// Appends the address p to a cache key (its bytes, not what it points to).
inline void AppendAddress(const void* p, std::string* key) {
  key->append(reinterpret_cast<const char*>(&p), sizeof p);
}

}  // namespace xxgk
