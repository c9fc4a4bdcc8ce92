// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceRunners
import PaceSandbox
import Testing

@Suite("Worker start: bytecode, no site, site-packages kept", .serialized)
struct WorkerStartTests {
    @Test("the worker compiled once runs without `site` and still finds site-packages and encodes as before")
    func compiledWorker() throws {
        let python = try PythonInterpreter.locate()
        #expect(!python.sitePackages.isEmpty, "the interpreter reports no site-packages directory")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pace-worker-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let compiled = python.compilingWorker(into: directory)
        let bytecode = try #require(compiled.workerBytecode)
        #expect(bytecode.hasPrefix(directory) && bytecode.hasSuffix(".pyc"))
        #expect(FileManager.default.fileExists(atPath: bytecode))
        #expect(python.compilingWorker(into: directory).workerBytecode == bytecode, "a second run compiles again")

        let worker = try PythonWorker(python: compiled, configuration: SandboxConfiguration())
        defer { worker.close() }
        let code = """
            import sys
            def f():
                return ["site" in sys.modules, [p for p in sys.path if "site-packages" in p or "dist-packages" in p],
                        b"\\x00\\xff", (1, 2.5), {3}, 1 << 70, [0.5] * 9 + [1]]
            """
        let load = worker.request(
            .object([("op", .string("load")), ("code", .string(code)), ("entry_point", .string("f"))]),
            timeout: 10
        )
        guard case .message(let loaded) = load, loaded["ok"] == .bool(true) else {
            Issue.record("load failed: \(load)")
            return
        }
        let reply = worker.request(.object([("op", .string("call")), ("args", .array([]))]), timeout: 10)
        guard case .message(let message) = reply, let out = message["out"]?.arrayValue, out.count == 7 else {
            Issue.record("call failed: \(reply)")
            return
        }
        #expect(out[0] == .bool(false), "site was imported")
        #expect(out[1].arrayValue?.compactMap(\.stringValue) == python.sitePackages)
        #expect(out[2].jsonText == #"{"$bytes":"AP8="}"#)
        #expect(out[3].jsonText == #"{"$tuple":[1,2.5]}"#)
        #expect(out[4].jsonText == #"{"$set":[3]}"#)
        #expect(out[5].jsonText == #"{"$int":"0x400000000000000000"}"#)
        #expect(out[6].jsonText == "[0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,1]")
    }

    @Test("a failing check names the assertion's line from the test code")
    func assertionLine() throws {
        let worker = try PythonWorker(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
        defer { worker.close() }
        let load = worker.request(
            .object([("op", .string("load")), ("code", .string("def f(x):\n    return x + 1\n")), ("entry_point", .string("f"))]),
            timeout: 10
        )
        guard case .message(let loaded) = load, loaded["ok"] == .bool(true) else {
            Issue.record("load failed: \(load)")
            return
        }
        let test = "def check(candidate):\n    assert candidate(1) == 2\n    assert candidate(2) == 4, 'two'\n"
        let reply = worker.request(.object([("op", .string("check")), ("test", .string(test))]), timeout: 10)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["kind"] == .string("assertion"))
        #expect(message["error"]?.stringValue == "assertion failed: assert candidate(2) == 4, 'two'")
    }
}

@Suite("Worker: the same string hashing in every worker")
struct WorkerHashTests {
    @Test("two workers hash strings alike and iterate a set of strings in the same order (PYTHONHASHSEED=0 in effect)")
    func stableHashing() throws {
        let code = "def f():\n    return [hash('pace'), list({'ab', 'cd', 'ef', 'gh', 'ij', 'kl', 'mn', 'op'})]\n"
        var seen: [JSONValue] = []
        for _ in 0..<2 {
            let (reply, _, worker) = try callOnce(code, timeout: 10)
            worker.close()
            guard case .message(let message) = reply, let out = message["out"] else {
                Issue.record("no reply: \(reply)")
                return
            }
            seen.append(out)
        }
        #expect(seen[0] == seen[1], "\(seen)")
    }
}

@Suite("Worker started ahead of need")
struct WorkerWaitingTests {
    @Test("a started worker counts as waiting until it dies or has a reply unread (a worker started ahead is then not used)")
    func waiting() throws {
        let worker = try PythonWorker(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
        defer { worker.close() }
        #expect(worker.isWaiting)
        // A reply not yet read: not waiting (its next request would read this stale line first).
        #expect(worker.send(.object([("op", .string("nope"))]), timeout: 5))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!worker.isWaiting)
        _ = worker.next(deadline: monotonicNanoseconds() + 5_000_000_000)
        #expect(worker.isWaiting)
        // Killed while waiting (as by the machine's OOM killer): not waiting.
        kill(-worker.process.processGroup, SIGKILL)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!worker.isWaiting)
    }
}
