// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Pace",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pace", targets: ["pace"]),
        .library(name: "PaceCore", targets: ["PaceCore"]),
        .library(name: "PaceEvaluation", targets: ["PaceEvaluation"]),
        .library(name: "PaceStore", targets: ["PaceStore"]),
        .library(name: "PaceReport", targets: ["PaceReport"]),
        .library(name: "PaceGeneration", targets: ["PaceGeneration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C shims: spawning a sandboxed child (fork, setsid, namespaces, rlimits) and gzip via zlib.
        .target(
            name: "CPaceSys",
            linkerSettings: [.linkedLibrary("z")]
        ),
        // Pure model and metrics: tasks, samples, verdicts, pass@k, eff@k, Hodges–Lehmann. No I/O.
        .target(
            name: "PaceCore",
            swiftSettings: swiftSettings
        ),
        // Readers for HumanEval, HumanEval+, ENAMEL, Pace's own task format, and sample files.
        .target(
            name: "PaceDatasets",
            dependencies: [
                "PaceCore",
                "CPaceSys",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("Resources/pace-bench")],
            swiftSettings: swiftSettings
        ),
        // Launching untrusted programs: process group, namespaces, rlimits, hard wall-clock kill, capped capture.
        .target(
            name: "PaceSandbox",
            dependencies: ["PaceCore", "CPaceSys", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Language runners on top of the sandbox: the Python worker and judge and their JSON-lines protocol.
        .target(
            name: "PaceRunners",
            dependencies: ["PaceCore", "PaceSandbox"],
            resources: [.copy("Resources/python")],
            swiftSettings: swiftSettings
        ),
        // The orchestrator: plans jobs, computes expected outputs, times references, schedules, scores, resumes.
        .target(
            name: "PaceEvaluation",
            dependencies: [
                "PaceCore", "PaceDatasets", "PaceSandbox", "PaceRunners",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Where runs live: the SQLite results database (GRDB, migrated schema) and output directories read back.
        .target(
            name: "PaceStore",
            dependencies: ["PaceCore", "PaceDatasets", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Reports: self-contained HTML with inline SVG charts, Markdown, CSV, and paired run comparison.
        .target(
            name: "PaceReport",
            dependencies: ["PaceCore", "PaceDatasets", "PaceStore"],
            swiftSettings: swiftSettings
        ),
        // OpenAI-compatible generation: client with retries and streaming, response cache, code extraction, usage.
        .target(
            name: "PaceGeneration",
            dependencies: [
                "PaceCore",
                "PaceDatasets",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Command-line commands (evaluate, generate, run, report, compare, demo, doctor, ...) as a testable library.
        .target(
            name: "PaceCLI",
            dependencies: [
                "PaceCore", "PaceDatasets", "PaceSandbox", "PaceRunners", "PaceEvaluation", "PaceStore", "PaceReport",
                "PaceGeneration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `pace` executable: a thin entry point over PaceCLI.
        .executableTarget(
            name: "pace",
            dependencies: ["PaceCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PaceCoreTests", dependencies: ["PaceCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PaceDatasetsTests",
            dependencies: ["PaceCore", "PaceDatasets"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaceSandboxTests",
            dependencies: ["PaceCore", "PaceSandbox", "PaceRunners"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaceGenerationTests",
            dependencies: [
                "PaceCore", "PaceDatasets", "PaceRunners", "PaceGeneration", "PaceEvaluation", "PaceCLI",
                // The fake OpenAI-compatible server speaks HTTP/1.1 through SwiftNIO, which the client needs anyway.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaceEndToEndTests",
            dependencies: ["PaceCore", "PaceDatasets"],
            // The hostile corpus is read from the checkout by #filePath (HostileCorpus.swift), not bundled.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaceStoreTests",
            dependencies: ["PaceCore", "PaceStore", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PaceReportTests",
            dependencies: ["PaceCore", "PaceStore", "PaceReport", "PaceCLI"],
            swiftSettings: swiftSettings
        ),
    ]
)
