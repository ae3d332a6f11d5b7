#include "memory/sampler_cache.hpp"

#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"

namespace glc::detail {
namespace {

GLint gl_filter(Filter filter) { return filter == Filter::linear ? GL_LINEAR : GL_NEAREST; }

GLint gl_wrap(Wrap wrap) {
  switch (wrap) {
    case Wrap::clamp: return GL_CLAMP_TO_EDGE;
    case Wrap::repeat: return GL_REPEAT;
    case Wrap::mirror: return GL_MIRRORED_REPEAT;
  }
  return GL_CLAMP_TO_EDGE;
}

}  // namespace

void check_sampler(const std::string& where, const Sampler& state) {
  if (state.filter != Filter::nearest && state.filter != Filter::linear) {
    throw Error(where + "Sampler::filter " + std::to_string(static_cast<int>(state.filter)) +
                " is not Filter::nearest or Filter::linear");
  }
  if (state.wrap != Wrap::clamp && state.wrap != Wrap::repeat && state.wrap != Wrap::mirror) {
    throw Error(where + "Sampler::wrap " + std::to_string(static_cast<int>(state.wrap)) +
                " is not Wrap::clamp, Wrap::repeat or Wrap::mirror");
  }
}

SamplerObject::SamplerObject(ContextState& context, const Sampler& state)
    : context_(context), state_(state) {
  context_.use();
  glGenSamplers(1, &id_);
  glSamplerParameteri(id_, GL_TEXTURE_MIN_FILTER, gl_filter(state.filter));
  glSamplerParameteri(id_, GL_TEXTURE_MAG_FILTER, gl_filter(state.filter));
  for (GLenum axis : {GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R}) {
    glSamplerParameteri(id_, axis, gl_wrap(state.wrap));
  }
  try {
    context_.check_errors("creating a sampler object");
  } catch (...) {
    glDeleteSamplers(1, &id_);
    throw;
  }
}

SamplerObject::~SamplerObject() {
  if (!context_.alive()) return;
  try {
    context_.use();
    glDeleteSamplers(1, &id_);
  } catch (...) {  // current on another thread: the context's destruction frees it
  }
}

const std::shared_ptr<SamplerObject>& SamplerCache::get(const Sampler& state) {
  for (const std::shared_ptr<SamplerObject>& object : objects_) {
    if (object->state() == state) return object;
  }
  return objects_.emplace_back(std::make_shared<SamplerObject>(context_, state));
}

SamplerCache& sampler_cache(ContextState& context) {
  return context.attachment<SamplerCache>();
}

}  // namespace glc::detail
