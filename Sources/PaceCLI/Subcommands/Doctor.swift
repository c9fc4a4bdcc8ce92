// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCore
import PaceRunners
import PaceSandbox

extension PaceCommand {
    /// `pace doctor`: what the sandbox really enforces on this machine, found by running probes in it.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check what the sandbox enforces on this machine (by running probes in it), and why anything is missing.",
            discussion: """
                Exits 7 when an essential (process-group kill, time limit, memory limit) is missing: `pace evaluate` \
                refuses to run then unless given --unsafe. Exits 3 when Python is missing.
                """
        )

        @Option(help: "The Python interpreter to check.")
        var python: String = "python3"

        func run() throws {
            var sandbox = SandboxConfiguration()
            sandbox.faults = SandboxFault.fromEnvironment
            print("Pace \(paceVersionText): what a sample's sandbox enforces on this machine (checked by probes)")
            let checks = SandboxChecks.run(configuration: sandbox)
            for check in checks {
                let mark = check.passed ? "enforced" : check.essential ? "MISSING " : "   --   "
                let label = check.name + (check.essential ? " *" : "")
                print("  [\(mark)] \(label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(check.detail)")
            }
            print("  (* essential: `pace evaluate` refuses to run without it unless --unsafe)")
            print("  output is captured up to a cap (a flood is truncated); the environment is built from an allow-list.")
            let pythonOK = checkPython(sandbox)
            if checks.contains(where: { $0.essential && !$0.passed }) {
                print("Essentials are missing: samples could outlive their time limit or exhaust the machine.")
                throw PaceExitCode.unsafeSandbox.exitCode
            }
            if !pythonOK { throw PaceExitCode.pythonMissing.exitCode }
        }

        /// Finds the interpreter and starts Pace's worker with it inside the sandbox.
        private func checkPython(_ sandbox: SandboxConfiguration) -> Bool {
            let interpreter: PythonInterpreter
            do {
                interpreter = try PythonInterpreter.locate(python)
            } catch {
                print("  python: MISSING — \(error.message)")
                return false
            }
            do {
                let worker = try PythonWorker(python: interpreter, configuration: sandbox, startTimeout: 20)
                worker.close()
                print("  python: \(interpreter.executable) (\(interpreter.version)); Pace's worker starts in the sandbox")
                return true
            } catch {
                print("  python: \(interpreter.executable) (\(interpreter.version)) cannot start in the sandbox: \(error.message)")
                return false
            }
        }
    }
}

let paceVersionText = PaceCommand.configuration.version
