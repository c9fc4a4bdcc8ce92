# Copyright 2026 The Pace authors. Licensed under Apache-2.0.
"""Pace's Python worker: runs code on request, one JSON object per line.

Started by Pace inside its sandbox. Requests arrive on fd 0, replies leave on fd 1; both are moved to private
descriptors before any untrusted code runs, and the untrusted code sees an empty stdin and a capped sink as stdout.
Clocks, JSON, deepcopy, gc and the os calls it needs are bound here first. A program's calls run with the recursion
limit and builtins its module code set up; everything else runs with the worker's own (restored after every piece of
untrusted code), so code that patches `time`, `os` or builtins cannot change how it is measured or reported, nor
keep state in builtins from one repetition to the next. The worker never receives expected answers: outputs go back
to Pace, which asks a separate judge process (another worker that never runs sample code: `judge` requests only) to
compare them.

Values cross the boundary as JSON with tags for what JSON lacks: {"$tuple": [...]}, {"$set": [...]},
{"$frozenset": [...]}, {"$dict": [[k, v], ...]}, {"$int": "0x..."} (beyond 64 bits), {"$float": "nan"|"inf"|"-inf"},
{"$bytes": "<base64>"}, {"$complex": [re, im]}, and {"$repr": "..."} for anything else (never equal to anything).
"""
# Imports are chosen for start-up time (a worker starts per sample; a bare interpreter takes ~10 ms): C modules where
# they suffice (binascii, _signal, _struct, the built-in hashes, the json package's C encoder and scanner: `json`
# itself imports re and enum, ~8 ms), `posix` rather than `os` (~1.2 ms more, for _collections_abc and posixpath),
# `_operator` rather than `operator`, no `array` (it imports collections: ~4 ms), no traceback (~8 ms); random is
# imported by the generator worker. copy and _pickle (~4 ms) only where inputs are held for repeated calls
# (efficiency): Pace starts correctness workers with PACE_WORKER_COPIES=0. They are imported here or never: an import
# after untrusted code ran could find a module the program put in sys.modules.
import binascii as _binascii
import builtins as _builtins
import gc as _gc
import _io
import _json
import math as _math
import _operator
import posix as _os
import _signal
import _struct
import sys as _sys
import time as _time

if _os.environ.get(b"PACE_WORKER_COPIES") != b"0":
    import copy as _copy
    import _pickle
    _deepcopy = _copy.deepcopy
    _pickle_dumps, _pickle_loads = _pickle.dumps, _pickle.loads
else:
    _deepcopy = _pickle_dumps = _pickle_loads = None

try:
    from _sha2 import sha256 as _sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256 as _sha256
    except ImportError:
        from hashlib import sha256 as _sha256
try:
    from _blake2 import blake2b as _blake2b  # ~3x the speed of the built-in SHA-256, for long values
except ImportError:
    from hashlib import blake2b as _blake2b

# Pace starts Python with -S (no `site`: its .pth files can cost more than the rest of a start) and passes the
# interpreter's site-packages directories as arguments; they go after the standard library, where `site` puts them.
_sys.path.extend(d for d in _sys.argv[1:] if d not in _sys.path)
_BUILTINS = _builtins.__dict__
_PRISTINE_BUILTINS = dict(_BUILTINS)
# The worker's own functions look builtins up in this private copy (a function takes its builtins from its module's
# `__builtins__` when it is defined, and every function below is defined after this line), so that a program that
# patches the builtins module cannot change how the worker encodes, digests or reports anything.
__builtins__ = dict(_PRISTINE_BUILTINS)
_perf = _time.perf_counter_ns
_cpu = _time.process_time_ns
_collect, _enable, _disable, _freeze = _gc.collect, _gc.enable, _gc.disable, _gc.freeze
_encode_ascii = _json.encode_basestring_ascii
_pack, _unpack = _struct.pack, _struct.unpack


def _unencodable(value):
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# What json.dumps runs for ASCII output without indentation, called directly (see the imports).
_compact_encoder = _json.make_encoder({}, _unencodable, _encode_ascii, None, ":", ",", False, False, True)
_sorting_encoder = _json.make_encoder({}, _unencodable, _encode_ascii, None, ": ", ", ", True, False, True)


def _dumps(value, sort_keys=False):
    """Compact JSON text, as json.dumps(value, separators=(",", ":")) writes it; with `sort_keys`, as
    json.dumps(value, sort_keys=True) does (the sort key of set elements, on which cached expected outputs depend)."""
    return "".join((_sorting_encoder if sort_keys else _compact_encoder)(value, 0))
_write, _isinstance, _len, _exec = _os.write, isinstance, len, exec
_all, _map, _is = all, map, _operator.is_
_get_recursion_limit, _set_recursion_limit = _sys.getrecursionlimit, _sys.setrecursionlimit
_kill, _waitpid, _getpid, _SIGKILL, _WNOHANG = _os.kill, _os.waitpid, _os.getpid, _signal.SIGKILL, _os.WNOHANG
_setitimer, _ITIMER_REAL, _SIGALRM = _signal.setitimer, _signal.ITIMER_REAL, _signal.SIGALRM
_set_handler = _signal.signal
_scandir, _unlink, _rmdir, _chmod = _os.scandir, _os.unlink, _os.rmdir, _os.chmod
_RECURSION_LIMIT = _sys.getrecursionlimit()
# The private directory Pace made for this worker (its cwd, $HOME and $TMPDIR); emptied before every fresh repetition.
_cwd = _os.getcwd()
_PRIVATE_DIR = _cwd if _os.environ.get(b"TMPDIR") == _cwd.encode() and _cwd.rpartition("/")[2].startswith("pace-") else None
_OUTPUT_KEEP = 4096
if hasattr(_sys, "set_int_max_str_digits"):
    _sys.set_int_max_str_digits(0)


class _Sink:
    """Stands in for stdout/stderr of untrusted code: keeps the first few KiB, counts the rest."""

    def __init__(self):
        self.kept, self.total = [], 0

    def write(self, text):
        text = str(text)
        if self.total < _OUTPUT_KEEP:
            self.kept.append(text[: _OUTPUT_KEEP - self.total])
        self.total += _len(text)
        return _len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def take(self):
        text, self.kept, self.total = "".join(self.kept), [], 0
        return text


def _take_protocol_fds():
    """Moves the request/reply pipes to private fds; fd 0 becomes /dev/null, fd 1 joins fd 2 (captured, capped)."""
    request, reply = _os.dup(0), _os.dup(1)
    null = _os.open("/dev/null", _os.O_RDONLY)
    _os.dup2(null, 0)
    _os.close(null)
    _os.dup2(2, 1)
    return _io.open(request, "rb", buffering=1 << 20), reply


_requests, _reply_fd = _take_protocol_fds()
_sink = _Sink()
_sys.stdout = _sys.stderr = _sink
_sys.stdin = _io.open("/dev/null")


def _holds_builtins(contents):
    """Whether the builtins module holds exactly `contents`, compared by identity only (values planted by untrusted
    code could run code in __eq__)."""
    return _len(_BUILTINS) == _len(contents) and _all(_map(_is, _BUILTINS, contents)) \
        and _all(_map(_is, _BUILTINS.values(), contents.values()))


def _use_builtins(contents):
    """Makes the builtins module hold exactly `contents`, leaving an unchanged dict alone (rewriting it would discard
    the interpreter's specialised lookups of builtins, and cost the next call time)."""
    if not _holds_builtins(contents):
        _BUILTINS.clear()
        _BUILTINS.update(contents)


def _restore():
    """Gives the worker back its own recursion limit and builtins after untrusted code ran (whatever it patched or
    stashed there is gone)."""
    _set_recursion_limit(_RECURSION_LIMIT)
    _use_builtins(_PRISTINE_BUILTINS)


def _send(message, fd=_reply_fd):
    _send_text(_dumps(message), fd)


def _send_text(text, fd=_reply_fd):
    data = (text + "\n").encode()
    while data:
        data = data[_write(fd, data):]


# MARK: - Tagged values

def encode(value, depth=0):
    """Turns a Python value into tagged JSON data."""
    if depth > 200:
        raise ValueError("output nested deeper than 200 levels")
    t = type(value)
    if value is None or t is bool or t is str:
        return value
    if t is int:
        return value if -(1 << 63) <= value < (1 << 63) else {"$int": hex(value)}
    if t is float:
        if _math.isfinite(value):
            return value
        return {"$float": "nan" if value != value else ("inf" if value > 0 else "-inf")}
    if t is list:
        if _len(value) > 8 and _flat(value):
            return value
        return [encode(v, depth + 1) for v in value]
    if t is tuple:
        return {"$tuple": [encode(v, depth + 1) for v in value]}
    if t is dict:
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: encode(v, depth + 1) for k, v in value.items()}
        return {"$dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if t is set or t is frozenset:
        items = [encode(v, depth + 1) for v in value]
        items.sort(key=lambda item: _dumps(item, sort_keys=True))
        return {"$set" if t is set else "$frozenset": items}
    if t is bytes:
        return {"$bytes": _binascii.b2a_base64(value, newline=False).decode()}
    if t is complex:
        return {"$complex": [encode(value.real), encode(value.imag)]}
    return {"$repr": t.__name__}


_SCALARS = frozenset((str, bool, int, float, type(None)))


def _flat(values):
    """Whether `values` holds only scalars that encode to themselves, checked at C speed where possible: large flat
    lists are common outputs, and encoding them element by element cost seconds on HumanEval+'s biggest ones."""
    kinds = set(_map(type, values))
    if not kinds <= _SCALARS:
        return False
    if int in kinds:
        ints = values if _len(kinds) == 1 else [v for v in values if type(v) is int]
        if min(ints) < -(1 << 63) or max(ints) >= (1 << 63):
            return False
    if float in kinds:
        floats = values if _len(kinds) == 1 else [v for v in values if type(v) is float]
        if not _all(_map(_math.isfinite, floats)):
            return False
    return True


def _pairs(items):
    return {k: v for k, v in items}


def _from_hex(text):
    return int(text, 16)


def _to_complex(parts):
    return complex(parts[0], parts[1])


def _untag(obj):
    """`object_hook` for every request: turns a tagged object back into its Python value. The JSON decoder calls it
    bottom-up, so nested values arrive decoded and plain lists, numbers and strings never reach Python code (an
    input of 10^5 numbers decodes at C speed). A one-key object whose key is a tag is never plain data: `encode`
    writes such dicts as {"$dict": ...}."""
    if _len(obj) == 1:
        (key, inner), = obj.items()
        convert = _TAGS.get(key)
        if convert is not None:
            return convert(inner)
    return obj


class _Decoding:
    """The settings the json package's C scanner reads from a JSONDecoder (called directly, see the imports)."""
    strict = True
    object_hook = staticmethod(_untag)
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__
    memo = None


_scan = _json.make_scanner(_Decoding())


def _read_request(text):
    """The JSON value that makes up `text` (surrounding whitespace allowed), tags decoded."""
    text = text.strip()
    try:
        value, end = _scan(text, 0)
    except (StopIteration, ValueError, SystemError):
        # SystemError: without the json package loaded the C scanner cannot make its JSONDecodeError.
        raise ValueError("a request that is not valid JSON") from None
    if end != _len(text):
        raise ValueError("a request with data after its JSON value")
    return value


class _Opaque:
    """A value that could not be serialised: equal to nothing."""

    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__


_TAGS = {
    "$tuple": tuple, "$set": set, "$frozenset": frozenset, "$dict": _pairs, "$int": _from_hex, "$float": float,
    "$bytes": _binascii.a2b_base64, "$complex": _to_complex, "$repr": _Opaque,
}


# MARK: - Running code

def _describe(error):
    text = f"{type(error).__name__}: {error}"
    return text if _len(text) <= 500 else text[:497] + "..."


def _error_kind(error):
    if _isinstance(error, MemoryError):
        return "memory"
    if _isinstance(error, RecursionError):
        return "recursion"
    if _isinstance(error, OverflowError):
        return "overflow"
    if _isinstance(error, (SystemExit, KeyboardInterrupt)):
        return "exit"
    return "exception"


def _frames(error):
    """(file, line, function) of each frame of the error's traceback, outermost first."""
    frames, tb = [], error.__traceback__
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    return frames


def _trace(error):
    return "\n".join(f"  {name}:{line} in {function}" for name, line, function in _frames(error)) + "\n" + _describe(error)


def _failure(error, **extra):
    reply = {"ok": False, "kind": _error_kind(error), "error": _describe(error)}
    reply.update(extra)
    return reply


class Program:
    """A compiled program and the function it defines."""

    def __init__(self, code, entry_point, filename):
        self.source, self.filename = code, filename
        self.code = compile(code, filename, "exec")
        self.entry_point = entry_point
        self.function = None
        self.recursion_limit, self.builtins = _RECURSION_LIMIT, _PRISTINE_BUILTINS

    def instantiate(self):
        """Runs the module code in fresh globals and returns the entry point (so state cannot carry over).

        The recursion limit and builtins as the module code left them are kept for the program's calls (solutions
        often raise the limit at import), starting from the worker's own each time.
        """
        namespace = {"__name__": "__pace_sample__", "__builtins__": _builtins}
        _restore()
        pristine = False
        try:
            _exec(self.code, namespace)
            self.recursion_limit = _get_recursion_limit()
            # The worker's own builtins when the module code left them alone (then calls need not install them).
            pristine = _holds_builtins(_PRISTINE_BUILTINS)
            self.builtins = _PRISTINE_BUILTINS if pristine else dict(_BUILTINS)
        finally:
            if pristine:  # just found to hold exactly the worker's own
                _set_recursion_limit(_RECURSION_LIMIT)
            else:
                _restore()
        function = namespace.get(self.entry_point)
        if not callable(function):
            raise NameError(f"the program does not define a function named '{self.entry_point}'")
        self.function = function
        self.namespace = namespace
        return function

    def current(self):
        """The entry point of the current globals (new ones if they were let go of)."""
        return self.function if self.function is not None else self.instantiate()


_programs = {}
_inputs = {}


def op_load(request):
    name = request.get("name", "sample")
    try:
        program = Program(request["code"], request["entry_point"], f"<{name}>")
    except SyntaxError as error:
        return {"ok": False, "kind": "syntax", "error": _describe(error), "line": error.lineno}
    except (ValueError, MemoryError, RecursionError) as error:
        return {"ok": False, "kind": "syntax", "error": _describe(error)}
    try:
        program.instantiate()
    except BaseException as error:  # noqa: B036 - untrusted code may raise anything
        return _failure(error, stage="load")
    _programs[name] = program
    return {"ok": True, "output": _sink.take()}


def _prepare(program, held, fresh):
    """Everything before a measured call: fresh globals if asked (after clearing what earlier calls left behind), a
    full collection, then the call's own deep copy of the input."""
    if fresh:
        _clear_leftovers()
    else:
        _restore()  # `instantiate` does it too, before the module code runs
    function = program.instantiate() if fresh else program.current()
    _collect()
    return function, held.copy()


def _enter(program):
    """Right before a call: the recursion limit and builtins the program's module code set up."""
    _set_recursion_limit(program.recursion_limit)
    _use_builtins(program.builtins)


def _call(program, function, args):
    """One call with the program's recursion limit and builtins, timed (ns); for correctness, so GC stays on.

    The worker's own code has builtins of its own, so nothing is checked after a call: what one call of a program
    does to the builtins module, the program's next call sees (as it would its own globals); the worker restores
    its builtins before every request but a timed call (`main`). A program whose module code left the builtins alone needs none
    installed; one that changed them gets them back before every call (its own setting, as it loaded)."""
    if program.builtins is not _PRISTINE_BUILTINS:
        _use_builtins(program.builtins)
    _set_recursion_limit(program.recursion_limit)
    try:
        t0 = _perf()
        result = function(*args)
        return result, _perf() - t0
    finally:
        _set_recursion_limit(_RECURSION_LIMIT)


class _Timeout(BaseException):
    """Raised inside a measured call when its time limit passes."""


_alarm_armed = _alarm_fired = False


def _on_alarm(signum, frame):
    """SIGALRM: ends the measured call it was armed for, once (a call that catches the exception still counts as
    timed out: `_alarm_fired`)."""
    global _alarm_armed, _alarm_fired
    if _alarm_armed:
        _alarm_armed, _alarm_fired = False, True
        raise _Timeout()


def _measure(program, function, call_args, limit=None):
    """One measured call with GC off, timed by clocks bound before any untrusted code ran.

    With `limit` (seconds), an interval timer interrupts the call when the limit passes, as ENAMEL's own harness
    does, so that a slow sample costs the limit rather than Pace's hard kill (which stays the backstop for a call
    stuck in C code, or one that disarms the timer). The handler is installed again before every call (the program
    may have replaced it) and the timer is set and cancelled outside the measured span."""
    global _alarm_armed, _alarm_fired
    _alarm_fired = False
    _disable()
    try:
        _enter(program)
        if limit:
            _set_handler(_SIGALRM, _on_alarm)
            _alarm_armed = True
            _setitimer(_ITIMER_REAL, limit)
        c0 = _cpu()
        t0 = _perf()
        result = function(*call_args)
        t1 = _perf()
        c1 = _cpu()
    finally:
        if limit:
            _alarm_armed = False
            _setitimer(_ITIMER_REAL, 0)
        _enable()
        # The builtins stay as the call left them: the worker's own code has its own (see `__builtins__` above),
        # and whatever runs the program next installs them first (`instantiate`, `_enter`; `main` for other ops).
        _set_recursion_limit(_RECURSION_LIMIT)
    if limit and _alarm_fired:
        raise _Timeout()
    return result, t1 - t0, c1 - c0


_SHARED = frozenset((str, bytes, int, float, bool, complex, type(None)))
_SHALLOW = {list: list.copy, set: set.copy, dict: dict.copy}


def _copier(value):
    """How each call gets its own deep copy of one argument, decided once: None to share it (an immutable value
    whose parts are immutable: copy.deepcopy shares or rebuilds those too), a shallow copy for a list, set or dict
    of immutable scalars (which is what deepcopy makes of it), else its pickle, unpickled per call in C."""
    kind = type(value)
    if kind in _SHARED:
        return None
    if kind in _SHALLOW or kind is tuple or kind is frozenset:
        parts = set(_map(type, value))
        if kind is dict:
            parts.update(_map(type, value.values()))
        if parts <= _SHARED:
            return _SHALLOW.get(kind)
    return _pickle_dumps(value, 5)


class _Held:
    """An input and how each call gets its own deep copy of it, at C speed where copy.deepcopy walks the value in
    Python (10^5 numbers: ~0.2 ms for a flat list, ~4 ms unpickled, against ~15 ms deepcopied; paid before each of
    up to 232 calls a task). An argument pickle cannot handle makes the whole input fall back to deepcopy."""

    __slots__ = ("args", "copiers", "spare")

    def __init__(self, args, spare=False):
        self.args = args
        # `spare`: the arguments were decoded for a single call, which may have them as they are (no copy needed).
        self.spare = spare
        if spare:
            return
        if _pickle_dumps is None:
            raise RuntimeError("this worker cannot hold inputs (it was started with PACE_WORKER_COPIES=0)")
        try:
            self.copiers = [_copier(a) for a in args]
        except BaseException:  # noqa: B036 - e.g. an opaque value; deepcopy it is
            self.copiers = None

    def copy(self):
        if self.spare:
            args, self.args = self.args, None
            if args is None:
                raise RuntimeError("a single-call input was asked for twice")
            return args
        if self.copiers is None:
            return _deepcopy(self.args)
        return [a if how is None else (_pickle_loads(how) if type(how) is bytes else how(a))
                for a, how in zip(self.args, self.copiers)]


def _hold(key, args, program=None):
    """Keeps an input under `key` for the worker's life, then collects and freezes the heap: frozen objects are
    skipped by the full collection before every measured call, which otherwise walked every held input (~7 ms a
    call with one ENAMEL task's inputs). The program's current globals are let go first (fresh calls make new ones),
    so that they are collected rather than frozen along with the inputs."""
    held = _inputs[key] = _Held(args)
    if program is not None:
        program.function = program.namespace = None
    _collect()
    _freeze()
    return held


def _blob(args):
    """A generated input as it travels between workers: its pickle (protocol 5) as base64 text, and the value
    unpickled from it. What pickle cannot carry (a class only the generator's namespace has, a function) travels as
    its tagged JSON would (an opaque value). Every worker of a task, the generating one too, calls with the value
    unpickled from these same bytes: the same values, sets in the same order, shared parts shared as the generator
    made them (as copy.deepcopy of the generator's value, which is what ENAMEL calls with, keeps them)."""
    try:
        data = _pickle_dumps(args, 5)
        value = _pickle_loads(data)
    except BaseException:  # noqa: B036 - e.g. a class only the generator's namespace has
        data = _pickle_dumps(_read_request(_dumps(encode(args))), 5)
        value = _pickle_loads(data)
    return _binascii.b2a_base64(data, newline=False).decode(), value


def _unblob(text):
    return _pickle_loads(_binascii.a2b_base64(text))


def op_render(request):
    """The tagged JSON text of a generated input (`blob`), to show a failing one."""
    return {"ok": True, "text": _dumps(encode(_unblob(request["blob"])))}


def op_call(request):
    """Calls a loaded program `reps` times on one input (`args`, tagged JSON; or `blob`, see `_blob`), held under
    `key` when there is one (later requests send only the key).

    With `sync`, a {"go": rep} line is sent right before each measured call so that Pace can hold the call to a
    precise deadline. With `fresh`, every repetition gets new globals (state cannot carry over between them). With
    `limit` (seconds), a call still running when it passes is interrupted and reported as {"kind": "timeout"}.
    """
    program = _programs[request.get("name", "sample")]
    key = request.get("key")
    reps, fresh, sync = request.get("reps", 1), request.get("fresh", False), request.get("sync", False)
    limit = request.get("limit")
    args = _unblob(request["blob"]) if "blob" in request else request.get("args")
    if args is None:
        held = _inputs[key]
    elif key is None:
        held = _Held(args, spare=reps == 1)
    else:
        # Later requests send only the key; every call still gets its own deep copy.
        held = _hold(key, args, program if fresh else None)
    times, cpu_times, first = [], [], None
    for rep in range(reps):
        try:
            function, call_args = _prepare(program, held, fresh or rep > 0)
        except BaseException as error:  # noqa: B036
            return _failure(error, rep=rep, times=times, stage="prepare")
        if sync:
            _send({"go": rep})
        try:
            result, elapsed, cpu = _measure(program, function, call_args, limit)
        except BaseException as error:  # noqa: B036
            if limit and (_alarm_fired or _isinstance(error, _Timeout)):
                # The alarm may also have fired in the worker's own code right after the call (its cleanup then cut
                # short): the gc and the worker's builtins are set back here; the timer is one-shot.
                _setitimer(_ITIMER_REAL, 0)
                _enable()
                _restore()
                return {"ok": False, "kind": "timeout", "error": f"exceeded the time limit of {limit:.6f} s", "rep": rep,
                        "times": times}
            return _failure(error, rep=rep, times=times)
        times.append(elapsed)
        cpu_times.append(cpu)
        if rep == 0:
            first = result
    reply = {"ok": True, "times": times, "cpu": cpu_times}
    want = request.get("want_output", True)
    if want:
        try:
            output = encode(first)
        except BaseException as error:  # noqa: B036
            return {"ok": False, "kind": "unserializable", "error": _describe(error)}
        if want != "line":
            reply["out"] = output
        else:
            # The output on a line of its own after the reply, so that Pace can take it as text without parsing it.
            reply["out_line"] = True
            _sink.take()
            _send_text(_dumps(reply) + "\n" + _dumps(output))
            return None
    return reply


_LONG = 4096
_NUMBERS = frozenset((int, float, bool))


_QUICK_ITEMS = _NUMBERS | {type(None)}


def _quick(value):
    """Whether `value` encodes in microseconds: a scalar (ints of any size encode as hex, in linear time), a string
    of up to 4,096 characters, or a list or tuple of up to 64 numbers."""
    kind = type(value)
    if kind is str:
        return _len(value) <= _LONG
    if kind in _SCALARS:
        return True
    return (kind is list or kind is tuple) and _len(value) <= 64 and set(_map(type, value)) <= _QUICK_ITEMS


def _value_digest(value):
    """A digest made without JSON text, for a long string or a long flat list of numbers: encoding those as JSON
    cost seconds per sample on HumanEval+'s largest outputs (float reprs above all). It depends on the value alone,
    so it equals the expected output's digest, made by this same function, only when the values are equal as
    Python compares them (what the judge asks first): a string's UTF-8 bytes; a list of exact ints, floats and
    bools as the doubles they equal, taken only when every one converts exactly and none is NaN (NaN != NaN).
    BLAKE2b (256 bits), not SHA-256: ~3x the speed, and these digests are only ever compared with digests made
    here. None for anything else: then the digest is SHA-256 of the JSON text."""
    kind = type(value)
    if kind is str:
        if _len(value) <= _LONG:
            return None
        digest = _blake2b(b"str\0", digest_size=32)
        digest.update(value.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    # Exact types only: a subclass or any other object could run code of its own in a conversion or comparison.
    if kind is not list or _len(value) <= _LONG or not set(_map(type, value)) <= _NUMBERS:
        return None
    layout = f"<{_len(value)}d"
    try:
        numbers = _pack(layout, *value)
    except OverflowError:  # an int beyond a double
        return None
    if value != list(_unpack(layout, numbers)):  # an int a double cannot hold exactly, or a NaN (never equal)
        return None
    digest = _blake2b(b"numbers\0", digest_size=32)
    digest.update(numbers)
    return digest.hexdigest()


def op_batch(request):
    """Runs each input once (correctness); stops at the first error.

    Per input, a header line {"ok": true, "i": i, "t": ns} is sent as soon as the call returns, then a line
    {"d": digest, "n": length of the output's JSON text (-1 when it was not made)}, then the output itself on a
    line of its own (or {"$omitted": n} when it is longer than `max_output`). The digest is SHA-256 of the JSON
    text, or `_value_digest`'s for long strings and number lists. Pace holds each call to its deadline, accepts an
    output whose digest equals the expected output's without further ado (expected digests come from this same
    function; the sample never sees them, so it cannot forge one), and hands the rest to the judge.
    NaN has no digest: NaN != NaN in Python, while its text is equal.
    """
    limit = request.get("max_output", 1 << 16)
    program = _programs[request.get("name", "sample")]
    function = program.current()
    for index, args in enumerate(request["inputs"]):
        try:
            # Inputs are decoded fresh from JSON, so no deep copy; no forced collection either (correctness only).
            result, elapsed = _call(program, function, args)
        except BaseException as error:  # noqa: B036
            _send(_failure(error, i=index))
            return None
        header = f'{{"ok":true,"i":{index},"t":{elapsed}}}'
        # The header goes first on its own unless the output encodes in microseconds: Pace's deadline is on the
        # call, not on encoding a large output. Otherwise header, digest and output share one write (one wake-up
        # of Pace instead of two).
        quick = _quick(result)
        if not quick:
            _send_text(header)
        digest = _value_digest(result)
        if digest is not None and _len(result) > limit:
            # Its text would be longer than the limit (each element or character takes at least one character).
            _send_text(_dumps({"d": digest, "n": -1}) + "\n" + _dumps({"$omitted": -1}))
            continue
        try:
            text = _dumps(encode(result))
        except BaseException as error:  # noqa: B036
            text = _dumps({"$repr": f"unserializable: {type(error).__name__}"})
        if digest is None and '"$float":"nan"' not in text:
            digest = _sha256(text.encode()).hexdigest()
        lines = _dumps({"d": digest, "n": _len(text)}) + "\n" + (text if _len(text) <= limit else _dumps({"$omitted": _len(text)}))
        _send_text(header + "\n" + lines if quick else lines)
    return {"ok": True, "done": True}


def op_check(request):
    """HumanEval style: defines the test code next to the program and calls check(entry_point)."""
    program = _programs[request.get("name", "sample")]
    function = program.current()
    namespace = program.namespace
    try:
        _exec(compile(request["test"], "<test>", "exec"), namespace)
        _collect()
        _, elapsed = _call(program, namespace["check"], (function,))
    except AssertionError as error:
        frames = _frames(error)
        sources = {"<test>": request["test"], program.filename: program.source}
        name, number = frames[-1][:2] if frames else ("", 0)
        lines = sources.get(name, "").splitlines()
        line = lines[number - 1].strip() if 0 < number <= _len(lines) else "?"
        return {"ok": False, "kind": "assertion", "error": f"assertion failed: {line}"}
    except BaseException as error:  # noqa: B036
        return _failure(error)
    return {"ok": True, "t": elapsed}


def _clear_leftovers():
    """Undoes what earlier calls left outside the interpreter, so that neither a process nor a file carries state
    into the next repetition: kills every other process of the sandbox (only as PID 1 of its own PID namespace,
    where kill(-1) reaches nothing else), reaps them, and empties the private directory. Uses only functions bound
    at start-up (untrusted code may have patched the os module)."""
    _kill_others(wait=False)
    if _PRIVATE_DIR is not None:
        _empty(_PRIVATE_DIR)


def _kill_others(wait):
    """As PID 1 of the sandbox's PID namespace (where kill(-1) reaches nothing else), kills every other process in it;
    then reaps: until none is left with `wait`, else those already gone."""
    if _getpid() == 1:
        try:
            _kill(-1, _SIGKILL)
        except OSError:
            pass
    while True:
        try:
            if _waitpid(-1, 0 if wait else _WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break


def _empty(top):
    """Removes everything inside `top`, never following symbolic links; iterative, so depth cannot exhaust the stack."""
    pending, directories = [top], []
    while pending:
        try:
            with _scandir(pending.pop()) as entries:
                for entry in entries:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            _chmod(entry.path, 0o700)  # a directory made read-only could not be emptied
                            pending.append(entry.path)
                            directories.append(entry.path)
                        else:
                            _unlink(entry.path)
                    except OSError:
                        pass
        except OSError:
            pass
    for directory in reversed(directories):
        try:
            _rmdir(directory)
        except OSError:
            pass


# MARK: - Inputs (dataset code only)

def _lean_draws(instance):
    """randint, choice and shuffle for a `random.Random`, drawing exactly what its own methods draw (the same
    getrandbits calls, in the same order) without their layers of calls: ENAMEL's generators call them tens of
    millions of times, and the layers were a third of the generation time. Anything but the plain case (an int
    range, a non-empty sequence) goes to the instance's own method. randint and choice inline `below` (a call fewer
    on the hottest path)."""
    getrandbits, randint_, choice_ = instance.getrandbits, instance.randint, instance.choice

    def below(n):
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def randint(a, b):
        if type(a) is int and type(b) is int and b >= a:
            n = b - a + 1
            k = n.bit_length()
            r = getrandbits(k)
            while r >= n:
                r = getrandbits(k)
            return a + r
        return randint_(a, b)

    def choice(seq):
        n = _len(seq)
        if not n:
            return choice_(seq)
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return seq[r]

    def shuffle(x):
        for i in reversed(range(1, _len(x))):
            j = below(i + 1)
            x[i], x[j] = x[j], x[i]

    return randint, choice, shuffle


def _use_lean_draws(random):
    """Rebinds the module's randint, choice and shuffle to `_lean_draws` of its shared instance, once they have drawn
    what this interpreter's own methods draw from the same state (else the module is left as it is)."""
    own, lean = random.Random(20241124), random.Random(20241124)
    randint, choice, shuffle = _lean_draws(lean)
    ranges = [(0, 0), (0, 1), (-5, 5), (1, 6), (3, 1000), (0, 1 << 70), (-(1 << 40), 1 << 40)]
    expected = [own.randint(a, b) for _ in range(40) for a, b in ranges] + [own.choice("abcdefg") for _ in range(40)]
    got = [randint(a, b) for _ in range(40) for a, b in ranges] + [choice("abcdefg") for _ in range(40)]
    mine, theirs = list(range(50)), list(range(50))
    own.shuffle(theirs)
    shuffle(mine)
    if got == expected and mine == theirs and own.random() == lean.random():
        random.randint, random.choice, random.shuffle = _lean_draws(random._inst)


def op_generate(request):
    """Calls a dataset's input generator: `random.seed(seed)` then `generate_input(size=, lid=, cid=)` per item.

    The namespace gets the helpers first (ENAMEL's), then the task's prompt (its imports and helper functions),
    then the generator, as ENAMEL builds it. Per item, a line {"i": i} and then the input on a line of its own: its
    pickle as base64 text (`_blob`), which Pace keeps and hands to other workers as it is; with
    `keys`, the worker also holds each input under its key, unpickled from those same bytes (exactly what other
    workers will see), for the reference's calls.
    """
    # A generator worker runs nothing before this, so these imports cannot meet planted modules.
    import random as _random
    import string as _string
    _use_lean_draws(_random)
    namespace = {"__name__": "__pace_generator__", "random": _random, "string": _string, "time": _time}
    keys = request.get("keys")
    try:
        for key, name in (("helpers", "<helpers>"), ("prelude", "<prompt>"), ("code", "<generator>")):
            if request.get(key):
                _exec(compile(request[key], name, "exec"), namespace)
        generate = namespace["generate_input"]
        for index, (seed, size, lid, cid) in enumerate(request["items"]):
            _random.seed(seed)
            text, value = _blob(tuple(generate(size=size, lid=lid, cid=cid)))
            if keys:
                _inputs[keys[index]] = _Held(value)
            _send_text(f'{{"i":{index}}}\n' + text)
    except BaseException as error:  # noqa: B036
        return _failure(error)
    if keys:
        _collect()
        _freeze()
    return {"ok": True, "done": True}


# MARK: - Judge (never runs sample code)

def _is_floats(value):
    if _isinstance(value, float):
        return True
    if _isinstance(value, (list, tuple)) and value:
        return all(_isinstance(v, float) for v in value)
    return False


def _flatten(value):
    if _isinstance(value, (list, tuple)):
        for v in value:
            yield from _flatten(v)
    else:
        yield value


def _all_close(out, exp, atol, rtol=1e-7):
    if type(out) is not type(exp):
        return False
    if _isinstance(exp, (list, tuple)) and _len(out) != _len(exp):
        return False
    a, b = list(_flatten(out)), list(_flatten(exp))
    if _len(a) != _len(b):
        return False
    for x, y in zip(a, b):
        try:
            if not abs(x - y) <= atol + rtol * abs(y):
                return False
        except TypeError:
            if x != y:
                return False
    return True


def _poly(coefficients, x):
    return sum(c * _math.pow(x, i) for i, c in enumerate(coefficients))


_checkers = {}


def op_load_checker(request):
    namespace = {"__name__": "__pace_checker__", "math": _math}
    try:
        _exec(compile(request["code"], "<checker>", "exec"), namespace)
        _checkers[request["task"]] = namespace[request["function"]]
    except BaseException as error:  # noqa: B036
        return _failure(error)
    return {"ok": True}


def _equal(expected, output, atol, special):
    if special == "find_zero":
        return abs(_poly(expected[0], output)) <= max(atol, 1e-6) if _isinstance(output, (int, float)) else False
    try:
        exact = bool(output == expected)
    except BaseException:  # noqa: B036
        exact = False
    if exact:
        return True
    if atol == 0 and _is_floats(expected):
        atol = 1e-6
    return atol != 0 and _all_close(output, expected, atol)


def op_judge(request):
    """Compares outputs with expected answers (EvalPlus rules) or asks the task's checker. Each item's input comes as
    tagged JSON (`input`) or as a generated input's pickle (`blob`, see `_blob`)."""
    atol, special = request.get("atol", 0) or 0, request.get("special")
    checker = _checkers.get(request.get("task")) if request.get("checker") else None
    results = []
    for item in request["items"]:
        expected, output = item["expected"], item["output"]
        try:
            if checker is not None or special == "find_zero":
                # Decoded (or unpickled) from this request: the checker's own copy.
                given = _unblob(item["blob"]) if "blob" in item else item.get("input")
                verdict = bool(checker(given, expected, output)) if checker is not None else _equal(given, output, atol, special)
            else:
                verdict = _equal(expected, output, atol, None)
        except BaseException:  # noqa: B036
            verdict = False
        results.append(verdict)
    return {"ok": True, "results": results}


_OPERATIONS = {
    "load": op_load, "call": op_call, "batch": op_batch, "check": op_check, "generate": op_generate,
    "judge": op_judge, "load_checker": op_load_checker, "render": op_render,
}


def main():
    _send({"ready": True, "pid": _os.getpid(), "python": _sys.version.split()[0]})
    while True:
        line = _requests.readline()
        if not line:
            return
        try:
            request = _read_request(line.decode())
            operation = _OPERATIONS.get(request.get("op"))
            if request.get("op") == "exit":
                return
            if operation is None:
                reply = {"ok": False, "kind": "protocol", "error": f"unknown op {request.get('op')!r}"}
            else:
                if operation is not op_call:
                    # Before the request rather than after the last one, so that nothing a finalizer did in between
                    # is left; a call sets up exactly what each of its steps needs itself (`_prepare`).
                    _restore()
                reply = operation(request)
        except BaseException as error:  # noqa: B036
            reply = {"ok": False, "kind": "harness", "error": _describe(error), "trace": _trace(error)[-2000:]}
        _set_recursion_limit(_RECURSION_LIMIT)
        if reply is not None:
            output = _sink.take()
            if output:
                reply["stdout"] = output
            _send(reply)


# MARK: - Fork server (correctness runs)

def _zygote_ready():
    """Whether this worker, started as a fork server (fd 3 is its private status pipe to Pace), may serve as one: PID 1
    of its own PID namespace (kill(-1) then reaches exactly the processes a forked sample left), and able to make
    itself non-dumpable, so that a forked sample running as the same user can neither trace it nor write its memory
    through /proc (it would then forge the results of every later sample)."""
    global _prctl
    if _getpid() != 1:
        return False
    try:
        _os.fstat(3)
        import ctypes
        import resource
        _prctl = ctypes.CDLL(None, use_errno=True).prctl
        if _prctl(4, 0, 0, 0, 0) != 0:  # PR_SET_DUMPABLE
            return False
        # No POSIX message queues: they outlive their creator in the IPC namespace and no check below could see them.
        resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))
    except (OSError, ImportError, AttributeError, ValueError):
        return False
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # as PID 1 it then ignores every signal a sample can send it
    return True


def _zygote_clean():
    """After a forked sample ended: kills and reaps everything it left, empties the private directory and checks that
    no System V IPC object or extended attribute of the directory survived. Returns whether the sandbox is as fresh
    as a new one; when not, the fork server ends and Pace starts a new one."""
    _kill_others(wait=True)
    clean = True
    if _PRIVATE_DIR is not None:
        _empty(_PRIVATE_DIR)
        try:
            _chmod(_PRIVATE_DIR, 0o700)
            clean = not _os.listdir(_PRIVATE_DIR) and not _os.listxattr(_PRIVATE_DIR)
        except OSError:
            clean = False
    for kind in ("shm", "sem", "msg"):
        try:
            fd = _os.open("/proc/sysvipc/" + kind, _os.O_RDONLY)
            try:
                clean = clean and _os.read(fd, 4096).count(b"\n") <= 1
            finally:
                _os.close(fd)
        except OSError:
            clean = False
    return clean


def _zygote():
    """Serves as a fork server: for each `fork` request (carrying the token of the last status) forks a fresh worker,
    waits for it, cleans up after it and reports on fd 3, which the forked worker closes before any untrusted code
    runs, so only this process writes there. Lines that are not the expected `fork` (requests a sample never read) are
    dropped. Returns only in a forked worker; ends when Pace closes the pipe or sends `exit`."""
    token = _os.urandom(16).hex()
    _send({"ready": True, "zygote": True, "token": token, "python": _sys.version.split()[0]})
    while True:
        line = _requests.readline()
        if not line:
            _os._exit(0)
        try:
            request = _read_request(line.decode())
        except (ValueError, UnicodeDecodeError):
            continue
        if not _isinstance(request, dict):
            continue
        if request.get("op") == "exit":
            _os._exit(0)
        if request.get("op") != "fork" or request.get("token") != token:
            continue
        pid = _os.fork()
        if pid == 0:
            _os.close(3)
            _prctl(4, 1, 0, 0, 0)  # dumpable again, as a freshly started worker is
            _signal.signal(_signal.SIGINT, _signal.default_int_handler)
            return
        status = _waitpid(pid, 0)[1]
        clean = _zygote_clean()
        token = _os.urandom(16).hex()
        _send({"status": status, "clean": clean, "token": token}, 3)
        if not clean:
            _os._exit(0)


if __name__ == "__main__":
    if _os.environ.get(b"PACE_WORKER_ZYGOTE") == b"1":
        if _zygote_ready():
            _zygote()
        else:
            try:
                _os.close(3)  # a plain worker after all, whose status pipe untrusted code must not get
            except OSError:
                pass
    main()
    _os._exit(0)
