#pragma once
/// @file
/// glcompute: GPU compute with OpenGL compute shaders.
///
///     #include <glcompute/glcompute.hpp>
///
///     glc::Context ctx;                                    // headless, no X server
///     glc::Program p = ctx.compile(glc::Source::file("double.comp"));
///     glc::Buffer<float> xs = ctx.buffer(std::vector<float>(1000, 1.0f));
///     p.bind("Data", xs).set("n", uint32_t(xs.size()));
///     p.dispatch_for(xs.size());
///     std::cout << glc::format(xs) << "\n";

#include "algorithm_path.hpp"
#include "argminmax.hpp"
#include "buffer.hpp"
#include "context.hpp"
#include "context_info.hpp"
#include "context_options.hpp"
#include "copy_if.hpp"
#include "elementwise_kernel.hpp"
#include "error.hpp"
#include "fill.hpp"
#include "format.hpp"
#include "histogram.hpp"
#include "npy.hpp"
#include "program.hpp"
#include "program_cache.hpp"
#include "random.hpp"
#include "reduce.hpp"
#include "reduction_kernel.hpp"
#include "scan.hpp"
#include "sort.hpp"
#include "source.hpp"
#include "texture.hpp"
