// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PaceCore
import PaceRunners
@testable import PaceSandbox
import Testing

/// The JSON text a sample's `f()` returned.
private func returned(_ reply: PythonWorker.Reply) -> String? {
    guard case .message(let message) = reply, message["ok"] == .bool(true) else { return nil }
    return message["out"]?.jsonText
}

@Suite("Sandbox: what a sample can see", .serialized)
struct HidingTests {
    @Test("hidden directories are empty, their neighbours and the interpreter stay usable", .enabled(if: IsolationSupport.current.privateProc))
    func hiddenDirectories() throws {
        let base = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/pace-hiding-test-\(getpid())").path
        let secret = base + "/secret"
        let open = base + "/open"
        try FileManager.default.createDirectory(atPath: secret, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        FileManager.default.createFile(atPath: secret + "/answer.txt", contents: Data("42".utf8))
        FileManager.default.createFile(atPath: open + "/note.txt", contents: Data("hi".utf8))
        let tmpMarker = NSTemporaryDirectory() + "pace-hiding-marker-\(getpid())"
        FileManager.default.createFile(atPath: tmpMarker, contents: Data())
        defer { unlink(tmpMarker) }
        let code = """
            import os
            def f():
                seen = {}
                for path in [\(JSONValue.string(secret).jsonText), \(JSONValue.string(open).jsonText), \(JSONValue.string(NSTemporaryDirectory()).jsonText)]:
                    try:
                        seen[path] = sorted(os.listdir(path))
                    except OSError as error:
                        seen[path] = type(error).__name__
                return seen
            """
        let (reply, _, _) = try callOnce(code, timeout: 10) { $0.hiddenPaths.append(secret) }
        let text = try #require(returned(reply), "\(reply)")
        let seen = try JSONParser.parse(text)
        #expect(seen[secret] == .array([]), "the hidden directory must look empty: \(text)")
        #expect(seen[open] == .array([.string("note.txt")]), "a neighbour stays visible: \(text)")
        #expect(seen[NSTemporaryDirectory()]?.arrayValue?.contains(.string("pace-hiding-marker-\(getpid())")) == false, "the host's /tmp is hidden: \(text)")
    }

    @Test("/proc shows only the sample's own processes", .enabled(if: IsolationSupport.current.privateProc))
    func privateProc() throws {
        let code = "import os\ndef f():\n    return sorted(int(p) for p in os.listdir('/proc') if p.isdigit())\n"
        let (reply, _, _) = try callOnce(code, timeout: 10)
        let text = try #require(returned(reply), "\(reply)")
        let pids = try #require(try JSONParser.parse(text).arrayValue)
        #expect(!pids.isEmpty && pids.count <= 3, "only the worker itself: \(pids)")
    }

    @Test(
        "as root, a sample runs as nobody and cannot read root's files",
        .enabled(if: geteuid() == 0 && IsolationSupport.current.processCgroup && IsolationSupport.current.privateFilesystem)
    )
    func unprivileged() throws {
        let code = """
            import os
            def f():
                try:
                    open('/etc/shadow').read(1)
                    shadow = 'read'
                except OSError as error:
                    shadow = type(error).__name__
                open('scratch.txt', 'w').write('the scratch directory is writable')
                return [os.getuid(), os.getgid(), shadow]
            """
        let (reply, _, _) = try callOnce(code, timeout: 10)
        #expect(returned(reply) == #"[65534,65534,"PermissionError"]"#, "\(reply)")
    }

    @Test("a disk filler fills its own size-limited scratch space, not the host's disk", .enabled(if: IsolationSupport.current.privateFilesystem))
    func scratchSpace() throws {
        let code = """
            def f():
                written = 0
                try:
                    with open('fill.bin', 'wb') as out:
                        while written < 1 << 30:
                            out.write(b'x' * (1 << 20))
                            written += 1 << 20
                except OSError as error:
                    return [written, type(error).__name__]
                return [written, 'no error']
            """
        let (reply, _, worker) = try callOnce(code, timeout: 20) {
            $0.scratchBytes = 8 << 20
            $0.maxFileBytes = 1 << 30
        }
        let text = try #require(returned(reply), "\(reply)")
        let result = try #require(try JSONParser.parse(text).arrayValue)
        #expect((result.first?.intValue ?? 0) <= 8 << 20 && result.last == .string("OSError"), "\(result)")
        let onHost = (try? FileManager.default.contentsOfDirectory(atPath: worker.process.workingDirectory)) ?? []
        #expect(onHost.isEmpty, "nothing lands in the host directory: \(onHost)")
    }
}

@Suite("Mount plan")
struct MountPlanTests {
    @Test("system directories and their ancestors are never hidden; nested hidden paths collapse")
    func hidden() {
        let plan = MountPlan(hidden: ["/", "/usr", "/tmp", "/tmp/run/out", "/data/set/", "/usr/share/dataset"], visible: [])
        #expect(plan.hidden == ["/data/set", "/tmp", "/usr/share/dataset"])
    }

    @Test("only directories under hidden ones are attached again, outermost first")
    func visible() {
        let plan = MountPlan(
            hidden: ["/root", "/work/repo"],
            visible: ["/usr/lib/python3", "/root/.pyenv/versions/3.11", "/root/.pyenv", "/work/repo/.build/resources"]
        )
        #expect(plan.visible == ["/root/.pyenv", "/work/repo/.build/resources"])
    }
}

@Suite("Sandbox checks", .serialized)
struct SandboxChecksTests {
    @Test("the essentials hold on this machine")
    func essentials() {
        let missing = SandboxChecks.missingEssentials(configuration: SandboxConfiguration())
        #expect(missing.isEmpty, "\(missing)")
    }

    @Test("a sandbox without a new session or limits is caught", arguments: [SandboxFault.noGroupKill, .noLimits])
    func faults(_ fault: SandboxFault) {
        var configuration = SandboxConfiguration()
        configuration.faults = [fault]
        let missing = SandboxChecks.missingEssentials(configuration: configuration).map(\.name)
        #expect(missing == [fault == .noGroupKill ? "process-group kill" : "memory limit"])
        // Even without a group kill, the spinning time-limit probe must not outlive its check (it once did, burning
        // a core until the machine rebooted): the program dies with its supervisor, and the cgroup is emptied.
        let spinning = { processes(commandContaining: "while :; do :; done") }
        let deadline = Date().addingTimeInterval(2)
        while !spinning().isEmpty && Date() < deadline { usleep(20_000) }
        #expect(spinning().isEmpty, "probe processes left running: \(spinning())")
    }
}
