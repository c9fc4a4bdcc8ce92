// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

// MARK: - Writing

extension Verdict {
    /// The verdict as a JSON object.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("verdict", .string(outcome.rawValue)), ("tests_run", .number("\(testsRun)"))]
        if let detail { members.append(("detail", .string(detail))) }
        if let input { members.append(("failing_input", .string(input))) }
        return .object(members)
    }

    /// Reads a verdict written by ``json``.
    public init?(json: JSONValue) {
        guard let name = json["verdict"]?.stringValue, let outcome = Outcome(rawValue: name) else { return nil }
        self.init(
            outcome,
            detail: json["detail"]?.stringValue,
            input: json["failing_input"]?.stringValue,
            testsRun: json["tests_run"]?.intValue ?? 0
        )
    }
}

func number(_ value: Double) -> JSONValue {
    if value.isNaN { return .null }
    if value.isInfinite { return .null }
    var text = "\(value)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return .number(text)
}

func optionalNumber(_ value: Double?) -> JSONValue { value.map(number) ?? .null }

extension EfficiencyResult {
    public var json: JSONValue {
        .object([
            ("score", number(score)),
            ("timeout_s", number(timeoutSeconds)),
            ("drift", optionalNumber(drift)),
            ("censored_level", censoredLevel.map { .number("\($0)") } ?? .null),
            ("censor_reason", censorReason.map { .string($0) } ?? .null),
            ("levels", .array(levels.map { level in
                .object([
                    ("level", .number("\(level.level)")),
                    ("efficiency", number(level.efficiency)),
                    ("sample_s", optionalNumber(level.sampleSeconds)),
                    ("reference_s", optionalNumber(level.referenceSeconds)),
                    ("calibrated_reference_s", optionalNumber(level.calibratedReferenceSeconds)),
                ])
            })),
        ])
    }

    public init?(json: JSONValue) {
        guard let score = json["score"]?.doubleValue, let levels = json["levels"]?.arrayValue else { return nil }
        self.init(
            score: score,
            levels: levels.compactMap { item in
                guard let level = item["level"]?.intValue, let efficiency = item["efficiency"]?.doubleValue else { return nil }
                return LevelEfficiency(
                    level: level,
                    efficiency: efficiency,
                    sampleSeconds: item["sample_s"]?.doubleValue,
                    referenceSeconds: item["reference_s"]?.doubleValue,
                    calibratedReferenceSeconds: item["calibrated_reference_s"]?.doubleValue
                )
            },
            censoredLevel: json["censored_level"]?.intValue,
            censorReason: json["censor_reason"]?.stringValue,
            timeoutSeconds: json["timeout_s"]?.doubleValue ?? 0
        )
        drift = json["drift"]?.doubleValue
    }
}

extension SampleResult {
    /// The result as the JSON object written to `results.jsonl`.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("task_id", .string(taskID)),
            ("sample_index", .number("\(sampleIndex)")),
            ("origin", .string(origin)),
            ("passed", .bool(verdict.passed)),
        ]
        members += verdict.json.objectValue ?? []
        members.append(("suites", .object(suites.map { ($0.suite, $0.verdict.json) })))
        if let efficiency { members.append(("efficiency", efficiency.json)) }
        members.append(("duration_s", number((durationSeconds * 1e6).rounded() / 1e6)))
        if !extra.isEmpty { members.append(("extra", .object(extra))) }
        return .object(members)
    }

    /// Reads a result line written by ``json``; nil when required fields are missing.
    public init?(json: JSONValue) {
        guard let taskID = json["task_id"]?.stringValue, let index = json["sample_index"]?.intValue,
            let verdict = Verdict(json: json)
        else { return nil }
        let suites = (json["suites"]?.objectValue ?? []).compactMap { name, value in
            Verdict(json: value).map { SuiteVerdict(suite: name, verdict: $0) }
        }
        self.init(
            taskID: taskID,
            sampleIndex: index,
            origin: json["origin"]?.stringValue ?? "",
            verdict: verdict,
            suites: suites,
            efficiency: json["efficiency"].flatMap(EfficiencyResult.init(json:)),
            durationSeconds: json["duration_s"]?.doubleValue ?? 0,
            extra: json["extra"]?.objectValue ?? []
        )
    }
}
