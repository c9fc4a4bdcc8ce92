// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceRunners
import PaceSandbox

extension PaceCommand {
    /// `pace doctor`: which isolations work on this machine, and why not.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show which sandbox isolations are active on this machine, and why others are not.")

        @Option(help: "The Python interpreter to check.")
        var python: String = "python3"

        func run() throws {
            let support = IsolationSupport.current
            func line(_ name: String, _ active: Bool, _ detail: String) {
                print("  [\(active ? "active" : "  --  ")] \(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(detail)")
            }
            print("Pace \(paceVersionText) sandbox on this machine:")
            line("process-group kill", true, "each sample runs in a new session; a timeout SIGKILLs the whole group")
            line("time limit", true, "hard wall-clock deadline enforced by Pace (poll + SIGKILL), not by the sample")
            line("memory limit", true, "RLIMIT_AS/RLIMIT_DATA per process (default 4 GiB)")
            line("file-size limit", true, "RLIMIT_FSIZE (default 64 MiB)")
            line("network namespace", support.networkNamespace, support.networkNamespace ? "samples have no network" : support.reasons["network namespace"] ?? "")
            line("pid namespace", support.pidNamespace, support.pidNamespace ? "a sample is PID 1 of its own namespace: nothing it starts (even after setsid) outlives it" : support.reasons["pid namespace"] ?? "")
            line("process cgroup", support.processCgroup, support.processCgroup ? "per-sample cgroup caps processes (fork bombs)" : support.reasons["process cgroup"] ?? "")
            line("read-only filesystem", support.privateFilesystem, support.privateFilesystem ? "everything but the sample's own directory is read-only (mount namespace); capabilities dropped" : support.reasons["read-only filesystem"] ?? "")
            line("private directory", true, "a fresh temporary working directory per sample, removed afterwards; environment from an allow-list")
            do {
                let interpreter = try PythonInterpreter.locate(python)
                print("  python: \(interpreter.executable) (\(interpreter.version))")
            } catch {
                print("  python: MISSING — \(error.message)")
                throw PaceExitCode.pythonMissing.exitCode
            }
        }
    }
}

let paceVersionText = PaceCommand.configuration.version
