#pragma once
// A command line that cannot be carried out as written: an unknown option, a value that does
// not parse, a name the shader does not declare. The command prints its one-line message and
// the usage, and exits with status 2.

#include <stdexcept>
#include <string>

namespace glc::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs `f`; a UsageError it throws comes out with `context` put in front of its message
/// ("--buffer x=zeros:f32:8: " + "unknown dtype 'f32' ...").
template <class F>
decltype(auto) with_context(const std::string& context, F&& f) {
  try {
    return f();
  } catch (const UsageError& e) {
    throw UsageError(context + ": " + e.what());
  }
}

}  // namespace glc::cli
