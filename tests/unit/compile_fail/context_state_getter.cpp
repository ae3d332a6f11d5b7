// Must not compile: a context's internal state is the library's (detail::Access), not the user's.
#include <glcompute/glcompute.hpp>

bool alive(const glc::Context& context) { return context.state() != nullptr; }
