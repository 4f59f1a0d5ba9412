import Foundation
import Testing
@testable import Pipeline

/// `foreach` with `replicas`: tasks element by element, inputs matched by element, `[*,j]`,
/// `seed_from`, and fields kept out of the cache key at their default (issue 26 §2).
@Suite struct TwoLevelFanOutTests {
    /// A kind with a temperature and two optional inputs; writes its seed and replica index.
    static let registry: StageRegistry = {
        var r = StageRegistry()
        r.register(StageKind("point", version: 1, fields: [
            FieldSpec("temperature", .double, default: .double(1), minimum: 0, minimumExclusive: true),
            FieldSpec("late", .bool, default: .bool(false)).omittingDefaultFromKey(),
        ], inputs: [InputSpec("a", required: false), InputSpec("b", required: false)]) { ctx in
            try "\(ctx.seed) \(ctx.replica ?? -1)".write(to: ctx.output("out.txt"), atomically: false, encoding: .utf8)
        })
        return r
    }()

    static let series = """
    [base]
    seed = 7
    per_point = [2, 1, 3]
    [stage.prep]
    kind = "point"
    foreach = "temperature"
    replicas = "per_point"
    seed_from = "series"
    temperature = [0.6, 0.5, 0.45]
    [stage.relax]
    kind = "point"
    foreach = "temperature"
    seed_from = "series"
    temperature = [0.6, 0.5, 0.45]
    inputs = { a = "prep[*,0]" }
    [stage.prop]
    kind = "point"
    foreach = "temperature"
    replicas = "per_point"
    seed_from = "series"
    temperature = [0.6, 0.5, 0.45]
    inputs = { a = "prep", b = "relax" }
    [stage.series]
    kind = "point"
    foreach = "temperature"
    temperature = [0.6, 0.5, 0.45]
    inputs = { a = "prep", b = "prop" }
    [stage.gather]
    kind = "point"
    inputs = { a = "series[*]", b = "prep[*,0]" }
    """

    func errors(_ toml: String) -> [ManifestError] {
        do { _ = try Manifest.parse(text: toml, file: "m.toml", profile: nil, registry: Self.registry); return [] } catch let e as ManifestErrors {
            return e.errors
        } catch { return [] }
    }

    func ids(_ g: TaskGraph, _ stage: String, _ indices: [Int]) -> [TaskID] { indices.map { TaskID(stage: stage, index: $0) } }

    @Test func tasksComeElementByElementWithTheirReplicaIndex() throws {
        let g = try graph(Self.series, registry: Self.registry)
        let prep = g.tasks(ofStage: "prep")
        #expect(prep.count == 6)
        #expect(prep.map { $0.parameters.double("temperature") } == [0.6, 0.6, 0.5, 0.45, 0.45, 0.45])
        #expect(prep.map(\.replica) == [0, 1, 0, 0, 1, 2])
        #expect(g.tasks(ofStage: "relax").map(\.replica) == [0, 1, 2])
        #expect(g.task(TaskID(stage: "gather"))?.replica == nil)
    }

    @Test func inputsMatchByElement() throws {
        let g = try graph(Self.series, registry: Self.registry)
        func inputs(_ id: String, _ name: String) -> [TaskID]? { g.task(TaskID(id)!)?.inputs[name] }
        // [*,0]: configuration 0 of the task's own temperature.
        #expect(inputs("relax[1]", "a") == ids(g, "prep", [2]))
        #expect(inputs("relax[2]", "a") == ids(g, "prep", [3]))
        // Both with replicas: the same replica of the same element; the per-element upstream: its one task.
        #expect(inputs("prop[4]", "a") == ids(g, "prep", [4]))
        #expect(inputs("prop[4]", "b") == ids(g, "relax", [2]))
        #expect(inputs("prop[1]", "b") == ids(g, "relax", [0]))
        // One task per element gathers the element's replicas.
        #expect(inputs("series[2]", "a") == ids(g, "prep", [3, 4, 5]))
        #expect(inputs("series[0]", "b") == ids(g, "prop", [0, 1]))
        // A single task: [*] is every task, [*,j] replica j of every element that has one.
        #expect(inputs("gather", "a") == ids(g, "series", [0, 1, 2]))
        #expect(inputs("gather", "b") == ids(g, "prep", [0, 2, 3]))
    }

    @Test func seedFromGivesEveryTaskOfAnElementTheSeedOfThatElement() throws {
        let g = try graph(Self.series, registry: Self.registry)
        for stage in ["prep", "relax", "prop"] {
            for t in g.tasks(ofStage: stage) {
                let e = [0.6: 0, 0.5: 1, 0.45: 2][t.parameters.double("temperature")]!
                #expect(t.seed == TaskGraph.seed(global: 7, task: TaskID(stage: "series", index: e)), "\(t.id)")
            }
        }
        // Replicas sharing a seed are still distinct tasks: the replica index is part of the key.
        #expect(Set(g.tasks(ofStage: "prep").map(\.key)).count == 6)
        // The stage named by seed_from has those seeds itself; without seed_from a task has its own.
        #expect(g.tasks(ofStage: "series").map(\.seed) == (0..<3).map { TaskGraph.seed(global: 7, task: TaskID(stage: "series", index: $0)) })
        #expect(g.task(TaskID(stage: "gather"))?.seed == TaskGraph.seed(global: 7, task: TaskID(stage: "gather")))
    }

    @Test func aRunGivesEachTaskItsReplicaIndex() throws {
        let g = try graph(Self.series, registry: Self.registry)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("two-level-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        var options = ExecutionOptions()
        options.progress = .none
        options.log = { _ in }
        #expect(LocalExecutor().run(graph: g, store: store, options: options).succeeded)
        let t = try #require(g.task(TaskID("prop[5]")!))
        let out = try String(contentsOf: store.filesDirectory(t.key).appendingPathComponent("out.txt"), encoding: .utf8)
        #expect(out == "\(TaskGraph.seed(global: 7, task: TaskID(stage: "series", index: 2))) 2")
        #expect(Status.evaluate(graph: g, store: store).filter { $0.id.stage == "prop" }.map(\.state) == Array(repeating: .done, count: 6))
    }

    @Test func aFieldAtItsDefaultStaysOutOfTheKey() throws {
        let plain = try graph("[stage.a]\nkind = \"point\"\n", registry: Self.registry).tasks[0]
        let set = try graph("[stage.a]\nkind = \"point\"\nlate = false\n", registry: Self.registry).tasks[0]
        let other = try graph("[stage.a]\nkind = \"point\"\nlate = true\n", registry: Self.registry).tasks[0]
        #expect(plain.parameters["late"] == .bool(false))
        #expect(plain.key == set.key)
        #expect(plain.key == CacheKey.compute(kind: "point", version: 1, parameters: Parameters(["temperature": .double(1)]), inputs: [:], seed: plain.seed))
        #expect(other.key != plain.key)
    }

    @Test func badTwoLevelDefinitionsAreLoadErrors() {
        // One count per element.
        let counts = errors(Self.series.replacingOccurrences(of: "per_point = [2, 1, 3]", with: "per_point = [2, 1]"))
        #expect(counts.contains { $0.field == "base.per_point" && $0.message.contains("one count of replicas per element of temperature expected: 3") })
        #expect(errors(Self.series.replacingOccurrences(of: "per_point = [2, 1, 3]", with: "per_point = [2, 0, 3]"))
            .contains { $0.field == "base.per_point" && $0.message.contains("0 out of range") })
        // A replica some element lacks.
        let replica = errors(Self.series.replacingOccurrences(of: "b = \"prep[*,0]\"", with: "b = \"prep[*,1]\""))
        #expect(replica.map(\.field) == ["stage.gather.inputs.b"])
        #expect(replica.first?.message.contains("replica 1 out of range") == true)
        #expect(errors(Self.series.replacingOccurrences(of: "\"prep[*,0]\"", with: "\"series[*,0]\""))
            .contains { $0.field == "stage.relax.inputs.a" && $0.message.contains("no replicas per foreach element") })
        // Elements matched by position must be the same temperatures.
        let shifted = Self.series.replacingOccurrences(of: "temperature = [0.6, 0.5, 0.45]\ninputs = { a = \"prep[*,0]\" }",
                                                       with: "temperature = [0.6, 0.5, 0.4]\ninputs = { a = \"prep[*,0]\" }")
        #expect(errors(shifted).map(\.field).sorted() == ["stage.prop.inputs.b", "stage.relax.inputs.a"])
        #expect(errors(shifted).allSatisfy { $0.message.contains("matching by element needs the same values") })
        #expect(errors(Self.series.replacingOccurrences(of: "seed_from = \"series\"\ntemperature = [0.6, 0.5, 0.45]\ninputs = { a = \"prep[*,0]\" }",
                                                        with: "seed_from = \"../x\"\ntemperature = [0.6, 0.5, 0.45]\ninputs = { a = \"prep[*,0]\" }"))
            .map(\.field) == ["stage.relax.seed_from"])
        // Without foreach, replicas stays one count.
        #expect(errors("[stage.a]\nkind = \"point\"\nreplicas = [2, 3]\n").first?.message.contains("expected an int or the name of an int parameter") == true)
    }
}
