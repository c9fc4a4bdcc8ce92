// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceDatasets
import PaceRunners
import PaceSandbox

/// The version of Pace written into every summary.
public let paceVersion = "0.1.0"

/// Builds `summary.json`.
enum SummaryWriter {
    static func json(
        scoreboard: Scoreboard,
        dataset: Dataset,
        samplesPath: String,
        configuration: EvaluationConfiguration,
        complete: Bool,
        started: Date,
        results: [SampleResult] = []
    ) -> JSONValue {
        func number(_ value: Double) -> JSONValue { .number(format((value * 1e6).rounded() / 1e6)) }
        let metrics = JSONValue.object(scoreboard.metrics.map { ($0.0, number($0.1)) })
        let bySuite = JSONValue.object(scoreboard.bySuite.map { name, values in
            (name, .object(values.map { ($0.0, number($0.1)) }))
        })
        let support = IsolationSupport.current
        return .object([
            ("metrics", metrics),
            ("metrics_by_suite", bySuite),
            ("complete", .bool(complete)),
            ("counts", .object(
                [("tasks", .number("\(scoreboard.taskCount)")), ("samples", .number("\(scoreboard.sampleCount)"))]
                    + scoreboard.outcomes.map { ($0.0.rawValue, .number("\($0.1)")) }
            )),
            ("dataset", .object([
                ("name", .string(dataset.name)),
                ("path", .string(dataset.path)),
                ("format", .string(dataset.format.rawValue)),
                ("sha256", .string(dataset.sha256)),
            ])),
            ("samples", .object([("path", .string(samplesPath))])),
            ("config", configuration.json),
            ("pace_version", .string(paceVersion)),
            ("host", .object([
                ("hostname", .string(ProcessInfo.processInfo.hostName)),
                ("os", .string(ProcessInfo.processInfo.operatingSystemVersionString)),
                ("cpus", .number("\(ProcessInfo.processInfo.activeProcessorCount)")),
                ("python", .string(configuration.python.version)),
            ])),
            ("isolation", .object([
                ("network_namespace", .bool(support.networkNamespace && configuration.sandbox.isolateNetwork)),
                ("pid_namespace", .bool(support.pidNamespace && configuration.sandbox.isolatePIDs)),
                ("process_cgroup", .bool(support.processCgroup)),
                ("private_filesystem", .bool(support.privateFilesystem && configuration.sandbox.privateFilesystem)),
                ("private_proc", .bool(support.privateProc && configuration.sandbox.remountProc)),
                ("unsafe_missing", .array(configuration.missingEssentials.map(JSONValue.string))),
            ])),
            ("started_at", .string(ISO8601DateFormatter().string(from: started))),
            ("duration_s", number(Date().timeIntervalSince(started))),
        ] + (CostAccounting.hasGenerationFields(results) ? [("generation", CostAccounting.summary(results))] : []))
    }
}
