// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceStore
import Testing

@Suite("Output directories read back as runs")
struct RunDirectoryTests {
    private func write(_ results: [SampleResult], to directory: String, partialLine: Bool = false) throws {
        let summary = StoreFixtures.summary(tasks: 2, samples: results.count)
        try Data((summary.jsonText + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/summary.json"))
        try Data(#"{"dataset_sha256":"abc123"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/run.json"))
        var lines = results.map { $0.json.jsonText + "\n" }.joined()
        if partialLine { lines += #"{"task_id":"T/9","sam"# }
        try Data(lines.utf8).write(to: URL(fileURLWithPath: directory + "/results.jsonl"))
    }

    @Test("a directory's summary and results become a run keyed by its path; a cut-short last line is skipped")
    func load() throws {
        let directory = StoreFixtures.scratchDirectory()
        try write(StoreFixtures.results(), to: directory, partialLine: true)
        let run = try RunDirectory.load(directory)
        #expect(StoreFixtures.lines(run.results) == StoreFixtures.lines(StoreFixtures.results()))
        #expect(run.info.outputDirectory == directory)
        #expect(run.info.model == "fixture")
        #expect(run.info.key.count == 64)
        #expect(try RunDirectory.load(directory).info.key == run.info.key)
    }

    @Test("a directory without summary.json names what is missing")
    func notAnOutputDirectory() {
        let directory = StoreFixtures.scratchDirectory()
        do {
            _ = try RunDirectory.load(directory)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .badDirectory)
            #expect(error.message.contains("summary.json"))
        }
    }

    @Test("the model is the most common 'model' field, else the samples file's name")
    func modelName() {
        let results = StoreFixtures.results()
        #expect(RunInfo.modelName(results: results, samplesPath: "/x/y.jsonl") == "fixture")
        #expect(RunInfo.modelName(results: [], samplesPath: "/x/gpt-test.samples.jsonl") == "gpt-test")
    }
}
