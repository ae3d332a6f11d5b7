#pragma once
// The fuzz harnesses: each takes one input of arbitrary bytes, drives a parser with it and
// aborts (through check()) when the parser misbehaves. libFuzzer calls them through entry.cpp;
// tests/test_fuzz_regressions.cpp replays the inputs that once found bugs. Internal.

#include <cstddef>
#include <cstdint>

namespace glc::fuzz {

/// Driver and shaderc info logs (src/shader_log.*): the input is the log; its first byte picks
/// how many source files the log may refer to and whether warnings are dropped.
int shader_log(const std::uint8_t* data, std::size_t size);

/// Shader preprocessing and #include resolution (src/preprocess.*, src/include_resolver.*):
/// the input describes a top-level source, a small file tree, defines and include directories
/// (see preprocess_harness.cpp), which are written to a scratch directory and preprocessed.
int preprocess(const std::uint8_t* data, std::size_t size);

/// glc::format: the input gives an element type, a shape and the elements' bytes.
int format(const std::uint8_t* data, std::size_t size);

/// Aborts with `what` when `ok` is false, so that libFuzzer records the input.
void check(bool ok, const char* what);

}  // namespace glc::fuzz
