#include "run_plan.hpp"

#include <limits>

#include "shader_options.hpp"
#include "text_values.hpp"
#include "usage_error.hpp"

namespace glc::cli {
namespace {

// "NAME[:SHAPE]"; for --out "NAME=FILE[:SHAPE]", where the shape is what follows the last ':'
// if that reads as a shape (a file name with a colon can still be given: a:b.npy).
ShowArg show_arg(const std::string& text, bool with_file) {
  ShowArg arg{text, {}, std::nullopt, {}};
  std::string rest = text;
  std::string name;
  if (with_file) {
    const auto [n, file] = split_assignment(text, "NAME=FILE.npy[:SHAPE]");
    name = n;
    rest = file;
  }
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string::npos && (!with_file || is_shape_text(rest.substr(colon + 1)))) {
    arg.shape = parse_shape(rest.substr(colon + 1));
    rest.resize(colon);
  }
  if (with_file) {
    if (trim(rest).empty()) throw UsageError("no file name");
    arg.file = rest;
  } else {
    name = std::string(trim(rest));
    if (name.empty()) throw UsageError("no buffer name");
  }
  arg.block = block_ref(name);
  return arg;
}

}  // namespace

BlockRef block_ref(const std::string& text) {
  BlockRef ref{text, std::nullopt};
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    const std::optional<std::uint64_t> binding = to_uint64(text);
    if (!binding || *binding > std::numeric_limits<std::uint32_t>::max()) {
      throw UsageError("'" + text + "' is too large a binding");
    }
    ref.binding = static_cast<std::uint32_t>(*binding);
  }
  return ref;
}

RunPlan plan_run(const RunArgs& args) {
  RunPlan plan;
  plan.shader = args.shader.shader;
  plan.context = context_options(args.context);
  plan.compile = compile_options(args.shader);
  for (const std::string& text : args.buffers) {
    with_context("--buffer " + text, [&] {
      const auto [name, spec] = split_assignment(text, "NAME=SPEC");
      plan.buffers.push_back({text, block_ref(name), parse_buffer_spec(spec)});
    });
  }
  for (const std::string& text : args.uniform_blocks) {
    with_context("--uniform-block " + text, [&] {
      const auto [name, spec] = split_assignment(text, "NAME=FILE.npy|[v,...]:DTYPE");
      BufferSpec parsed = parse_buffer_spec(spec);
      if (parsed.kind != BufferSpec::Kind::file && parsed.kind != BufferSpec::Kind::list) {
        throw UsageError("a uniform block's contents are FILE.npy or [v,...]:DTYPE, not a generator");
      }
      plan.uniform_blocks.push_back({text, block_ref(name), std::move(parsed)});
    });
  }
  for (const std::string& text : args.sets) {
    with_context("--set " + text, [&] {
      const auto [name, value] = split_assignment(text, "NAME=VALUE");
      plan.sets.push_back({text, name, value});
    });
  }
  if (!args.repeat.empty()) plan.repeat = with_context("--repeat", [&] { return parse_count(args.repeat, 1); });
  if (!args.groups.empty() && !args.for_size.empty()) {
    throw UsageError("--groups and --for both give the dispatch size; give one");
  }
  if (!args.groups.empty()) {
    plan.dispatch.kind = DispatchPlan::Kind::groups;
    plan.dispatch.size = with_context("--groups", [&] { return parse_sizes(args.groups, 1, 1); });
    for (const std::uint64_t groups : plan.dispatch.size) {
      if (groups > std::numeric_limits<std::uint32_t>::max()) throw UsageError("--groups: a count is too large");
    }
  } else if (!args.for_size.empty()) {
    plan.dispatch.kind = DispatchPlan::Kind::invocations;
    plan.dispatch.size = with_context("--for", [&] { return parse_sizes(args.for_size, 0, 1); });
  } else if (plan.buffers.empty()) {
    throw UsageError("no --buffer to take the dispatch size from; give --groups or --for");
  }
  for (const std::string& text : args.prints) {
    with_context("--print " + text, [&] { plan.prints.push_back(show_arg(text, false)); });
  }
  for (const std::string& text : args.outs) {
    with_context("--out " + text, [&] { plan.outs.push_back(show_arg(text, true)); });
  }
  plan.time = args.time;
  return plan;
}

}  // namespace glc::cli
