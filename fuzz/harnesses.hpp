#pragma once
// The fuzz harnesses: each takes one input of arbitrary bytes, drives a parser with it and
// aborts (through check()) when the parser misbehaves. libFuzzer calls them through entry.cpp;
// tests/test_fuzz_regressions.cpp replays the inputs that once found bugs. Internal.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

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

/// SPIR-V interface reflection (src/spirv_reflect.*): the input gives up to three
/// specialization values, then the module's words (see spirv_reflect_harness.cpp).
int spirv_reflect(const std::uint8_t* data, std::size_t size);

/// Image uniform declarations read from GLSL (src/image_declarations.*): the input is the GLSL.
int image_declarations(const std::uint8_t* data, std::size_t size);

/// Specialization constants and local_size_*_id (src/specialization.*): the input is the
/// preprocessed GLSL followed by CompileOptions and limits (see specialization_harness.cpp).
int specialization(const std::uint8_t* data, std::size_t size);

/// Program cache entries (src/program_cache_file.*): the input is decoded as an entry, and also
/// gives a key, a format and a payload that are encoded, damaged and decoded again.
int cache_entry(const std::uint8_t* data, std::size_t size);

/// .npy files (src/format/npy*): the input is the file, decoded from memory and read from disk.
int npy(const std::uint8_t* data, std::size_t size);

/// Aborts with `what` when `ok` is false, so that libFuzzer records the input.
void check(bool ok, const char* what);
/// Aborts saying that `what` threw `e`, an exception it must not throw.
[[noreturn]] void unexpected_exception(const char* what, const std::exception& e);
/// Whether `word` occurs in `text` with no letter, digit or '_' on either side (the harnesses'
/// own reading, independent of the scanners under test).
bool has_word(std::string_view text, std::string_view word);

}  // namespace glc::fuzz
