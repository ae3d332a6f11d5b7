// The outputs of glcompute_bench: the printed table, JSON rows and a self-contained SVG plot.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench.hpp"

namespace bench {

const char* clock_name(Clock clock) {
  switch (clock) {
    case Clock::gpu: return "gpu";
    case Clock::finish: return "finish";
    case Clock::host: return "host";
  }
  return "?";
}

namespace {
volatile double g_sink;
}
void keep(double value) { g_sink = value; }

std::string format_seconds(double seconds) {
  if (std::isnan(seconds)) return "-";
  struct Unit {
    double scale;
    const char* name;
  };
  constexpr Unit units[] = {{1, "s"}, {1e-3, "ms"}, {1e-6, "us"}, {1e-9, "ns"}};
  for (const Unit& u : units) {
    if (seconds >= u.scale || u.scale == 1e-9) {
      const double v = seconds / u.scale;
      char text[32];
      std::snprintf(text, sizeof text, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v,
                    u.name);
      return text;
    }
  }
  return "?";
}

namespace {

std::string format_number(double value, const char* format) {
  if (std::isnan(value)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// ---- Table ---------------------------------------------------------------------------------

struct Column {
  const char* title;
  bool left_aligned;
};
constexpr Column kColumns[] = {{"op", true},         {"n", false},         {"clock", true},
                               {"time", false},      {"wall", false},      {"GB/s", false},
                               {"yardstick", true},  {"yardstick time", false}, {"ratio", false}};
constexpr std::size_t kColumnCount = std::size(kColumns);

std::vector<std::string> cells(const Row& r) {
  return {r.op,
          std::to_string(r.n),
          clock_name(r.clock),
          format_seconds(r.seconds),
          format_seconds(r.wall_seconds),
          format_number(r.gbps(), "%.2f"),
          r.yardstick.empty() ? "-" : r.yardstick,
          format_seconds(r.yardstick_seconds),
          format_number(r.ratio(), "%.3gx")};
}

}  // namespace

void print_table(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> lines;
  lines.emplace_back();
  for (const Column& c : kColumns) lines.back().push_back(c.title);
  for (const Row& r : rows) lines.push_back(cells(r));

  std::size_t width[kColumnCount] = {};
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < kColumnCount; ++c) width[c] = std::max(width[c], line[c].size());
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    std::string text;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      const std::string& cell = lines[l][c];
      const std::string pad(width[c] - cell.size(), ' ');
      text += kColumns[c].left_aligned ? cell + pad : pad + cell;
      if (c + 1 < kColumnCount) text += "  ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::printf("%s\n", text.c_str());
    if (l == 0) std::printf("%s\n", std::string(text.size(), '-').c_str());
  }
}

void print_dispatch_summary(const std::vector<Row>& rows) {
  const Row* tiny = nullptr;
  const Row* small = nullptr;
  const Row* large = nullptr;
  for (const Row& r : rows) {
    if (r.op == "tiny_dispatch") tiny = &r;
    if (r.op == "small_dispatches") small = &r;
    if (r.op == "large_dispatches") large = &r;
  }
  std::printf("\n");
  if (tiny != nullptr) {
    std::printf("tiny dispatch: %s per dispatch (%s clock), %s per dispatch of host wall time "
                "(submission and the final glFinish included)\n",
                format_seconds(tiny->seconds).c_str(), clock_name(tiny->clock),
                format_seconds(tiny->wall_seconds).c_str());
  }
  if (small == nullptr || large == nullptr) return;
  std::printf(
      "context switching: the same %zu elements of x = x*a+b as many small dispatches "
      "(%s) and as a few large ones (%s): small / large = %.1fx\n",
      small->n, format_seconds(small->seconds).c_str(), format_seconds(large->seconds).c_str(),
      small->seconds / large->seconds);
}

// ---- JSON ----------------------------------------------------------------------------------

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", v);
  return text;
}

std::ofstream open_output(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  return out;
}

}  // namespace

void write_json(const std::string& path, const RunInfo& info, const std::vector<Row>& rows,
                const PeerRun& moderngl) {
  std::ofstream out = open_output(path);
  out << "{\n  \"tool\": \"glcompute_bench\",\n"
      << "  \"date\": " << json_string(info.date) << ",\n"
      << "  \"quick\": " << (info.quick ? "true" : "false") << ",\n"
      << "  \"device\": {\"renderer\": " << json_string(info.renderer)
      << ", \"vendor\": " << json_string(info.vendor)
      << ", \"gl_version\": " << json_string(info.gl_version)
      << ", \"egl_path\": " << json_string(info.egl_path)
      << ", \"algorithms\": " << json_string(info.algorithms) << "},\n"
      << "  \"rows\": [\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    out << "    {\"op\": " << json_string(r.op) << ", \"n\": " << r.n
        << ", \"seconds\": " << json_number(r.seconds)
        << ", \"clock\": " << json_string(clock_name(r.clock))
        << ", \"wall_seconds\": " << json_number(r.wall_seconds)
        << ", \"bytes\": " << json_number(r.bytes > 0 ? r.bytes : kNone)
        << ", \"gbps\": " << json_number(r.gbps())
        << ", \"yardstick\": " << (r.yardstick.empty() ? "null" : json_string(r.yardstick))
        << ", \"yardstick_seconds\": " << json_number(r.yardstick_seconds)
        << ", \"ratio\": " << json_number(r.ratio()) << "}" << (i + 1 < rows.size() ? "," : "")
        << "\n";
  }
  out << "  ],\n  \"moderngl\": {\"skipped\": "
      << (moderngl.skipped.empty() ? "null" : json_string(moderngl.skipped)) << ", \"notes\": [";
  for (std::size_t i = 0; i < moderngl.notes.size(); ++i) {
    out << (i ? ", " : "") << json_string(moderngl.notes[i]);
  }
  out << "], \"rows\": [\n";
  for (std::size_t i = 0; i < moderngl.rows.size(); ++i) {
    const PeerRow& r = moderngl.rows[i];
    out << "    {\"op\": " << json_string(r.op) << ", \"n\": " << r.n
        << ", \"seconds\": " << json_number(r.seconds) << ", \"call\": " << json_string(r.call)
        << "}" << (i + 1 < moderngl.rows.size() ? "," : "") << "\n";
  }
  out << "  ]}\n}\n";
  if (!out) throw std::runtime_error("error writing " + path);
}

// ---- SVG -----------------------------------------------------------------------------------

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
                                    "#393b79", "#ad494a", "#637939", "#e7969c"};

/// log10 axes mapped onto a rectangle of the image.
struct Axes {
  double x0, x1, y0, y1;          // decades shown (log10 of the data range, widened)
  double left, top, width, height;  // the plot rectangle in pixels

  double px(double n) const { return left + (std::log10(n) - x0) / (x1 - x0) * width; }
  double py(double s) const { return top + (y1 - std::log10(s)) / (y1 - y0) * height; }
};

std::string decade_label_n(int d) { return "1e" + std::to_string(d); }

std::string decade_label_seconds(int d) {
  static const char* const units[] = {"ns", "us", "ms", "s"};
  const int unit = std::clamp(static_cast<int>(std::floor((d + 9) / 3.0)), 0, 3);
  const double value = std::pow(10.0, d - (unit * 3 - 9));
  std::ostringstream text;
  text << value << " " << units[unit];
  return text.str();
}

/// Each op's points, in the order the ops first appear.
struct Series {
  std::string op;
  std::vector<const Row*> points;  // sorted by n
};

std::vector<Series> series_of(const std::vector<Row>& rows) {
  std::vector<Series> all;
  for (const Row& r : rows) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Series& s) { return s.op == r.op; });
    if (it == all.end()) it = all.insert(all.end(), Series{r.op, {}});
    it->points.push_back(&r);
  }
  for (Series& s : all) {
    std::sort(s.points.begin(), s.points.end(), [](const Row* a, const Row* b) { return a->n < b->n; });
  }
  return all;
}

Axes axes_for(const std::vector<Row>& rows) {
  double nmin = 1e300, nmax = 0, smin = 1e300, smax = 0;
  for (const Row& r : rows) {
    nmin = std::min(nmin, static_cast<double>(r.n));
    nmax = std::max(nmax, static_cast<double>(r.n));
    for (const double s : {r.seconds, r.yardstick_seconds}) {
      if (s > 0) {
        smin = std::min(smin, s);
        smax = std::max(smax, s);
      }
    }
  }
  Axes a{};
  a.x0 = std::floor(std::log10(nmin));
  a.x1 = std::max(a.x0 + 1, std::ceil(std::log10(nmax)));
  a.y0 = std::floor(std::log10(smin));
  a.y1 = std::max(a.y0 + 1, std::ceil(std::log10(smax)));
  a.left = 80;
  a.top = 50;
  a.width = 560;
  a.height = 420;
  return a;
}

void svg_axes(std::ostream& out, const Axes& a) {
  out << "<rect x=\"" << a.left << "\" y=\"" << a.top << "\" width=\"" << a.width
      << "\" height=\"" << a.height << "\" fill=\"none\" stroke=\"#000\"/>\n";
  for (int d = static_cast<int>(a.x0); d <= static_cast<int>(a.x1); ++d) {
    const double x = a.px(std::pow(10.0, d));
    out << "<line x1=\"" << x << "\" y1=\"" << a.top << "\" x2=\"" << x << "\" y2=\""
        << a.top + a.height << "\" stroke=\"#ddd\"/>\n"
        << "<text x=\"" << x << "\" y=\"" << a.top + a.height + 18
        << "\" text-anchor=\"middle\">" << decade_label_n(d) << "</text>\n";
  }
  for (int d = static_cast<int>(a.y0); d <= static_cast<int>(a.y1); ++d) {
    const double y = a.py(std::pow(10.0, d));
    out << "<line x1=\"" << a.left << "\" y1=\"" << y << "\" x2=\"" << a.left + a.width
        << "\" y2=\"" << y << "\" stroke=\"#ddd\"/>\n"
        << "<text x=\"" << a.left - 6 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">"
        << decade_label_seconds(d) << "</text>\n";
  }
  out << "<text x=\"" << a.left + a.width / 2 << "\" y=\"" << a.top + a.height + 40
      << "\" text-anchor=\"middle\">elements n (float32, log scale)</text>\n"
      << "<text transform=\"translate(18," << a.top + a.height / 2
      << ") rotate(-90)\" text-anchor=\"middle\">time (log scale)</text>\n";
}

void svg_line(std::ostream& out, const Axes& a, const std::vector<std::pair<double, double>>& pts,
              const char* color, bool dashed) {
  if (pts.empty()) return;
  out << "<polyline fill=\"none\" stroke=\"" << color << "\" stroke-width=\"2\""
      << (dashed ? " stroke-dasharray=\"6,4\"" : "") << " points=\"";
  for (const auto& [n, s] : pts) out << a.px(n) << "," << a.py(s) << " ";
  out << "\"/>\n";
  for (const auto& [n, s] : pts) {
    out << "<circle cx=\"" << a.px(n) << "\" cy=\"" << a.py(s) << "\" r=\"3\" fill=\""
        << (dashed ? "#fff" : color) << "\" stroke=\"" << color << "\"/>\n";
  }
}

void svg_legend(std::ostream& out, const std::vector<Series>& series, double x, double y) {
  const auto entry = [&](double yy, const char* color, bool dashed, const std::string& label) {
    out << "<line x1=\"" << x << "\" y1=\"" << yy << "\" x2=\"" << x + 28 << "\" y2=\"" << yy
        << "\" stroke=\"" << color << "\" stroke-width=\"2\""
        << (dashed ? " stroke-dasharray=\"6,4\"" : "") << "/>\n"
        << "<text x=\"" << x + 36 << "\" y=\"" << yy + 4 << "\">" << xml_escape(label)
        << "</text>\n";
  };
  entry(y, "#000", false, "glcompute");
  entry(y + 18, "#000", true, "CPU yardstick");
  for (std::size_t i = 0; i < series.size(); ++i) {
    entry(y + 48 + 18 * static_cast<double>(i), kPalette[i % std::size(kPalette)], false,
          series[i].op);
  }
}

}  // namespace

void write_svg(const std::string& path, const RunInfo& info, const std::vector<Row>& rows) {
  if (rows.empty()) throw std::runtime_error("no rows to plot");
  const Axes a = axes_for(rows);
  const std::vector<Series> series = series_of(rows);
  const double height = std::max(a.top + a.height + 60, 110 + 18.0 * static_cast<double>(series.size()));

  std::ofstream out = open_output(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"" << height
      << "\" viewBox=\"0 0 900 " << height << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
      << "<text x=\"" << a.left << "\" y=\"22\" font-size=\"15\">glcompute_bench on "
      << xml_escape(info.renderer) << "</text>\n"
      << "<text x=\"" << a.left << "\" y=\"40\" fill=\"#555\">" << xml_escape(info.date)
      << "; best time per op (tiny_dispatch: per dispatch; *_dispatches: n over all dispatches)"
      << "</text>\n";
  svg_axes(out, a);
  for (std::size_t i = 0; i < series.size(); ++i) {
    const char* color = kPalette[i % std::size(kPalette)];
    std::vector<std::pair<double, double>> glc, yard;
    for (const Row* r : series[i].points) {
      glc.emplace_back(static_cast<double>(r->n), r->seconds);
      if (r->yardstick_seconds > 0) yard.emplace_back(static_cast<double>(r->n), r->yardstick_seconds);
    }
    svg_line(out, a, glc, color, false);
    svg_line(out, a, yard, color, true);
  }
  svg_legend(out, series, a.left + a.width + 24, a.top + 10);
  out << "</svg>\n";
  if (!out) throw std::runtime_error("error writing " + path);
}

}  // namespace bench
