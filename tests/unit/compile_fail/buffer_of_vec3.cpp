// Must NOT compile: glm::vec3 is 12 bytes in C++ but 16 in std430 arrays (see buffer.hpp).
#include <glm/glm.hpp>
#include <glcompute/glcompute.hpp>

glc::Buffer<glm::vec3> make(glc::Context& ctx) { return ctx.buffer<glm::vec3>(4); }
