#pragma once
// Checks the public handles share: element ranges, sizes, empty (default-constructed or
// moved-from) handles, views used after they were spent. Not part of the public API: the
// templates of the public headers call them, so they are declared here; each throws glc::Error.

#include <cstddef>
#include <string>

namespace glc::detail {

/// Throws glc::Error naming `what` unless [offset, offset + count) lies within [0, size).
void check_range(const char* what, std::size_t offset, std::size_t count, std::size_t size);

/// Throws glc::Error naming `what` unless a whole-buffer operation's sizes agree.
void check_same_size(const char* what, std::size_t source_size, std::size_t size);

/// Throws glc::Error naming `what` and both element ranges where a copy of `count` elements
/// from `src_offset` to `dst_offset` within one buffer would overlap (GL refuses it).
void check_disjoint(const char* what, std::size_t src_offset, std::size_t dst_offset,
                    std::size_t count);

/// `count * element_size`, or a glc::Error naming `what` where that overflows.
std::size_t checked_bytes(const char* what, std::size_t count, std::size_t element_size);

/// Throws glc::Error with `message` (for misuse of views: used after commit or wait).
[[noreturn]] void throw_misuse(const std::string& message);

/// Throws glc::Error for use of a default-constructed or moved-from handle of `type`.
[[noreturn]] void throw_empty_handle(const char* type);

}  // namespace glc::detail
