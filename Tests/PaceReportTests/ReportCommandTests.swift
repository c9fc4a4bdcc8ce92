// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import Foundation
import PaceCLI
import PaceCore
import PaceStore
import Testing

/// The report commands end to end: `pace compare`, `pace report`, `pace runs` on output directories and a database.
@Suite("pace compare, report and runs", .serialized)
struct ReportCommandTests {
    private func run(_ arguments: [String]) throws {
        var command = try PaceCommand.parseAsRoot(arguments)
        try command.run()
    }

    private func directories() throws -> (a: String, b: String, scratch: String) {
        let scratch = SyntheticRun.scratchDirectory()
        try SyntheticRun.write(SyntheticRun(model: "fast", slowdown: 1.0, seed: 5).run(), to: scratch + "/a")
        try SyntheticRun.write(SyntheticRun(model: "slow", slowdown: 1.8, seed: 5).run(), to: scratch + "/b")
        return (scratch + "/a", scratch + "/b", scratch)
    }

    @Test("compare --fail-if-worse exits with the regression code when B is worse, and succeeds otherwise")
    func failIfWorse() throws {
        let (a, b, _) = try directories()
        do {
            try run(["compare", a, b, "--fail-if-worse", "--resamples", "300", "--permutations", "500"])
            Issue.record("expected exit code 5")
        } catch let error as ExitCode {
            #expect(error.rawValue == PaceExitCode.regression.rawValue)
            #expect(PaceExitCode.regression.rawValue == 5)
        }
        try run(["compare", b, a, "--fail-if-worse", "--resamples", "300", "--permutations", "500"])
        try run(["compare", a, b, "--resamples", "300", "--markdown"])
    }

    @Test("report writes HTML and CSV for a directory; a missing run is bad input")
    func report() throws {
        let (a, b, scratch) = try directories()
        try run(["report", a, b, "--html", scratch + "/r.html", "--csv", scratch + "/r.csv", "--resamples", "200"])
        let html = try String(contentsOfFile: scratch + "/r.html", encoding: .utf8)
        #expect(html.contains("id=\"chart-timing-1\""))
        let csv = try String(contentsOfFile: scratch + "/r.csv", encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").count == 801 + 1)
        try run(["report", a, "--resamples", "200"])
        #expect(FileManager.default.fileExists(atPath: a + "/report.html"))
        do {
            try run(["report", scratch + "/missing"])
            Issue.record("expected an error")
        } catch let error as ExitCode {
            #expect(error.rawValue == PaceExitCode.badInput.rawValue)
        }
    }

    @Test("runs import records a directory; report and compare then take run ids")
    func database() throws {
        let (a, b, scratch) = try directories()
        let db = scratch + "/runs.sqlite"
        try run(["runs", "import", a, b, "--db", db])
        try run(["runs", "import", a, "--db", db])
        let runs = try RunStore(path: db).runs()
        #expect(runs.map(\.model) == ["slow", "fast"])
        #expect(runs.map(\.id) == [2, 1])
        try run(["runs", "--db", db])
        try run(["report", "1", "2", "--db", db, "--html", scratch + "/ids.html", "--resamples", "200"])
        #expect(FileManager.default.fileExists(atPath: scratch + "/ids.html"))
        do {
            try run(["compare", "1", "2", "--db", db, "--fail-if-worse", "--resamples", "300"])
            Issue.record("expected exit code 5")
        } catch let error as ExitCode {
            #expect(error.rawValue == 5)
        }
    }
}
