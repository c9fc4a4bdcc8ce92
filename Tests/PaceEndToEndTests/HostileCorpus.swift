// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore

/// The hostile-sample corpus in `Fixtures/hostile`: `manifest.json` names each sample, its task, the verdict Pace
/// must give and what must stay true; each `<name>.py` is the whole program. Located by `#filePath`, like the
/// binary, so the fixtures are read from the checkout (and excluded from the target's sources in Package.swift).
struct HostileSample {
    var name: String
    var category: String
    var taskID: String
    /// The outcome Pace must give (`passed`, `failed`, `timeout`, `out_of_memory`, `crashed`, …).
    var expect: String
    /// One sentence: what must stay true.
    var invariant: String
    var file: String
    /// A piece of text the verdict's detail must contain (the right reason, not just the right outcome).
    var detail: String?
    /// `not_above_honest`: efficiency at most the honest copies' mean plus ``HostileCorpus/singleTolerance``.
    var efficiency: String?
    /// An upper bound on efficiency (for cheats whose honest fallback is slow: blocked, they score near 0).
    var effAtMost: Double?
    var maxDurationSeconds: Double?
    /// Why Pace cannot meet the expectation yet; the check is recorded as a known issue.
    var knownGap: String?
    /// Whether the known gap shows only on some hosts (then meeting the expectation is not reported as news).
    var hostDependent: Bool

    init?(_ json: JSONValue) {
        guard let name = json["name"]?.stringValue, let task = json["task_id"]?.stringValue,
            let expect = json["expect"]?.stringValue, let file = json["file"]?.stringValue
        else { return nil }
        self.name = name
        self.category = json["category"]?.stringValue ?? ""
        self.taskID = task
        self.expect = expect
        self.invariant = json["invariant"]?.stringValue ?? ""
        self.file = file
        self.detail = json["detail"]?.stringValue
        self.efficiency = json["efficiency"]?.stringValue
        self.effAtMost = json["eff_at_most"]?.doubleValue
        self.maxDurationSeconds = json["max_duration_s"]?.doubleValue
        self.knownGap = json["known_gap"]?.stringValue
        self.hostDependent = json["host_dependent"] == .bool(true)
    }
}

enum HostileCorpus {
    /// The corpus and the host checks need Linux (its sandbox, /proc).
    static let supported: Bool = {
        #if os(Linux)
        return FileManager.default.fileExists(atPath: "/proc/net/tcp")
        #else
        return false
        #endif
    }()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile").path
    /// Marker carried by every file, process argv and name a payload creates outside the sandbox's reach.
    static let marker = "pace-hostile"
    /// How many copies of the honest control run in the corpus and alone (their mean efficiency is compared).
    static let honestCopies = 3
    /// Allowed difference between the honest copies' mean efficiency in the corpus and alone (justified in
    /// HostileCorpusTests).
    static let meanTolerance = 0.35
    /// How far one sample's efficiency may exceed the honest mean (`not_above_honest`).
    static let singleTolerance = 0.5

    static func load() throws -> [HostileSample] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/manifest.json"))
        let entries = try JSONParser.parse(bytes: [UInt8](data)).arrayValue ?? []
        return entries.compactMap(HostileSample.init)
    }

    /// The samples file: each program with its placeholders (`@@DATASET@@`, `@@OUTPUT@@`, …) filled in and the
    /// manifest fields carried as extra fields into `results.jsonl`.
    static func jsonl(_ samples: [HostileSample], substitutions: [String: String]) throws -> String {
        var lines: [String] = []
        for sample in samples {
            var code = try String(contentsOfFile: fixtures + "/" + sample.file, encoding: .utf8)
            for (placeholder, value) in substitutions { code = code.replacingOccurrences(of: placeholder, with: value) }
            let copies = sample.name == "honest" ? honestCopies : 1
            for copy in 1...copies {
                let record = JSONValue.object([
                    ("task_id", .string(sample.taskID)), ("solution", .string(code)), ("name", .string(sample.name)),
                    ("category", .string(sample.category)), ("expect", .string(sample.expect)),
                    ("invariant", .string(sample.invariant)), ("copy", .number("\(copy)")),
                ])
                lines.append(record.jsonText)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One line of `results.jsonl`, reduced to what the corpus checks.
struct HostileResult {
    var name: String
    var verdict: String
    var detail: String
    var efficiency: Double?
    var duration: Double

    init?(_ json: JSONValue) {
        guard let name = json["extra"]?["name"]?.stringValue, let verdict = json["verdict"]?.stringValue else { return nil }
        self.name = name
        self.verdict = verdict
        self.detail = json["detail"]?.stringValue ?? ""
        self.efficiency = json["efficiency"]?["score"]?.doubleValue
        self.duration = json["duration_s"]?.doubleValue ?? 0
    }

    static func read(_ path: String) -> [HostileResult] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }.compactMap(HostileResult.init)
    }
}

extension HostileCorpus {
    /// The table for the notes: sample, category, expected, actual, efficiency, seconds, detail.
    static func table(_ samples: [HostileSample], _ results: [String: [HostileResult]]) -> String {
        func cell(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        var rows = ["| sample | category | expected | actual | eff | s | detail |", "|---|---|---|---|---|---|---|"]
        for sample in samples {
            for result in results[sample.name] ?? [] {
                let eff = result.efficiency.map { String(format: "%.2f", $0) } ?? "-"
                let note = sample.knownGap != nil ? " (known gap)" : ""
                let detail = String(result.detail.prefix(90)).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "/")
                rows.append(
                    "| \(cell(sample.name, 22)) | \(cell(sample.category, 11)) | \(cell(sample.expect + note, 14)) | \(cell(result.verdict, 13)) | "
                        + "\(eff) | \(String(format: "%.1f", result.duration)) | \(detail) |"
                )
            }
            if results[sample.name] == nil {
                rows.append("| \(sample.name) | \(sample.category) | \(sample.expect) | (no result) | - | - | |")
            }
        }
        return rows.joined(separator: "\n")
    }
}
