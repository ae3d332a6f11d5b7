#pragma once
// `glcompute run`: compiles the shader, fills and binds its buffers, sets its uniforms,
// dispatches, then prints and writes the buffers asked for.

#include "run_plan.hpp"

namespace glc::cli {

/// Carries out `plan`. Throws UsageError for what the shader shows to be wrong with the command
/// line (a block or uniform it does not declare, a block left without a buffer, a value that
/// does not fit a uniform's type, a shape that does not fit a buffer), glc::ShaderError for a
/// shader that does not compile, and glc::Error for everything else (GL, files).
void run_shader(const RunPlan& plan);

}  // namespace glc::cli
