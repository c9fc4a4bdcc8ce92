// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceRunners
import PaceSandbox
import Testing

/// Loads `code` (defining `f`) and calls `f()` `times` times, each repetition fresh (new globals, as efficiency
/// repetitions are); returns the outputs.
private func freshCalls(_ code: String, times: Int) throws -> [JSONValue?] {
    let worker = try PythonWorker(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
    defer { worker.close() }
    let load = worker.request(.object([("op", .string("load")), ("code", .string(code)), ("entry_point", .string("f"))]), timeout: 10)
    guard case .message(let loaded) = load, loaded["ok"] == .bool(true) else {
        Issue.record("load failed: \(load)")
        return []
    }
    return (0..<times).map { _ in
        let reply = worker.request(.object([("op", .string("call")), ("args", .array([])), ("fresh", .bool(true))]), timeout: 10)
        guard case .message(let message) = reply else { return nil }
        return message["out"]
    }
}

@Suite("Worker: what a program changes in the interpreter", .serialized)
struct WorkerStateTests {
    @Test("a recursion limit raised at import holds during the program's calls")
    func raisedRecursionLimit() throws {
        let code = "import sys\nsys.setrecursionlimit(20000)\ndef f(n=5000):\n    return 0 if n == 0 else 1 + f(n - 1)\n"
        let (reply, _, _) = try callOnce(code, timeout: 10)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["out"] == .number("5000"), "\(message)")
    }

    @Test("builtins replaced by liars at import do not change how the worker reports the answer")
    func patchedBuiltins() throws {
        let code = """
            import builtins
            builtins.type = lambda *args: list
            builtins.isinstance = lambda *args: True
            builtins.len = lambda obj: 0
            builtins.hex = lambda value: "0x0"
            def f():
                return [3, (4, 5), 1 << 70]
            """
        let (reply, _, _) = try callOnce(code, timeout: 10)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["out"]?.jsonText == #"[3,{"$tuple":[4,5]},{"$int":"0x400000000000000000"}]"#, "\(message)")
    }

    @Test("nothing in builtins or the private directory survives into the next fresh repetition")
    func freshRepetitionsStartClean() throws {
        let code = """
            import builtins, os
            def f():
                seen = [hasattr(builtins, "_kept"), os.path.exists("kept.txt")]
                builtins._kept = True
                open("kept.txt", "w").write("x")
                return seen
            """
        let outputs = try freshCalls(code, times: 3)
        #expect(outputs == Array(repeating: JSONValue.array([.bool(false), .bool(false)]), count: 3))
    }

    @Test(
        "a call given a limit ends when it passes (one that catches the interruption too), and the worker serves on",
        arguments: [
            "def f():\n    while True:\n        pass\n",
            "def f():\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            return 'caught'\n",
        ]
    )
    func limitInterruptsCall(code: String) throws {
        let worker = try PythonWorker(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
        defer { worker.close() }
        let load = worker.request(.object([("op", .string("load")), ("code", .string(code)), ("entry_point", .string("f"))]), timeout: 10)
        guard case .message(let loaded) = load, loaded["ok"] == .bool(true) else {
            Issue.record("load failed: \(load)")
            return
        }
        let call = JSONValue.object([("op", .string("call")), ("args", .array([])), ("fresh", .bool(true)), ("limit", .number("0.05"))])
        for _ in 0..<2 {
            let start = monotonicNanoseconds()
            let reply = worker.request(call, timeout: 10)
            let seconds = Double(monotonicNanoseconds() - start) / 1e9
            guard case .message(let message) = reply else {
                Issue.record("no reply: \(reply)")
                return
            }
            #expect(message["ok"] == .bool(false) && message["kind"] == .string("timeout"), "\(message)")
            #expect(seconds < 5, "the call took \(seconds) s")
        }
        let quick = worker.request(.object([("op", .string("load")), ("code", .string("def f():\n    return 7\n")), ("entry_point", .string("f"))]), timeout: 10)
        guard case .message(let reloaded) = quick, reloaded["ok"] == .bool(true) else {
            Issue.record("reload failed: \(quick)")
            return
        }
        let reply = worker.request(call, timeout: 10)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["out"] == .number("7"), "\(message)")
    }
}
