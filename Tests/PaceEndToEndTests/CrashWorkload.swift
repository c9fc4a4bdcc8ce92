// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// A HumanEval-format dataset and samples for the crash-safety tests: 4 tasks × 16 samples, each sample sleeping
/// 50 ms at load so that a `--jobs 2` run takes about 10 s here. Verdicts are fixed: per task 8 pass, 4 return a
/// wrong answer, 4 raise, so pass@1 is 0.5.
struct CrashWorkload {
    static let samplesPerTask = 16
    /// (task id, entry point, right body, wrong body, check function).
    static let tasks: [(String, String, String, String, String)] = [
        ("C/0", "add(a, b)", "return a + b", "return a - b", "assert candidate(1, 2) == 3\n    assert candidate(-4, 4) == 0"),
        ("C/1", "rev(s)", "return s[::-1]", "return s", "assert candidate('abc') == 'cba'"),
        ("C/2", "square(x)", "return x * x", "return x + x", "assert candidate(3) == 9"),
        ("C/3", "vowels(s)", "return sum(c in 'aeiou' for c in s)", "return len(s)", "assert candidate('pace') == 2"),
    ]

    let directory: String

    /// Writes `tasks.jsonl` and `samples.jsonl` into a fresh scratch directory.
    init(name: String) {
        directory = PaceBinary.scratch(name)
        var taskLines: [String] = []
        var sampleLines: [String] = []
        for (number, (id, signature, right, wrong, check)) in Self.tasks.enumerated() {
            let name = String(signature.prefix { $0 != "(" })
            taskLines.append(JSONValue.object([
                ("task_id", .string(id)),
                ("prompt", .string("def \(signature):\n")),
                ("canonical_solution", .string("    \(right)\n")),
                ("test", .string("def check(candidate):\n    \(check)\n")),
                ("entry_point", .string(name)),
            ]).jsonText)
            for index in 0..<Self.samplesPerTask {
                let body = [wrong, "return 1 // 0", right, right][(index + number) % 4]
                let code = "import time\ntime.sleep(0.05)\n\ndef \(signature):\n    \(body)\n"
                sampleLines.append(Self.sampleLine(task: id, code: code))
            }
        }
        PaceBinary.write(taskLines.joined(separator: "\n") + "\n", to: directory + "/tasks.jsonl")
        PaceBinary.write(sampleLines.joined(separator: "\n") + "\n", to: directory + "/samples.jsonl")
    }

    var sampleCount: Int { Self.tasks.count * Self.samplesPerTask }
    var expectedPassAt1: Double { 0.5 }

    /// Every sample's identity as `task_id#sample_index`.
    var keys: Set<String> {
        Set(Self.tasks.flatMap { task in (0..<Self.samplesPerTask).map { "\(task.0)#\($0)" } })
    }

    func arguments(output: String) -> [String] {
        [
            "evaluate", "--dataset", directory + "/tasks.jsonl", "--samples", directory + "/samples.jsonl",
            "--output", output, "--jobs", "2", "--k", "1,4", "--db", "none",
        ]
    }

    /// Whether a process belongs to a run over this workload: a worker of this build, or a sandbox supervisor
    /// (a fork of `pace`, so with its command line).
    func owns(_ process: LiveProcess) -> Bool {
        Self.isWorker(process) || process.command.contains(directory)
    }

    /// Whether a process is a `pace_worker.py` started by this checkout's `pace`.
    static func isWorker(_ process: LiveProcess) -> Bool {
        process.command.contains("pace_worker.py") && process.command.contains(PaceBinary.root.path)
    }

    /// One samples.jsonl line.
    static func sampleLine(task: String, code: String) -> String {
        JSONValue.object([("task_id", .string(task)), ("solution", .string(code))]).jsonText
    }

    /// A task `C/0` (`add`) alone.
    static func writeAddTask(to path: String) {
        let task = tasks[0]
        PaceBinary.write(JSONValue.object([
            ("task_id", .string(task.0)),
            ("prompt", .string("def \(task.1):\n")),
            ("canonical_solution", .string("    \(task.2)\n")),
            ("test", .string("def check(candidate):\n    \(task.4)\n")),
            ("entry_point", .string("add")),
        ]).jsonText + "\n", to: path)
    }

    /// Two HumanEval+ tasks `P/0`, `P/1` (`double(x)`, 8 base and 8 plus inputs) whose canonical solution sleeps 0.15 s
    /// a call, so that computing their expected outputs takes a few seconds.
    static func writeSlowCanonicalTasks(to path: String) {
        func inputs(_ range: ClosedRange<Int>) -> JSONValue { .array(range.map { .array([.number("\($0)")]) }) }
        let lines = ["P/0", "P/1"].map { id in
            JSONValue.object([
                ("task_id", .string(id)),
                ("prompt", .string("import time\n\ndef double(x):\n")),
                ("canonical_solution", .string("    time.sleep(0.15)\n    return 2 * x\n")),
                ("entry_point", .string("double")),
                ("base_input", inputs(1...8)),
                ("plus_input", inputs(9...16)),
                ("atol", .number("0")),
            ]).jsonText
        }
        PaceBinary.write(lines.joined(separator: "\n") + "\n", to: path)
    }

    /// A sample that starts two long-lived children carrying `marker` in argv (one of them in a new session via
    /// `os.setsid()`), then loops forever while loading.
    static func spawner(marker: String) -> String {
        """
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", "\(marker)"])
        subprocess.Popen([sys.executable, "-c", "import os, time; os.setsid(); time.sleep(600)", "\(marker)"])
        while True:
            pass

        def add(a, b):
            return a + b

        """
    }
}
