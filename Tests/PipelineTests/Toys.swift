// Toy stage kinds for the pipeline tests: numbers, sums, a failing task and a slow,
// checkpointing, cancellable task. Each test builds its own registry and call counter.
import Foundation
import Testing
@testable import Pipeline
@testable import PipelineSlurm

/// Counts task function calls per task id (tests run in parallel, so each test has its own).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    func hit(_ id: TaskID) { lock.lock(); calls[id.description, default: 0] += 1; lock.unlock() }
    func count(_ id: String) -> Int { lock.lock(); defer { lock.unlock() }; return calls[id] ?? 0 }
    var total: Int { lock.lock(); defer { lock.unlock() }; return calls.values.reduce(0, +) }
    func reset() { lock.lock(); calls = [:]; lock.unlock() }
}

func readValue(_ a: InputArtifact) -> Double {
    Double(try! String(contentsOf: a.url("value.txt"), encoding: .utf8))!
}

func writeValue(_ x: Double, _ ctx: TaskContext) throws {
    try "\(x)".write(to: ctx.output("value.txt"), atomically: false, encoding: .utf8)
}

struct ToyFailure: Error, CustomStringConvertible { var description: String { "toy failure requested" } }

/// A registry of toy kinds. `numberVersion` lets tests bump an algorithm version.
func toyRegistry(_ counter: Counter, numberVersion: Int = 1, slowHook: (@Sendable (Int, TaskContext) -> Void)? = nil,
                 delay: Double = 0) -> StageRegistry {
    var r = StageRegistry()
    r.executorChecks = [ExecutorChoice.problems]  // the [executor] table is checked as the join checks it
    r.register(StageKind("number", version: numberVersion, fields: [
        FieldSpec("x", .double, default: .double(0), minimum: -1000, maximum: 1000),
        FieldSpec("temperature", .double, default: .double(1), minimum: 0, minimumExclusive: true),
        FieldSpec("mode", .string, default: .string("a"), allowed: [.string("a"), .string("b")]),
        FieldSpec("n", .int, default: .int(1), minimum: 1, maximum: 100),
        FieldSpec("values", .list(.double), default: .list([])),
        FieldSpec("fail", .bool, default: .bool(false)),
    ], checks: [{ p in
        p.string("mode") == "b" && p.int("n") % 2 != 0 ? [FieldIssue(field: "n", "mode b needs an even n")] : []
    }], exports: { c in [ExportItem(file: "value.txt", as: "numbers/\(c.taskID.index.map { "n\($0)" } ?? "single").txt")] }) { ctx in
        counter.hit(ctx.id)
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        if ctx.parameters.bool("fail") { throw ToyFailure() }
        try writeValue(ctx.parameters.double("x") + Double(ctx.id.index ?? 0), ctx)
        try "\(ctx.seed)".write(to: ctx.output("seed.txt"), atomically: false, encoding: .utf8)
    })
    r.register(StageKind("add", version: 1, inputs: [InputSpec("a"), InputSpec("b")]) { ctx in
        counter.hit(ctx.id)
        try writeValue(readValue(ctx.input("a")) + readValue(ctx.input("b")), ctx)
    })
    r.register(StageKind("sum", version: 1, fields: [FieldSpec("scale", .double, default: .double(1))],
                         inputs: [InputSpec("terms")]) { ctx in
        counter.hit(ctx.id)
        try writeValue(ctx.parameters.double("scale") * ctx.inputs["terms"]!.map(readValue).reduce(0, +), ctx)
    })
    // Counts `steps` steps, checkpointing the step reached in its scratch directory; the hook
    // sees every step (tests cancel from it). Output: the number of steps actually executed by
    // this call, and a seed-dependent deterministic result.
    r.register(StageKind("slow", version: 1, fields: [FieldSpec("steps", .int, default: .int(10), minimum: 1)],
                         threads: { _ in 2 }) { ctx in
        counter.hit(ctx.id)
        let checkpoint = ctx.scratchDirectory.appendingPathComponent("step")
        var step = (try? String(contentsOf: checkpoint, encoding: .utf8)).flatMap { Int($0) } ?? 0
        var acc = (try? String(contentsOf: ctx.scratchDirectory.appendingPathComponent("acc"), encoding: .utf8)).flatMap { UInt64($0) } ?? ctx.seed
        let steps = ctx.parameters.int("steps")
        while step < steps {
            try ctx.checkCancellation()
            acc = acc &* 6364136223846793005 &+ 1442695040888963407
            step += 1
            try "\(acc)".write(to: ctx.scratchDirectory.appendingPathComponent("acc"), atomically: true, encoding: .utf8)
            try "\(step)".write(to: checkpoint, atomically: true, encoding: .utf8)
            ctx.progress(Double(step), of: Double(steps), unit: "steps")
            slowHook?(step, ctx)
        }
        try "\(acc)".write(to: ctx.output("acc.txt"), atomically: false, encoding: .utf8)
    })
    return r
}

/// A fresh temporary directory.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func graph(_ toml: String, profile: String? = nil, registry: StageRegistry) throws -> TaskGraph {
    TaskGraph(manifest: try Manifest.parse(text: toml, file: "test.toml", profile: profile, registry: registry), registry: registry)
}

/// Options that keep test output quiet and collect log lines.
final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    func add(_ s: String) { lock.lock(); _lines.append(s); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return _lines }
}

func quietOptions(_ sink: LogSink = LogSink(), workers: Int = 2) -> ExecutionOptions {
    var o = ExecutionOptions()
    o.workers = workers
    o.progress = .none
    o.toolchain = "test"
    o.log = { sink.add($0) }
    return o
}

/// The chain a + b → c with fan-out: numbers[0..2] and their sum.
let chainManifest = """
[base]
seed = 7
x = 1.5

[stage.numbers]
kind = "number"
replicas = 3

[stage.single]
kind = "number"
x = 10

[stage.pair]
kind = "add"
inputs = { a = "numbers[1]", b = "single" }

[stage.total]
kind = "sum"
inputs = { terms = "numbers" }
"""

/// Swift Testing also declares `Expectation`; in this module the name means the pipeline's.
typealias Expectation = Pipeline.Expectation

/// The errors `Manifest.parse` reports for `toml` ("m.toml"); none when it loads.
func manifestErrors(_ toml: String, profile: String? = nil, registry: StageRegistry) -> [ManifestError] {
    do {
        _ = try Manifest.parse(text: toml, file: "m.toml", profile: profile, registry: registry)
        return []
    } catch let e as ManifestErrors {
        return e.errors
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}
