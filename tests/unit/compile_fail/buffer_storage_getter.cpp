// Must not compile: a buffer's storage is the library's (detail::Access), not the user's.
#include <glcompute/glcompute.hpp>

unsigned name_of(const glc::Buffer<float>& buffer) { return buffer.storage().id(); }
