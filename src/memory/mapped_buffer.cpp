#include "memory/mapped_buffer.hpp"

#include <cstdlib>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {

GLbitfield staging_placement_bit() {
  // GLCOMPUTE_STAGING_PLACEMENT=driver lets the benchmark compare placements on a driver.
  static const bool client = [] {
    const char* v = std::getenv("GLCOMPUTE_STAGING_PLACEMENT");
    return v == nullptr || std::string(v) != "driver";
  }();
  return client ? GL_CLIENT_STORAGE_BIT : 0;
}

MappedBuffer::MappedBuffer(ContextState& context, std::size_t bytes, const std::string& what)
    : bytes_(bytes) {
  const GLbitfield flags = GL_MAP_READ_BIT | GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT |
                           GL_MAP_COHERENT_BIT;
  const auto size = static_cast<GLsizeiptr>(bytes);
  glGenBuffers(1, &id_);
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glBufferStorage(GL_COPY_WRITE_BUFFER, size, nullptr, flags | staging_placement_bit());
  data_ = static_cast<std::byte*>(glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, size, flags));
  if (data_ == nullptr) {
    glDeleteBuffers(1, &id_);
    id_ = 0;
    context.check_errors(("mapping " + what).c_str());
    throw Error("glcompute: could not map " + what);
  }
}

MappedBuffer::~MappedBuffer() {
  if (id_ == 0) return;
  glBindBuffer(GL_COPY_WRITE_BUFFER, id_);
  glUnmapBuffer(GL_COPY_WRITE_BUFFER);
  glDeleteBuffers(1, &id_);
}

void MappedBuffer::abandon() noexcept {
  id_ = 0;
  data_ = nullptr;
}

}  // namespace glc::detail
