"""Every public C++ API of include/glcompute/ is reachable from Python.

The public headers are read (the classes' public member functions, the structs' fields, the free
functions of namespace glc) and each name is looked up on the Python side, through the renames
below where Python spells it otherwise. A C++ feature added without its binding fails here,
naming it. Needs no GL: it imports the module and reads headers only."""

import os
import re

import pytest

import glcompute as gc

ROOT = os.environ.get("GLCOMPUTE_SOURCE_DIR",
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HEADERS = os.path.join(ROOT, "include", "glcompute")

# C++ class or struct -> where its members live in Python.
CLASSES = {
    "Buffer": gc.Buffer, "Context": gc.Context, "Program": gc.Program, "Texture2D": gc.Texture2D,
    "Random": gc.Random, "MappedRead": gc.MappedRead, "MappedWrite": gc.MappedWrite,
    "PendingRead": gc.PendingRead, "Timing": gc.Timing, "ComputeLimits": gc.ComputeLimits,
    "Features": gc.Features, "ContextInfo": gc.ContextInfo, "Diagnostic": gc.Diagnostic,
    "StorageBlockInfo": gc.StorageBlockInfo, "UniformInfo": gc.UniformInfo,
    "ImageInfo": gc.ImageInfo, "ProgramCacheStats": gc.ProgramCacheStats,
    "UniformBlockInfo": gc.UniformBlockInfo, "AtomicCounterBufferInfo": gc.AtomicCounterBufferInfo,
    "AlgorithmPathInfo": gc.AlgorithmPathInfo,
}

# Structs whose fields are keyword arguments of a Python call.
KEYWORDS = {
    "ContextOptions": gc.Context.__init__,
    "CompileOptions": gc.Context.compile,
    "ProgramCacheOptions": gc.Context.__init__,  # program_cache=True | False | directory
    "GlVersion": gc.Context.__init__,            # min_version=(major, minor)
}

# (C++ type, member) -> the Python name, where it differs.
RENAMES = {
    ("Program", "dispatch"): "run",
    ("Program", "dispatch_for"): "run_for",
    ("Program", "dispatch_indirect"): "run_indirect",
    ("Buffer", "read_into"): "get",       # get(out=array) reads into an existing array
    ("Buffer", "size_bytes"): "nbytes",
    ("Buffer", "empty"): "size",          # NumPy style: b.size == 0
    ("Texture2D", "read_into"): "read",   # read(out=array)
    ("Random", "set_offset"): "offset",   # a settable property
    ("ContextInfo", "gl_major"): "gl_version",
    ("ContextInfo", "gl_minor"): "gl_version",
    ("ProgramCacheOptions", "directory"): "program_cache",
    ("ProgramCacheOptions", "enabled"): "program_cache",
    ("GlVersion", "major"): "min_version",
    ("GlVersion", "minor"): "min_version",
    ("CompileOptions", "constants"): "specialize",
}
for _view in ("MappedRead", "MappedWrite"):
    for _member in ("begin", "end", "data", "span"):
        RENAMES[(_view, _member)] = "__array__"  # np.asarray(view): the memory itself

for _struct in ("ContextInfo", "Diagnostic"):
    RENAMES[(_struct, "to_string")] = "__str__"

# Free functions of namespace glc -> (Python object, attribute), where not glcompute.<name>.
FUNCTIONS = {
    "channel_count": (gc.Texture2D, "channels"),
}
# Names with no Python counterpart, and why.
NOT_NEEDED = {
    ("Source", "is_file"), ("Source", "name"), ("Source", "path"), ("Source", "text"),
    ("Source", "file"),  # compile_file(path)
    ("Source", "words"), ("Source", "is_spirv"),
    ("Source", "spirv"),  # compile(module or "x.spv")
    ("SpecConstant", "id"), ("SpecConstant", "name"), ("SpecConstant", "value"),  # specialize=
    ("ShaderError", "diagnostics"),  # an instance attribute, checked in test_programs
    ("function", "format"), ("function", "print"), ("function", "print_line"),  # NumPy prints
    ("function", "to_string"),  # of the enums: Python spells backends and formats as strings
    # glcompute::testing: GoogleTest matchers and printers for C++ tests (numpy.testing here).
    ("function", "ElementsEqual"), ("function", "ElementsNear"), ("function", "PrintTo"),
    ("class", "Tolerance"), ("class", "ComputeTest"),
    ("class", "half"),  # the C++ float16 element: numpy.float16 buffers in Python
}

# Public C++ names that have no binding yet: the debt, written down so that it can only shrink.
# ("class", Name) stands for a whole class or struct; (Class, member) and ("function", name) for
# one name. The test fails on a name neither bound nor listed here, on a listed name that has
# become bound (take it off the list), and on a listed name the headers no longer declare.
NOT_YET_BOUND = {
    # Textures beyond Texture2D: 3D textures, 2D texture arrays, samplers and their binding.
    ("class", "Texture"), ("class", "Texture3D"), ("class", "Texture2DArray"),
    ("class", "Sampler"), ("class", "SamplerInfo"),
    ("Context", "texture3d"), ("Context", "texture2d_array"),
    ("Program", "bind_texture"), ("Program", "bind_image_layer"), ("Program", "samplers"),
    # Texture formats as values (Texture2D takes its formats as strings today).
    ("function", "texel_bytes"), ("function", "texture_formats"), ("function", "values_per_texel"),
    # Kernels generated from a GLSL expression.
    ("class", "ElementwiseKernel"), ("class", "ReductionKernel"),
    # .npy files (glc::npy): numpy.load / numpy.save and Buffer.get / Context.buffer cover the
    # round trip, but not glcompute's own reader and writer.
    ("class", "Array"),
    ("function", "read"), ("function", "write"), ("function", "encode"), ("function", "decode"),
    ("function", "dtype_named"), ("function", "dtype_names"), ("function", "item_size"),
    ("function", "element_count"), ("function", "kind"), ("function", "name"),
    ("function", "shape_text"),
}


def _body(text, start):
    depth, i = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return text[start:i - 1]


def _top_level(body):
    lines, depth = [], 0
    for line in body.splitlines():
        if depth == 0:
            lines.append(line)
        depth += line.count("{") - line.count("}")
    return lines


def _declared(text):
    """{(kind, name): member names} for every class and struct of a header, and the free
    functions of namespace glc (outside detail) as ("function", name)."""
    found = {}
    for m in reversed(list(re.finditer(r"^namespace detail \{", text, re.M))):
        text = text[:m.start()] + text[m.end() + len(_body(text, m.end())):]
    for m in re.finditer(r"^(class|struct) (\w+)\b[^;{]*\{", text, re.M):
        kind, name = m.groups()
        members, public = set(), kind == "struct"
        for line in _top_level(_body(text, m.end())):
            s = line.split("//")[0].strip()
            if s in ("public:", "private:", "protected:"):
                public = s == "public:"
                continue
            if not public or not s or s.startswith(("template", "friend", "using", "~", "static_assert")):
                continue
            call = re.match(r"(?:static\s+)?(?:[\w:<>,*&\s]+?\s+[&*]?)(\w+)\s*\(", s)
            if call and call.group(1) not in (name, "operator"):
                members.add(call.group(1))
            elif kind == "struct" and s.endswith(";") and "(" not in s:
                field = re.match(r".*?\b(\w+)\s*(?:=[^;]*|\{[^;]*\})?;$", s)
                if field:
                    members.add(field.group(1))
        found[(kind, name)] = members
    stripped = text
    for m in reversed(list(re.finditer(r"^(?:class|struct) \w+\b[^;{]*\{", stripped, re.M))):
        end = m.end() + len(_body(stripped, m.end()))
        stripped = stripped[:m.start()] + stripped[end:]
    for m in re.finditer(r"^(?:inline\s+|constexpr\s+)*[\w:<>,*&]+(?:\s+[\w:<>,*&]+)*\s+[&*]?(\w+)\s*\(",
                         stripped, re.M):
        if m.group(1) not in ("operator",):
            found.setdefault(("function", "*"), set()).add(m.group(1))
    return found


def _public_api():
    api = {}
    for directory, _, names in os.walk(HEADERS):
        if os.path.basename(directory) == "detail":
            continue
        for name in sorted(names):
            if name.endswith(".hpp") and name != "glfw.hpp":  # glfw.hpp: Context(backend="glfw")
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    for key, members in _declared(f.read()).items():
                        api.setdefault(key, set()).update(members)
    return api


def _has_keyword(function, name):
    return re.search(r"\b%s\s*[:=]" % re.escape(name), function.__doc__ or "") is not None


def test_the_header_reader_finds_what_it_should():
    api = _public_api()
    assert {"bind", "dispatch", "set"} <= api[("class", "Program")]
    assert {"hits", "misses"} <= api[("struct", "ProgramCacheStats")]
    assert {"sum", "max", "fill"} <= api[("function", "*")]


def _bound(kind, cls, member):
    """Whether the C++ name has its Python counterpart."""
    py_name = RENAMES.get((cls, member), member)
    if kind == "function":
        target, py_name = FUNCTIONS.get(member, (gc, member))
        return hasattr(target, py_name), py_name
    if cls in KEYWORDS:
        return _has_keyword(KEYWORDS[cls], py_name), py_name
    if cls in CLASSES:
        return CLASSES[cls] is not None and hasattr(CLASSES[cls], py_name), py_name
    return False, py_name


def test_every_public_cpp_name_is_reachable_from_python():
    missing, listed_but_bound, declared = [], [], set()
    for (kind, cls), members in sorted(_public_api().items()):
        if kind != "function":
            declared.add(("class", cls))
            if ("class", cls) in NOT_NEEDED:
                continue
            if ("class", cls) in NOT_YET_BOUND:
                if cls in CLASSES or cls in KEYWORDS or hasattr(gc, cls):
                    listed_but_bound.append(f"class glc::{cls}")
                continue
            if cls not in CLASSES and cls not in KEYWORDS and cls not in (
                    "Source", "SpecConstant", "is_three_component_vector", "Error", "ShaderError"):
                missing.append(f"{kind} glc::{cls} has no Python counterpart listed in this test")
                continue
        for member in sorted(members):
            owner = "function" if kind == "function" else cls
            declared.add((owner, member))
            if (owner, member) in NOT_NEEDED or (kind == "class" and member in ("Error", "ShaderError")):
                continue
            ok, py_name = _bound(kind, cls, member)
            if (owner, member) in NOT_YET_BOUND:
                if ok:
                    listed_but_bound.append(f"{owner}::{member}")
                continue
            if not ok:
                missing.append(f"glc::{cls + '::' if kind != 'function' else ''}{member} "
                               f"(Python: {py_name})")
    assert not missing, "C++ API without a binding:\n  " + "\n  ".join(missing)
    assert not listed_but_bound, ("bound now: take these off NOT_YET_BOUND:\n  " +
                                  "\n  ".join(listed_but_bound))
    stale = sorted(NOT_YET_BOUND - declared)  # a bound name is also declared: caught above
    assert not stale, f"NOT_YET_BOUND lists names the headers do not declare: {stale}"
