// Must not compile: views of buffer memory come from Buffer::map_read, read_async and map_write
// only, never from a detail::HostMapping a program found in the headers.
#include <glcompute/glcompute.hpp>

void make_view(std::shared_ptr<glc::detail::HostMapping> mapping) {
  glc::MappedRead<float> view(std::move(mapping), 1);
}
