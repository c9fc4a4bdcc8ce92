// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceRunners
import PaceSandbox
import Testing

/// The fork server behind correctness runs (`WorkerZygote`), driven directly: fresh workers one after another, how
/// each ended, and which ends cost the server. Needs a PID namespace (the server must be PID 1 of its sandbox).
@Suite("Worker fork server", .serialized, .enabled(if: IsolationSupport.current.pidNamespace))
struct WorkerZygoteTests {
    func load(_ worker: PythonWorker, _ code: String) -> PythonWorker.Reply {
        worker.request(.object([("op", .string("load")), ("code", .string(code)), ("entry_point", .string("f"))]), timeout: 10)
    }

    func call(_ worker: PythonWorker) -> PythonWorker.Reply {
        worker.request(.object([("op", .string("call")), ("args", .array([]))]), timeout: 10)
    }

    @Test("forked workers start fresh, one after another; an exit mid-request is reported with its status, and the server goes on")
    func freshWorkers() throws {
        let zygote = try WorkerZygote(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
        defer { zygote.close() }
        var pids: Set<Int> = []
        for round in 0..<3 {
            let worker = try zygote.fork().get()
            #expect(!zygote.isUsable, "a second fork while a worker is out")
            // Module state, a file in the private directory and a global: none may be seen by the next worker.
            let code = """
                import os, sys
                def f():
                    seen = [getattr(sys, "pace_mark", None), os.path.exists("mark"), os.getpid()]
                    sys.pace_mark = \(round)
                    open("mark", "w").close()
                    return seen
                """
            guard case .message(let loaded) = load(worker, code), loaded["ok"] == .bool(true),
                  case .message(let reply) = call(worker), let out = reply["out"]?.arrayValue, out.count == 3
            else {
                Issue.record("round \(round): the forked worker did not answer")
                return
            }
            #expect(out[0] == .null && out[1] == .bool(false), "round \(round) saw an earlier worker's state: \(out)")
            pids.insert(out[2].intValue ?? 0)
            worker.close()
            #expect(zygote.isUsable)
        }
        #expect(pids.count == 3 && !pids.contains(1), "each worker its own process, none the server: \(pids)")

        // A worker that exits while a request is pending (and a second request it never reads): reported as its exit,
        // and the unread request does not reach the server or the next worker.
        let exiting = try zygote.fork().get()
        guard case .message(let loaded) = load(exiting, "import os\ndef f():\n    os._exit(7)\n"), loaded["ok"] == .bool(true) else {
            Issue.record("load failed")
            return
        }
        _ = exiting.send(.object([("op", .string("call")), ("args", .array([]))]), timeout: 10)
        let ended = exiting.request(.object([("op", .string("call")), ("args", .array([]))]), timeout: 10)
        #expect(ended == .ended(.exited(7), stderr: ""), "\(ended)")
        #expect(zygote.isUsable)
        let next = try zygote.fork().get()
        guard case .message(let again) = load(next, "def f():\n    return 42\n"), again["ok"] == .bool(true),
              case .message(let reply) = call(next)
        else {
            Issue.record("the worker after an exit did not answer")
            return
        }
        #expect(reply["out"] == .number("42"))
        next.close()
        #expect(zygote.isUsable)
    }

    @Test("a worker killed by a signal is reported so; one that times out takes the server with it")
    func killedWorkers() throws {
        let zygote = try WorkerZygote(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
        defer { zygote.close() }
        let crashing = try zygote.fork().get()
        _ = load(crashing, "import os, signal\ndef f():\n    os.kill(os.getpid(), signal.SIGSEGV)\n")
        #expect(call(crashing) == .ended(.signaled(11), stderr: ""))
        #expect(zygote.isUsable)

        let looping = try zygote.fork().get()
        _ = load(looping, "def f():\n    while True:\n        pass\n")
        #expect(looping.request(.object([("op", .string("call")), ("args", .array([]))]), timeout: 0.5) == .timedOut)
        #expect(!zygote.isUsable, "the server outlived a worker that was killed")
    }
}
