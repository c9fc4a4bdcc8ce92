// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceGeneration
import Testing

@Suite("Code extraction")
struct CodeExtractionTests {
    @Test("turns a completion into a runnable program", arguments: ExtractionCase.all)
    func extracts(_ example: ExtractionCase) {
        let extraction = CodeExtractor.extract(
            example.completion,
            prompt: example.prompt,
            entryPoint: example.entryPoint,
            continuesPrompt: example.continuesPrompt
        )
        #expect(extraction.code == example.expected, "notes: \(extraction.notes)")
    }

    @Test("has at least 20 completion shapes")
    func tableIsBigEnough() {
        #expect(ExtractionCase.all.count >= 20)
        #expect(Set(ExtractionCase.all.map(\.name)).count == ExtractionCase.all.count)
    }

    @Test(
        "every extracted program compiles with Python",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/env"))
    )
    func programsCompile() throws {
        let programs = ExtractionCase.all.map {
            CodeExtractor.extract(
                $0.completion,
                prompt: $0.prompt,
                entryPoint: $0.entryPoint,
                continuesPrompt: $0.continuesPrompt
            ).code
        }
        let input = try JSONSerialization.data(withJSONObject: programs)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json, sys\nfor i, p in enumerate(json.load(sys.stdin)):\n    compile(p, f'case{i}', 'exec')\nprint('ok')",
        ]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == "ok\n")
    }
}
