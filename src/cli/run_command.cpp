#include "run_command.hpp"

#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

#include <glcompute/buffer.hpp>
#include <glcompute/context.hpp>
#include <glcompute/error.hpp>
#include <glcompute/format.hpp>
#include <glcompute/random.hpp>

#include "array_text.hpp"
#include "shader_options.hpp"
#include "uniform_blocks.hpp"
#include "uniform_value.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

// A --buffer once the shader is known: its block, contents and GPU buffer.
struct BoundBuffer {
  const BufferArg* arg = nullptr;
  std::size_t block = 0;
  npy::Array host;  // the contents before the run (data released once uploaded)
  std::size_t count = 0;  // elements of host.dtype
  Buffer<std::uint8_t> gpu;
};

// Buffers hold bytes as std::uint8_t, a plain number: Program::bind then takes them for a block
// whose array elements have any stride (the bytes are the elements, flat), as a file's bytes are.
Buffer<std::uint8_t> upload(Context& ctx, std::span<const std::byte> bytes) {
  return ctx.buffer(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}
std::vector<std::byte> download(const Buffer<std::uint8_t>& buffer) {
  std::vector<std::byte> bytes(buffer.size());
  buffer.read_into(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(bytes.data()), bytes.size()));
  return bytes;
}

std::string block_list(const std::vector<StorageBlockInfo>& blocks) {
  if (blocks.empty()) return "the shader declares no storage blocks";
  std::string list;
  for (const StorageBlockInfo& b : blocks) {
    list += (list.empty() ? "" : ", ") + b.name + " (binding " + std::to_string(b.binding) + ")";
  }
  return "the shader's blocks: " + list;
}

std::size_t find_block(const std::vector<StorageBlockInfo>& blocks, const BlockRef& ref) {
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (ref.binding ? blocks[i].binding == *ref.binding : blocks[i].name == ref.text) return i;
  }
  throw UsageError(std::string(ref.binding ? "no storage block has binding " : "no storage block is named ") +
                   ref.text + "; " + block_list(blocks));
}

const UniformInfo& find_uniform(const std::vector<UniformInfo>& uniforms, const std::string& name) {
  std::string list;
  for (const UniformInfo& u : uniforms) {
    if (u.name == name) return u;
    list += (list.empty() ? "" : ", ") + u.name + " (" + u.type_name + ")";
  }
  throw UsageError("the shader has no uniform '" + name + "'; " +
                   (list.empty() ? "it declares none" : "its uniforms: " + list));
}

// The buffer a --print or --out refers to (by the block's name or binding, either way).
BoundBuffer& find_bound(std::vector<BoundBuffer>& bound, const std::vector<StorageBlockInfo>& blocks,
                        const BlockRef& ref) {
  const std::size_t block = find_block(blocks, ref);
  for (BoundBuffer& b : bound) {
    if (b.block == block) return b;
  }
  throw UsageError("block " + blocks[block].name + " has no --buffer");  // unreachable: all are bound
}

// The shape a --print or --out uses: its own, else the buffer's; either must hold its elements.
npy::Shape show_shape(const ShowArg& arg, const BoundBuffer& b) {
  npy::Shape shape = arg.shape ? *arg.shape : b.host.shape;
  if (shape.empty()) shape = {1};  // a 0-d array from a file: shown as one element
  if (npy::element_count(shape) != b.count) {
    throw UsageError("the shape " + npy::shape_text(shape) + " holds " +
                     std::to_string(npy::element_count(shape).value_or(0)) + " elements, but the buffer has " +
                     std::to_string(b.count) + " " + std::string(npy::name(b.host.dtype)));
  }
  return shape;
}

npy::Array contents(Context& ctx, const BufferSpec& spec) {
  if (spec.kind != BufferSpec::Kind::random) return host_array(spec);
  const std::size_t count = *npy::element_count(spec.shape);
  const std::size_t words = random_words(spec.dtype, count);
  std::vector<std::uint32_t> bits;
  if (words > 0) {
    Buffer<std::uint32_t> gpu_bits = ctx.buffer<std::uint32_t>(words);
    Random rng(ctx, spec.seed);
    rng.bits(gpu_bits);
    bits = gpu_bits.read();
  }
  return random_array(spec.dtype, spec.shape, bits);
}

// Elements of the block's trailing array the buffer holds (its element count where the block
// has no unsized array): what --for defaults to.
std::uint64_t array_length(const StorageBlockInfo& block, const BoundBuffer& b) {
  const std::uint64_t bytes = b.count * npy::item_size(b.host.dtype);
  if (block.array_stride == 0) return b.count;
  return bytes < block.fixed_bytes ? 0 : (bytes - block.fixed_bytes) / block.array_stride;
}

}  // namespace

void run_shader(const RunPlan& plan) {
  Context ctx(plan.context);
  Program program = ctx.compile(shader_source(plan.shader), plan.compile);
  const std::vector<StorageBlockInfo>& blocks = program.storage_blocks();

  // Names first: everything the command line says about the shader, before any data is made.
  std::vector<BoundBuffer> bound;
  for (const BufferArg& arg : plan.buffers) {
    const std::size_t block = with_context("--buffer " + arg.text, [&] {
      try {
        return find_block(blocks, arg.block);
      } catch (const UsageError& e) {
        for (const UniformBlockInfo& u : program.uniform_blocks()) {
          if (arg.block.binding ? u.binding == *arg.block.binding : u.name == arg.block.text) {
            throw UsageError(std::string(e.what()) + " (" + u.name + " is a uniform block: give it --uniform-block)");
          }
        }
        throw;
      }
    });
    for (const BoundBuffer& other : bound) {
      if (other.block == block) {
        throw UsageError("--buffer " + arg.text + ": block " + blocks[block].name + " already has --buffer " +
                         other.arg->text);
      }
    }
    bound.push_back({&arg, block, {}, 0, {}});
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    bool has_buffer = false;
    for (const BoundBuffer& b : bound) has_buffer = has_buffer || b.block == i;
    if (!has_buffer) {
      throw UsageError("storage block " + blocks[i].name + " (binding " + std::to_string(blocks[i].binding) +
                       ") has no --buffer; every block needs one");
    }
  }
  const std::vector<std::size_t> uniform_blocks = find_uniform_blocks(program, plan.uniform_blocks);
  std::vector<UniformValue> uniforms;
  for (const SetArg& set : plan.sets) {
    uniforms.push_back(with_context("--set " + set.text, [&] {
      return parse_uniform_value(find_uniform(program.uniforms(), set.name), set.value);
    }));
  }
  for (const ShowArg& show : plan.prints) {
    with_context("--print " + show.text, [&] { find_bound(bound, blocks, show.block); });
  }
  for (const ShowArg& show : plan.outs) {
    with_context("--out " + show.text, [&] { find_bound(bound, blocks, show.block); });
  }

  // The data, and the shapes it is shown in.
  for (BoundBuffer& b : bound) {
    b.host = contents(ctx, b.arg->spec);
    b.count = b.host.data.size() / npy::item_size(b.host.dtype);
  }
  std::vector<npy::Shape> print_shapes, out_shapes;
  for (const ShowArg& show : plan.prints) {
    print_shapes.push_back(with_context("--print " + show.text, [&] {
      const BoundBuffer& b = find_bound(bound, blocks, show.block);
      const npy::Shape shape = show_shape(show, b);
      array_text(b.host.dtype, {}, npy::Shape{0});  // refuses what cannot be printed, before the run
      return shape;
    }));
  }
  for (const ShowArg& show : plan.outs) {
    out_shapes.push_back(with_context("--out " + show.text, [&] { return show_shape(show, find_bound(bound, blocks, show.block)); }));
  }

  for (BoundBuffer& b : bound) {
    b.gpu = upload(ctx, b.host.data);
    b.host.data = {};
    // A buffer whose size does not fit the block's layout is the command line's mistake.
    try {
      program.bind(blocks[b.block].name, b.gpu);
    } catch (const Error& e) {
      throw UsageError("--buffer " + b.arg->text + ": " + e.what());
    }
  }
  const std::vector<Buffer<std::uint8_t>> uniform_buffers =
      bind_uniform_blocks(ctx, program, plan.uniform_blocks, uniform_blocks);
  for (const UniformValue& value : uniforms) set_uniform(program, value);

  const auto dispatch = [&] {
    const std::array<std::uint64_t, 3>& size = plan.dispatch.size;
    switch (plan.dispatch.kind) {
      case DispatchPlan::Kind::groups:
        program.dispatch(static_cast<std::uint32_t>(size[0]), static_cast<std::uint32_t>(size[1]),
                         static_cast<std::uint32_t>(size[2]));
        break;
      case DispatchPlan::Kind::invocations: program.dispatch_for(size[0], size[1], size[2]); break;
      case DispatchPlan::Kind::first_buffer:
        program.dispatch_for(array_length(blocks[bound.front().block], bound.front()));
        break;
    }
  };
  if (plan.time) {
    const Timing t = ctx.time([&] {
      for (std::uint64_t k = 0; k < plan.repeat; ++k) dispatch();
    });
    std::fprintf(stderr, "glcompute run: %llu dispatch%s: %.3f ms (%s)\n",
                 static_cast<unsigned long long>(plan.repeat), plan.repeat == 1 ? "" : "es", t.seconds * 1e3,
                 t.gpu_timer ? "GPU timer" : "host clock around glFinish");
  } else {
    for (std::uint64_t k = 0; k < plan.repeat; ++k) dispatch();
  }

  for (std::size_t i = 0; i < plan.prints.size(); ++i) {
    const BoundBuffer& b = find_bound(bound, blocks, plan.prints[i].block);
    const std::vector<std::byte> data = download(b.gpu);
    print_line(with_context("--print " + plan.prints[i].text, [&] { return array_text(b.host.dtype, data, print_shapes[i]); }));
  }
  for (std::size_t i = 0; i < plan.outs.size(); ++i) {
    const BoundBuffer& b = find_bound(bound, blocks, plan.outs[i].block);
    npy::write(plan.outs[i].file, {b.host.dtype, out_shapes[i], download(b.gpu)});
  }
}

}  // namespace glc::cli
