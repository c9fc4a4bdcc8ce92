// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging
import PaceEvaluation
import PaceRunners
import PaceSandbox

/// Writes to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Progress on stderr: a bar with rate and ETA on a terminal, a plain line every few seconds otherwise.
final class StderrProgress: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private let interactive = isatty(2) == 1
    private let quiet: Bool
    private var start = Date()
    private var lastPrint = Date.distantPast
    private var startDone: Int?
    private var barShown = false

    init(quiet: Bool) { self.quiet = quiet }

    func note(_ message: String) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        if barShown { FileHandle.standardError.write(Data("\n".utf8)); barShown = false }
        printError("pace: \(message)")
    }

    func progress(done: Int, total: Int, passed: Int) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        if startDone == nil {
            startDone = done
            start = Date()
        }
        let now = Date()
        let finished = done == total
        guard finished || now.timeIntervalSince(lastPrint) >= (interactive ? 0.2 : 5) else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done - (startDone ?? 0)) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let percent = total > 0 ? Double(done) / Double(total) : 1
        let stats = "\(done)/\(total) \(String(format: "%5.1f", percent * 100))% \(String(format: "%.1f", rate))/s ETA \(clock(eta)) passed \(passed)"
        if interactive {
            let width = 24
            let filled = Int(percent * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) \(stats)\u{1B}[K".utf8))
            barShown = true
            if finished {
                FileHandle.standardError.write(Data("\n".utf8))
                barShown = false
            }
        } else {
            printError("pace: \(stats)")
        }
    }

    private func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}

/// Kills every sandbox on Ctrl-C (SIGINT) or SIGTERM so the run stops within a moment and keeps what it has.
final class InterruptHandler: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var fired = false

    func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.lock()
                self?.fired = true
                self?.lock.unlock()
                printError("\npace: interrupted; stopping workers (results so far are kept, re-run to resume)")
                SandboxRegistry.shared.killAll()
            }
            source.resume()
            sources.append(source)
        }
    }

    var wasInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return fired
    }
}

/// The logger for a command: bootstraps swift-log once, to stderr, at debug level with `--verbose`.
func makeLogger(verbose: Bool) -> Logger {
    LoggingBootstrap.once
    var logger = Logger(label: "pace")
    logger.logLevel = verbose ? .debug : .warning
    return logger
}

private enum LoggingBootstrap {
    static let once: Void = LoggingSystem.bootstrap(StreamLogHandler.standardError)
}
