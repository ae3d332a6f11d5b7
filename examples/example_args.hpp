#pragma once
// How every example reads its command line, with CLI11 (Debian: libcli11-dev): `--help` prints
// what the example does and its options (exit 0); a bad argument prints "example: reason" and
// the usage line (exit 2). Number options are checked before CLI11 converts them, so "-3" for a
// count or "abc" for a size is refused with its reason instead of wrapping or "could not convert".
//
//     example::Args args("reduce", "Reductions on the GPU next to the CPU.");
//     args.app().add_option("--n", n, "elements")->check(example::count(1));
//     args.parse(argc, argv);

#include <CLI/CLI.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <optional>
#include <string>

namespace example {

/// A whole number from `min` to `max`.
inline CLI::Validator count(std::uint64_t min = 0, std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size()) {
          return "'" + text + "' is not a whole number";
        }
        if (ec == std::errc::result_out_of_range || value > max) {
          return "'" + text + "' is more than " + std::to_string(max);
        }
        if (value < min) return "'" + text + "' is less than " + std::to_string(min);
        return {};
      },
      "N");
}

/// A finite number, above `above` where given.
inline CLI::Validator finite(std::optional<double> above = std::nullopt) {
  return CLI::Validator(
      [above](std::string& text) -> std::string {
        double value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
          return "'" + text + "' is not a finite number";
        }
        if (above && !(value > *above)) {
          char bound[32];
          std::snprintf(bound, sizeof bound, "%g", *above);
          return "'" + text + "' is not more than " + bound;
        }
        return {};
      },
      "X");
}

/// An example's command line.
class Args {
 public:
  /// `name` as the program calls itself; `description`: what --help says it does.
  Args(std::string name, std::string description) : app_(std::move(description), std::move(name)) {}

  CLI::App& app() { return app_; }

  /// Parses argv. Returns only where it is fine: after --help the program exits 0, after a bad
  /// argument 2.
  void parse(int argc, char** argv) {
    try {
      app_.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      std::cout << app_.help();
      std::exit(0);
    } catch (const CLI::ParseError& e) {
      fail(reason(e));
    }
  }

  /// Exits 2 after "name: problem" and the usage line: for a problem found after parsing.
  [[noreturn]] void fail(const std::string& problem) const {
    std::fprintf(stderr, "%s: %s\nusage: %s (%s --help: what it does)\n", app_.get_name().c_str(), problem.c_str(),
                 usage().c_str(), app_.get_name().c_str());
    std::exit(2);
  }

 private:
  // "reduce [--n N] [--reps R]", from the options themselves.
  std::string usage() const {
    std::string text = app_.get_name();
    for (const CLI::Option* option : app_.get_options()) {
      if (option == app_.get_help_ptr()) continue;
      std::string item = option->get_name();  // a positional: its name alone
      if (!option->get_positional()) {
        const bool flag = option->get_items_expected() == 0;
        item = option->get_name(false, false) + (flag ? "" : " " + option_value_name(option));
      }
      text += option->get_required() ? " " + item : " [" + item + "]";
    }
    return text;
  }

  static std::string option_value_name(const CLI::Option* option) {
    std::string name = option->get_option_text();
    return name.empty() ? "VALUE" : name;
  }

  static std::string reason(const CLI::ParseError& e) {
    const std::string what = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      const std::string extras = what.substr(what.find(": ") == std::string::npos ? 0 : what.find(": ") + 2);
      return (extras.rfind('-', 0) == 0 ? "unknown option " : "unexpected argument ") + extras;
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
      const std::string option = what.substr(0, what.find(':'));
      return option + (what.find("At Most") != std::string::npos ? " is given more than once" : " needs a value");
    }
    return what;
  }

  CLI::App app_;
};

}  // namespace example
