// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceReport
import Testing

/// Headless Chromium, when installed (Debian: `apt-get install chromium`).
enum Chromium {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    /// Runs the browser with `arguments`; returns its standard output and standard error.
    static func run(_ arguments: [String], scratch: String) throws -> (output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
            "--user-data-dir=\(scratch)/profile", "--enable-logging=stderr", "--v=0",
        ]
        process.arguments = common + arguments
        let outputPath = scratch + "/stdout-\(UUID().uuidString.prefix(6))"
        let errorPath = outputPath + ".err"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (
            try String(contentsOfFile: outputPath, encoding: .utf8),
            try String(contentsOfFile: errorPath, encoding: .utf8)
        )
    }
}

/// The HTML report opened in a real browser.
///
/// The page must load without console errors, and the summary table and every chart must be there with content.
/// The screenshot is kept at `.build/artifacts/report.png`.
@Suite("HTML report in a headless browser", .serialized, .enabled(if: Chromium.path != nil))
struct BrowserTests {
    /// `.build/artifacts` in the package root.
    static let artifacts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/artifacts").path

    static func page() throws -> String {
        let bootstrap = Bootstrap(resamples: 1000, seed: 1)
        let analyses = [
            SyntheticRun(model: "model-a", slowdown: 1.1, seed: 21).reportRun(),
            SyntheticRun(model: "model-b", slowdown: 1.7, failRate: 0.3, seed: 22).reportRun(),
        ].map { RunAnalysis(run: $0, bootstrap: bootstrap) }
        let html = HTMLReport(analyses: analyses, worstTaskCount: 4).render()
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        try Data(html.utf8).write(to: URL(fileURLWithPath: artifacts + "/report.html"))
        return artifacts + "/report.html"
    }

    /// The markup of the element with `id` up to its closing tag `tag`.
    private func element(_ id: String, tag: String, in dom: String) throws -> String {
        let start = try #require(dom.range(of: "id=\"\(id)\""), "no element #\(id)")
        let end = try #require(
            dom.range(of: "</\(tag)>", range: start.upperBound..<dom.endIndex),
            "#\(id) is not closed"
        )
        return String(dom[start.lowerBound..<end.upperBound])
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the page loads without console errors and shows the table and every chart")
    func loads() throws {
        let page = try Self.page()
        let scratch = SyntheticRun.scratchDirectory()
        let (dom, errors) = try Chromium.run(["--dump-dom", "file://\(page)"], scratch: scratch)
        let console = errors.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console.joined(separator: "\n"))")

        let table = try element("summary-table", tag: "table", in: dom)
        #expect(count("<tr>", in: table) >= 8)
        #expect(table.contains("eff@1") && table.contains("pass@10") && table.contains("cost of pass"))

        let curves = try element("chart-curves", tag: "svg", in: dom)
        #expect(count("<polyline", in: curves) == 4)
        #expect(count("class=\"band", in: curves) == 4)
        for run in 0..<2 {
            let distribution = try element("chart-distribution-\(run)", tag: "svg", in: dom)
            #expect(count("class=\"box\"", in: distribution) == 40)
            let timing = try element("chart-timing-\(run)", tag: "svg", in: dom)
            #expect(count("<circle class=\"timed\"", in: timing) > 100)
            #expect(timing.contains("class=\"failed\"") && timing.contains("class=\"censored\""))
        }
        #expect(count("<article class=\"worst-task\">", in: dom) == 8)
        #expect(count("<pre><code>", in: dom) == 16)
        #expect(dom.contains("model-a") && dom.contains("Run metadata"))
    }

    @Test("a screenshot renders: .build/artifacts/report.png")
    func screenshot() throws {
        let page = try Self.page()
        let png = Self.artifacts + "/report.png"
        try? FileManager.default.removeItem(atPath: png)
        let scratch = SyntheticRun.scratchDirectory()
        _ = try Chromium.run(["--window-size=1280,4600", "--screenshot=\(png)", "file://\(page)"], scratch: scratch)
        let data = try #require(FileManager.default.contents(atPath: png), "no screenshot at \(png)")
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // A blank page compresses to a few kilobytes; charts, tables and code do not.
        #expect(data.count > 100_000, "screenshot is only \(data.count) bytes")
    }
}
