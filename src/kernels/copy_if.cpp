// glc::copy_if: a generated kernel (the predicate, then copy_if.glsl) on scan.comp's tiles and
// records, with the count read back through a result record.

#include "glcompute/copy_if.hpp"

#include <string>

#include "context/context_state.hpp"
#include "glcompute/error.hpp"
#include "kernels/kernel_source.hpp"
#include "kernels/result_record.hpp"
#include "kernels/tile_records.hpp"

namespace glc::detail {
namespace {

constexpr std::size_t kTileWords = 4096;  // VECTORS_PER_TILE uvec4s in copy_if.glsl

const char* glsl_type(ElementType type) {
  switch (type) {
    case ElementType::f32: return "float";
    case ElementType::f64: return "double";
    case ElementType::i32: return "int";
    case ElementType::u32: return "uint";
  }
  return "";
}

const char* element_define(ElementType type) {
  switch (type) {
    case ElementType::f32: return "GLC_ELEMENT_FLOAT";
    case ElementType::f64: return "GLC_ELEMENT_DOUBLE";
    case ElementType::i32: return "GLC_ELEMENT_INT";
    case ElementType::u32: return "GLC_ELEMENT_UINT";
  }
  return "";
}

std::string generate(ElementType type, std::string_view predicate, const Defines& defines) {
  std::string glsl = "#version 430\n";
  for (const auto& [name, value] : defines) glsl += "#define " + name + " " + value + "\n";
  glsl += std::string("#define ") + element_define(type) + "\n"
          "#include \"glcompute/kernels/copy_if.glsl\"\n"
          "layout(local_size_x = 256) in;\n"
          "bool glc_keep(" + glsl_type(type) + " x, uint i) {\n  return bool(\n" +
          user_text(predicate, 0) + ");\n}\n";
  return glsl;
}

}  // namespace

std::size_t copy_if(const BufferStorage& in, std::size_t count, BufferStorage& out,
                    std::size_t out_count, ElementType type, std::string_view predicate) {
  const char* what = "glc::copy_if";
  const std::shared_ptr<ContextState>& context = in.context();
  context->use();
  if (out.context() != context) throw Error(std::string(what) + ": in and out belong to different glc::Contexts");
  if (&in == &out) throw Error(std::string(what) + ": in and out are the same buffer (give out a buffer of its own)");
  if (count > 0xFFFFFFFFull) {
    throw Error(std::string(what) + ": " + std::to_string(count) + " elements; at most 2^32 - 1");
  }
  if (type == ElementType::f64) require_fp64(*context, context, what);
  if (count == 0) return 0;

  const AlgorithmPath path = algorithm_path(*context, context);
  const unsigned wpe = words_per_element(type);
  const std::size_t words = count * wpe;
  const std::vector<TilePiece> pieces = split_into_tiles(*context, words, kTileWords);
  TileRecords& records = TileRecords::of(context);
  records.begin((words + kTileWords - 1) / kTileWords, what);

  // Output windows of 2^shift elements, at most four.
  const std::size_t binding = std::min<std::uint64_t>(context->info().limits.max_storage_block_bytes,
                                                      std::uint64_t{1} << 31);
  std::uint32_t shift = 0;
  while ((std::size_t{2} << shift) * wpe * 4 <= binding) ++shift;
  const std::size_t window = std::size_t{1} << shift;
  const std::uint32_t windows = static_cast<std::uint32_t>(std::max<std::size_t>(1, (out_count + window - 1) / window));
  if (windows > 4) {
    throw Error(std::string(what) + ": out needs " + std::to_string(windows) +
                " storage bindings; at most 4 are supported");
  }

  Defines base{{"GLC_SCAN_UINT", ""}};
  path.add_lane_defines(base);
  const std::string label = "<copy_if " + std::string(glsl_type(type)) + ">";
  const auto program = [&](const Defines& extra) -> GeneratedProgram& {
    Defines d = base;
    d.insert(d.end(), extra.begin(), extra.end());
    return generated_program(context, generate(type, predicate, d), label, {"<copy_if predicate>"});
  };
  ResultRecord& result = ResultRecord::of(context);
  result.next_call();
  const auto run = [&](GeneratedProgram& p, bool writes) {
    Kernel& k = p.kernel;
    records.bind(k, 0);
    k.set("out_shift", shift);
    k.set("out_count", static_cast<std::uint32_t>(std::min<std::size_t>(out_count, 0xFFFFFFFFu)));
    if (writes) {
      result.attach(k, 10);
      for (std::uint32_t w = 0; w < windows; ++w) {
        const std::size_t first = std::min<std::size_t>(w, windows - 1) * window;
        const std::size_t size = out_count == 0 ? 0 : std::min(out_count - first, window);
        if (size > 0) k.bind(6 + w, out, first * wpe * 4, size * wpe * 4);  // none for an empty out
      }
    }
    for (const TilePiece& piece : pieces) {
      k.set("count_words", static_cast<std::uint32_t>(piece.words));
      k.set("tile_base", piece.first_tile);
      k.set("element_base", static_cast<std::uint32_t>(piece.bind_offset / 4 / wpe));
      k.bind_words(in, piece.bind_offset, piece_bind_size(in, piece));
      if (path.lookback && writes) records.dispatch_with_tickets(k, piece.tiles);
      else k.dispatch(piece.tiles);
    }
  };
  Defines final_defines{{"GLC_WINDOWS", std::to_string(windows)}};
  if (path.lookback) {
    path.add_lookback_defines(final_defines);
    run(program(final_defines), true);
    records.check_stalled(path, what);
  } else {
    run(program({{"GLC_AGGREGATES", ""}}), false);
    records.write_levels(base, 0);
    run(program(final_defines), true);
  }
  const std::size_t kept = static_cast<std::size_t>(result.await(what));
  if (kept > out_count) {
    throw Error(std::string(what) + ": " + std::to_string(kept) + " elements pass the predicate, but out holds " +
                std::to_string(out_count) + " (the first " + std::to_string(out_count) + " were written)");
  }
  return kept;
}

}  // namespace glc::detail
