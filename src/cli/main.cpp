// The glcompute command: `glcompute run`, `glcompute compile`, `glcompute info`. A client of
// the public API (<glcompute/...>, .npy files included) only.
//
// Exit status: 0 done; 1 a shader that does not compile (file:line: message), a GL error, a
// file that cannot be read or written; 2 a command line that cannot be carried out (a one-line
// reason, then the usage).

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include <glcompute/error.hpp>

#include "command_args.hpp"
#include "compile_command.hpp"
#include "help_text.hpp"
#include "run_command.hpp"
#include "usage_error.hpp"

namespace {

using namespace glc::cli;

constexpr std::string_view kCommands[] = {"run", "compile", "info"};

// CLI11 prints the help texts of help_text.cpp.
class HelpFormatter : public CLI::FormatterBase {
 public:
  std::string make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const override {
    return help_text(app->get_parent() == nullptr ? "" : app->get_name());
  }
};

// CLI11's messages, said the way the rest of the command says things.
std::string reason(const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && what.rfind("shader", 0) == 0) {
    return "the SHADER file is missing";
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    const std::string option = what.substr(0, what.find(':'));
    if (what.find("At Most") != std::string::npos) return option + " is given more than once";
    return option + " needs a value";
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    // "The following argument(s) was/were not expected: a b"
    const std::string extras = what.substr(what.find(": ") == std::string::npos ? 0 : what.find(": ") + 2);
    return (extras.rfind('-', 0) == 0 ? "unknown option " : "unexpected argument ") + extras;
  }
  return what;
}

void add_context_options(CLI::App& command, ContextArgs& args) {
  command.add_option("--device", args.device);
  command.add_option("--backend", args.backend);
}

void add_shader_options(CLI::App& command, ShaderArgs& args) {
  command.add_option("shader", args.shader)->required();
  command.add_option("-I", args.include_dirs)->allow_extra_args(false);
  command.add_option("--define", args.defines)->allow_extra_args(false);
  command.add_option("--specialize", args.specializations)->allow_extra_args(false);
  command.add_option("--local-size", args.local_size);
  command.add_option("--path", args.path);
}

int usage_error(std::string_view command, const std::string& message) {
  const std::string name = command.empty() ? "glcompute" : "glcompute " + std::string(command);
  std::fprintf(stderr, "%s: %s\n%s\n", name.c_str(), message.c_str(), usage_line(command).c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("glcompute", "glcompute");
  app.formatter(std::make_shared<HelpFormatter>());
  app.set_version_flag("--version", "glcompute " GLCOMPUTE_VERSION);
  app.require_subcommand(1, 1);

  RunArgs run;
  CLI::App* run_command = app.add_subcommand("run");
  add_shader_options(*run_command, run.shader);
  add_context_options(*run_command, run.context);
  run_command->add_option("--buffer", run.buffers)->allow_extra_args(false);
  run_command->add_option("--uniform-block", run.uniform_blocks)->allow_extra_args(false);
  run_command->add_option("--set", run.sets)->allow_extra_args(false);
  run_command->add_option("--groups", run.groups);
  run_command->add_option("--for", run.for_size);
  run_command->add_option("--repeat", run.repeat);
  run_command->add_option("--print", run.prints)->allow_extra_args(false);
  run_command->add_option("--out", run.outs)->allow_extra_args(false);
  run_command->add_flag("--time", run.time);

  CompileArgs compile;
  CLI::App* compile_command = app.add_subcommand("compile");
  add_shader_options(*compile_command, compile.shader);
  add_context_options(*compile_command, compile.context);
  compile_command->add_option("--spirv", compile.spirv);

  InfoArgs info;
  CLI::App* info_command = app.add_subcommand("info");
  add_context_options(*info_command, info.context);

  // The command, for messages: the first argument, where it names one.
  std::string_view command;
  if (argc > 1 && argv[1][0] != '-') {
    command = argv[1];
    if (std::find(std::begin(kCommands), std::end(kCommands), command) == std::end(kCommands)) {
      return usage_error("", "unknown command '" + std::string(command) + "' (run, compile or info)");
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    if (command.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
      return usage_error("", "no command given");
    }
    return usage_error(command, reason(e));
  }

  try {
    if (run_command->parsed()) run_shader(plan_run(run));
    if (compile_command->parsed()) compile_shader(compile);
    if (info_command->parsed()) print_info(info);
    return 0;
  } catch (const UsageError& e) {
    return usage_error(command, e.what());
  } catch (const glc::ShaderError& e) {
    // what() lists the diagnostics as file:line: message, one per line.
    std::fprintf(stderr, "%s\n", e.what());
    const bool specialized = !run.shader.specializations.empty() || !compile.shader.specializations.empty();
    if (specialized && std::string_view(e.what()).find("specialization constant") != std::string_view::npos) {
      std::fprintf(stderr, "(--specialize takes GLSL literals, typed as in GLSL: 5 int, 5u uint, 1.5 float, "
                           "true bool)\n");
    }
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "glcompute %s: %s\n", std::string(command).c_str(), e.what());
    return 1;
  }
}
