// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PaceCore
import PaceRunners
import PaceSandbox
import Testing

/// Starts a worker with `code` loaded as `f` and calls it once with no arguments.
func callOnce(_ code: String, timeout: Double, configure: (inout SandboxConfiguration) -> Void = { _ in }) throws -> (PythonWorker.Reply, Double, PythonWorker) {
    var configuration = SandboxConfiguration()
    configure(&configuration)
    let worker = try PythonWorker(python: try PythonInterpreter.locate(), configuration: configuration)
    let load = worker.request(.object([("op", .string("load")), ("code", .string(code)), ("entry_point", .string("f"))]), timeout: 10)
    guard case .message(let message) = load, message["ok"] == .bool(true) else {
        Issue.record("load failed: \(load)")
        return (load, 0, worker)
    }
    let start = Date()
    let reply = worker.request(.object([("op", .string("call")), ("args", .array([]))]), timeout: timeout)
    return (reply, Date().timeIntervalSince(start), worker)
}

/// Pids of live processes whose command line contains `text`.
func processes(commandContaining text: String) -> [Int32] {
    let own = getpid()
    return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
        guard let pid = Int32(entry), pid != own,
            let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
        else { return nil }
        let command = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return command.contains(text) ? pid : nil
    }
}

/// Whether no process of `group` is left, allowing up to two seconds for killed processes to be reaped.
func groupIsGone(_ group: pid_t) -> Bool {
    for _ in 0..<200 {
        if kill(-group, 0) != 0 { return true }
        usleep(10_000)
    }
    return false
}

func failureKind(_ reply: PythonWorker.Reply) -> String? {
    guard case .message(let message) = reply, message["ok"] == .bool(false) else { return nil }
    return message["kind"]?.stringValue
}

@Suite("Sandbox", .serialized)
struct SandboxTests {
    @Test("an infinite loop that swallows every exception ends as a timeout within the limit plus one second")
    func unkillableLoop() throws {
        let code = """
            import signal
            def f():
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                signal.signal(signal.SIGALRM, signal.SIG_IGN)
                while True:
                    try:
                        pass
                    except BaseException:
                        pass
            """
        let (reply, elapsed, worker) = try callOnce(code, timeout: 1)
        #expect(reply == .timedOut)
        #expect(elapsed < 2)
        #expect(!worker.isAlive)
        #expect(groupIsGone(worker.process.processGroup), "no process of the group survives")
    }

    @Test("a memory bomb ends as out-of-memory")
    func memoryBomb() throws {
        let (reply, _, _) = try callOnce("def f():\n    x = []\n    while True:\n        x.append(bytearray(1 << 26))\n", timeout: 30) {
            $0.memoryBytes = 1 << 30
        }
        #expect(failureKind(reply) == "memory")
    }

    @Test("a fork bomb is contained and nothing of it survives")
    func forkBomb() throws {
        let code = """
            import os
            def f():
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
            """
        let (reply, _, worker) = try callOnce(code, timeout: 3)
        #expect(reply != .message(.null))
        let group = worker.process.processGroup
        worker.close()
        #expect(groupIsGone(group))
        // The machine is still usable: a new worker starts and answers.
        let (again, _, _) = try callOnce("def f():\n    return 1\n", timeout: 10)
        guard case .message(let message) = again else {
            Issue.record("a worker after the fork bomb did not answer: \(again)")
            return
        }
        #expect(message["out"] == .number("1"))
    }

    @Test("a child that leaves the process group with setsid dies with the sample", .enabled(if: IsolationSupport.current.pidNamespace))
    func setsidEscape() throws {
        let marker = "/proc/pace-escape-\(getpid())"
        let code = """
            import os, time
            def f():
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(60)
                    os._exit(0)
                return os.getpid()
            """
        let (reply, _, worker) = try callOnce(code, timeout: 10)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["out"] == .number("1"), "the sample runs as PID 1 of its own namespace")
        worker.close()
        _ = marker
        // Every process started by the worker is gone once its PID 1 is.
        let survivors = processes(commandContaining: "pace_worker.py").filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))?.contains("PPid:\t1\n") == true
        }
        #expect(survivors.isEmpty)
    }

    @Test("a connection to 127.0.0.1 fails", .enabled(if: IsolationSupport.current.networkNamespace))
    func network() throws {
        let code = "import socket\ndef f():\n    socket.create_connection(('127.0.0.1', 22), timeout=2)\n    return 'connected'\n"
        let (reply, _, _) = try callOnce(code, timeout: 10)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["ok"] == .bool(false))
        #expect(message["error"]?.stringValue?.contains("unreachable") == true)
    }

    @Test("System V shared memory of the host is invisible to a sample (its own IPC namespace)", .enabled(if: IsolationSupport.current.pidNamespace))
    func ipcNamespace() throws {
        let id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0o600)
        try #require(id >= 0)
        defer { _ = shmctl(id, IPC_RMID, nil) }
        let listed = { (text: String) in text.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int32($0) } } }
        let host = try String(contentsOfFile: "/proc/sysvipc/shm", encoding: .utf8)
        #expect(listed(host).contains(id), "the host should list its own segment \(id)")
        let code = "def f():\n    return open('/proc/sysvipc/shm').read()\n"
        let (reply, _, _) = try callOnce(code, timeout: 10)
        guard case .message(let message) = reply, let inside = message["out"]?.stringValue else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(!listed(inside).contains(id), "a sample sees the host's segment \(id): \(inside)")
    }

    @Test("writing outside the private directory fails; inside works", .enabled(if: IsolationSupport.current.privateFilesystem))
    func filesystem() throws {
        let outside = NSTemporaryDirectory() + "pace-escape-\(getpid())"
        let code = "def f():\n    open('inside.txt', 'w').write('ok')\n    open('\(outside)', 'w').write('escaped')\n    return 1\n"
        let (reply, _, _) = try callOnce(code, timeout: 10)
        #expect(failureKind(reply) == "exception")
        guard case .message(let message) = reply else { return }
        #expect(message["error"]?.stringValue?.contains("Read-only file system") == true)
        #expect(!FileManager.default.fileExists(atPath: outside))
    }

    @Test("a 1 GB print is truncated, and a flood on the raw stderr descriptor is drained and capped")
    func outputFlood() throws {
        let code = """
            import os
            def f():
                print('x' * 1_000_000_000)
                chunk = b'y' * (1 << 20)
                for _ in range(200):
                    os.write(2, chunk)
                return 'done'
            """
        let (reply, elapsed, worker) = try callOnce(code, timeout: 60)
        guard case .message(let message) = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(message["out"] == .string("done"))
        #expect((message["stdout"]?.stringValue?.utf8.count ?? 0) <= 4096)
        #expect(worker.process.stderrByteCount >= 200 << 20)
        #expect(worker.process.stderrText.utf8.count <= SandboxConfiguration().stderrCapBytes)
        #expect(elapsed < 60)
    }

    @Test("the environment is built from an allow-list")
    func environment() throws {
        setenv("PACE_TEST_SECRET", "hunter2", 1)
        let (reply, _, _) = try callOnce("import os\ndef f():\n    return sorted(os.environ)\n", timeout: 10)
        guard case .message(let message) = reply, let names = message["out"]?.arrayValue?.compactMap(\.stringValue) else {
            Issue.record("no reply: \(reply)")
            return
        }
        #expect(!names.contains("PACE_TEST_SECRET"))
        #expect(names.contains("PYTHONHASHSEED"))
    }

    @Test("the private working directory is removed afterwards")
    func cleanup() throws {
        let (reply, _, worker) = try callOnce("import os\ndef f():\n    open('x', 'w').write('1')\n    return os.getcwd()\n", timeout: 10)
        guard case .message = reply else {
            Issue.record("no reply: \(reply)")
            return
        }
        let directory = worker.process.workingDirectory
        #expect(FileManager.default.fileExists(atPath: directory))
        worker.close()
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
