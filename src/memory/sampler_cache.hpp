#pragma once
// GL sampler objects, one per distinct glc::Sampler and context. Internal.

#include <memory>
#include <string>
#include <vector>

#include <glad/gl.h>

#include "glcompute/sampler.hpp"

namespace glc::detail {

class ContextState;

/// Owns one GL sampler object holding `state`. Deleted while its context is alive and can be
/// made current; otherwise the context's destruction has freed it already.
class SamplerObject {
 public:
  SamplerObject(ContextState& context, const Sampler& state);
  ~SamplerObject();
  SamplerObject(const SamplerObject&) = delete;
  SamplerObject& operator=(const SamplerObject&) = delete;

  GLuint id() const noexcept { return id_; }
  const Sampler& state() const noexcept { return state_; }

 private:
  ContextState& context_;  // outlives this: programs holding samplers hold the context too
  Sampler state_;
  GLuint id_ = 0;
};

/// The sampler objects of one context, made on first use of each state and kept until the
/// context is destroyed: a handful at most (2 filters x 3 wraps), so binding a texture never
/// creates GL objects per call.
class SamplerCache {
 public:
  explicit SamplerCache(ContextState& context) : context_(context) {}

  /// The sampler object for `state` (checked: see check_sampler).
  const std::shared_ptr<SamplerObject>& get(const Sampler& state);

 private:
  ContextState& context_;
  std::vector<std::shared_ptr<SamplerObject>> objects_;
};

/// Throws glc::Error naming `where` for a Filter or Wrap outside its enum.
void check_sampler(const std::string& where, const Sampler& state);

/// The sampler cache of `context`, created on first use and destroyed with the context.
SamplerCache& sampler_cache(ContextState& context);

}  // namespace glc::detail
