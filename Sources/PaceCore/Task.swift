// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

/// One benchmark problem: what the model is asked, how its answers are tested, and how fast an expert is.
public struct BenchmarkTask: Sendable, Hashable {
    /// The dataset's identifier, for example `HumanEval/0`.
    public var id: String
    /// Position in the dataset (0-based); ENAMEL sample files refer to problems by it.
    public var index: Int
    /// The text given to a model: signature and docstring.
    public var prompt: String
    /// Name of the function under test.
    public var entryPoint: String
    /// A correct solution as a complete program, when the dataset has one.
    public var canonicalSolution: String?
    /// HumanEval-style test code defining `check(candidate)`, run next to the sample.
    public var checkProgram: String?
    /// Explicit test inputs, in order; a sample passes a suite when it passes every input of it.
    public var suites: [TestSuite]
    /// Absolute tolerance for float outputs (HumanEval+ `atol`). The default is 0.
    public var atol: Double
    /// How answers are compared when plain equality is not right (for example `find_zero`).
    public var comparison: Comparison
    /// Generated, levelled inputs for efficiency scoring (ENAMEL and Pace's own format).
    public var efficiency: EfficiencySpec?

    public init(
        id: String,
        index: Int,
        prompt: String,
        entryPoint: String,
        canonicalSolution: String? = nil,
        checkProgram: String? = nil,
        suites: [TestSuite] = [],
        atol: Double = 0,
        comparison: Comparison = .equality,
        efficiency: EfficiencySpec? = nil
    ) {
        self.id = id
        self.index = index
        self.prompt = prompt
        self.entryPoint = entryPoint
        self.canonicalSolution = canonicalSolution
        self.checkProgram = checkProgram
        self.suites = suites
        self.atol = atol
        self.comparison = comparison
        self.efficiency = efficiency
    }
}

/// How a sample's output is judged against the expected answer.
public enum Comparison: Sendable, Hashable {
    /// Python equality, with EvalPlus's float tolerance rules.
    case equality
    /// HumanEval/32: the output must be a root of the polynomial given as the first argument.
    case polynomialRoot
    /// A Python checker function from the dataset: `function(input, expected, output) -> bool`.
    case checker(source: String, function: String)
}

/// A named list of inputs, each a JSON array of positional arguments (tagged JSON, see the worker).
public struct TestSuite: Sendable, Hashable {
    /// Name, for example `base` or `plus`.
    public var name: String
    /// The inputs as JSON text, numbers kept exact.
    public var inputs: [String]
    /// Expected outputs when the dataset gives them; otherwise they come from running the canonical solution.
    public var expected: [String]?

    public init(name: String, inputs: [String], expected: [String]? = nil) {
        self.name = name
        self.inputs = inputs
        self.expected = expected
    }
}

/// ENAMEL-style efficiency test: a generator, input levels and an expert reference.
public struct EfficiencySpec: Sendable, Hashable {
    /// Python source defining `generate_input(size, lid, cid)`.
    public var generator: String
    /// The size passed to the generator for each level.
    public var levels: [Int]
    /// The expert reference solution as a complete program.
    public var reference: String
    /// A slower correct solution, when the dataset has one (Pace's own format).
    public var slowReference: String?
    /// Per-level test counts and hardness weights specific to the task, overriding the run's defaults.
    public var testCounts: [Int]?
    public var hardness: [Double]?

    public init(
        generator: String,
        levels: [Int],
        reference: String,
        slowReference: String? = nil,
        testCounts: [Int]? = nil,
        hardness: [Double]? = nil
    ) {
        self.generator = generator
        self.levels = levels
        self.reference = reference
        self.slowReference = slowReference
        self.testCounts = testCounts
        self.hardness = hardness
    }
}

/// One piece of generated code to evaluate.
public struct Sample: Sendable, Hashable {
    /// The task it answers.
    public var taskID: String
    /// Its position among the samples for that task (0-based), stable across runs of the same file.
    public var index: Int
    /// The complete program.
    public var code: String
    /// Where it came from, `file:line` (or `file:[problem][i]` for ENAMEL files).
    public var origin: String
    /// Every other field of the sample record (model, generation metadata), carried into results.
    public var extra: [(String, JSONValue)]

    public init(taskID: String, index: Int, code: String, origin: String, extra: [(String, JSONValue)] = []) {
        self.taskID = taskID
        self.index = index
        self.code = code
        self.origin = origin
        self.extra = extra
    }

    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.taskID == rhs.taskID && lhs.index == rhs.index && lhs.code == rhs.code && lhs.origin == rhs.origin
            && JSONValue.object(lhs.extra) == JSONValue.object(rhs.extra)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(taskID)
        hasher.combine(index)
        hasher.combine(code)
    }

    /// The key results are stored under: `task_id#index`.
    public var key: String { "\(taskID)#\(index)" }
}
