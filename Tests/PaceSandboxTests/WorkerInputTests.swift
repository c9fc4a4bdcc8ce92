// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import Foundation
import PaceCore
import PaceRunners
import PaceSandbox
import Testing

@Suite("Worker inputs: tags decoded, every call on its own deep copy", .serialized)
struct WorkerInputTests {
    static let expected = "[[3, 1, 2], [[1, 2], [3]], {'k': [5], 'j': (1, 2)}, {4, 5}, (1, ['a']), 'text', 4722366482869645213696, frozenset({1})]"

    /// Returns what it was given (as the worker encodes it), then wrecks every mutable part of it.
    static let wrecker = """
        EXPECTED = "\(expected)"
        def f(flat, nested, table, numbers, pair, text, big, frozen):
            seen = [flat, nested, table, numbers, pair, text, big, frozen]
            snapshot = repr(seen)
            if snapshot != EXPECTED:
                raise RuntimeError("a mutation leaked: " + snapshot)
            flat.append(-1); flat.reverse()
            nested[0].append(99); nested.append([])
            table["k"].append(7); table["new"] = [1]
            numbers.add(42)
            pair[1].append("x")
            return snapshot
        """

    @Test("a held input reaches every call unchanged, whatever the call before did to it (flat, nested, dict, set, tuple)")
    func copiesAreDeep() throws {
        let worker = try PythonWorker(python: try PythonInterpreter.locate(), configuration: SandboxConfiguration())
        defer { worker.close() }
        let load = worker.request(
            .object([("op", .string("load")), ("code", .string(Self.wrecker)), ("entry_point", .string("f"))]),
            timeout: 10
        )
        guard case .message(let loaded) = load, loaded["ok"] == .bool(true) else {
            Issue.record("load failed: \(load)")
            return
        }
        let input = #"""
            [[3,1,2],[[1,2],[3]],{"k":[5],"j":{"$tuple":[1,2]}},{"$set":[4,5]},{"$tuple":[1,["a"]]},"text",{"$int":"0x1000000000000000000"},{"$frozenset":[1]}]
            """#
        var outputs: [String] = []
        for call in 0..<3 {
            var request = #"{"op":"call","name":"sample","key":"K","reps":2,"fresh":true,"want_output":true"#
            if call == 0 { request += #","args":"# + input }
            request += "}"
            #expect(worker.process.send(request, deadline: monotonicNanoseconds() + 10_000_000_000))
            guard case .message(let message) = worker.next(deadline: monotonicNanoseconds() + 10_000_000_000),
                message["ok"] == .bool(true), let out = message["out"]?.stringValue
            else {
                Issue.record("call \(call) failed")
                return
            }
            outputs.append(out)
        }
        #expect(outputs == Array(repeating: Self.expected, count: 3))
    }
}

@Suite("Input generation")
struct WorkerGenerationTests {
    static let generator = """
        def generate_input(size, lid, cid):
            xs = [random.randint(-size, size) for _ in range(size)] + [random.randint(0, 1 << 62), random.randint(7, 7)]
            random.shuffle(xs)
            word = ''.join(random.choice('abcdefghij') for _ in range(size)) + random.choice(['x', 'y', 'z'])
            return xs, word, random.random(), random.randint(1.0, 9)
        """

    /// The same calls with the interpreter's own `random`, outside any worker: what the generator must make. Reads
    /// the worker's inputs (pickles as base64 text, one per line) and says whether each is that value.
    static let plain = """
        import base64, pickle, random, sys
        \(generator)
        made = sys.stdin.read().split()
        for (seed, size), blob in zip([(1, 40), (2, 300), (99, 5)], made):
            random.seed(seed)
            mine = tuple(generate_input(size=size, lid=0, cid=0))
            theirs = pickle.loads(base64.b64decode(blob))
            print("same" if type(theirs) is tuple and theirs == mine else f"differs: {theirs!r} != {mine!r}")
        """

    @Test("the generator worker's leaner random draws make exactly the inputs the interpreter's own random makes")
    func leanDrawsMakeTheSameInputs() throws {
        let python = try PythonInterpreter.locate()
        let worker = try PythonWorker(python: python, configuration: SandboxConfiguration())
        defer { worker.close() }
        let items: [JSONValue] = [(1, 40), (2, 300), (99, 5)].map { .array([.number("\($0.0)"), .number("\($0.1)"), .number("0"), .number("0")]) }
        #expect(worker.send(.object([("op", .string("generate")), ("code", .string(Self.generator)), ("items", .array(items))]), timeout: 30))
        let deadline = monotonicNanoseconds() + 30_000_000_000
        var made: [String] = []
        for index in items.indices {
            guard case .message(let header) = worker.next(deadline: deadline), header["i"]?.intValue == index,
                case .success(let bytes) = worker.nextRaw(deadline: deadline)
            else {
                Issue.record("no input \(index) from the generator")
                return
            }
            made.append(String(decoding: bytes, as: UTF8.self))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.executable)
        process.arguments = ["-c", Self.plain]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONHASHSEED"] = "0"
        process.environment = environment
        let pipe = Pipe()
        let input = Pipe()
        process.standardOutput = pipe
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(made.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.split(separator: "\n").map(String.init) == ["same", "same", "same"])
    }
}
