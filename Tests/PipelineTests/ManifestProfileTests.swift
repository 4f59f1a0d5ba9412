// Profiles override the base (deep merge), stage-specific values win over global ones,
// fan-out expands into indexed tasks and inputs match by index or gather.
import Foundation
import Testing
@testable import Pipeline

@Suite struct ManifestProfileTests {
    let registry = toyRegistry(Counter())

    let toml = """
    [base]
    seed = 3
    temperature = 0.45
    x = 2
    count = 4

    [profiles.smoke]
    temperature = 0.6
    count = 2
    seed = 9
    [profiles.smoke.stage.eq]
    mode = "b"
    n = 4

    [profiles.cold]
    temperature = 0.4

    [stage.eq]
    kind = "number"
    replicas = "count"
    n = 2

    [stage.fixed]
    kind = "number"
    temperature = 0.5
    profiles = ["cold"]

    [stage.collect]
    kind = "sum"
    inputs = { terms = "eq" }
    """

    @Test func baseOnly() throws {
        let m = try Manifest.parse(text: toml, file: "m", profile: nil, registry: registry)
        #expect(m.seed == 3)
        #expect(m.stages.map(\.name) == ["collect", "eq"])  // `fixed` only in profile cold
        let eq = try #require(m.stage("eq"))
        #expect(eq.parameters.double("temperature") == 0.45)
        #expect(eq.parameters.double("x") == 2)  // int in TOML widened to the declared double
        #expect(eq.parameters.string("mode") == "a")  // default
        #expect(eq.fanOut == .replicas(4))
    }

    @Test func profileOverridesMergeOverTheBase() throws {
        let m = try Manifest.parse(text: toml, file: "m", profile: "smoke", registry: registry)
        #expect(m.seed == 9)
        let eq = try #require(m.stage("eq"))
        #expect(eq.parameters.double("temperature") == 0.6)
        #expect(eq.parameters.string("mode") == "b")
        #expect(eq.parameters.int("n") == 4)
        #expect(eq.parameters.double("x") == 2)  // untouched base value survives the merge
        #expect(eq.fanOut == .replicas(2))
    }

    @Test func stageSpecificValueWinsOverProfileGlobal() throws {
        let m = try Manifest.parse(text: toml, file: "m", profile: "cold", registry: registry)
        #expect(m.stage("fixed")?.parameters.double("temperature") == 0.5)
        #expect(m.stage("eq")?.parameters.double("temperature") == 0.4)
    }

    @Test func deepMergeOfTables() {
        let base = ParameterValue.table(["a": .int(1), "t": .table(["x": .int(1), "y": .int(2)])])
        let over = ParameterValue.table(["t": .table(["y": .int(3)])])
        #expect(deepMerge(base, over) == .table(["a": .int(1), "t": .table(["x": .int(1), "y": .int(3)])]))
    }

    @Test func fanOutAndInputMatching() throws {
        let g = try graph("""
        [stage.a]
        kind = "number"
        replicas = 3
        [stage.b]
        kind = "number"
        replicas = 3
        [stage.pairs]
        kind = "add"
        replicas = 3
        inputs = { a = "a", b = "b[2]" }
        [stage.all]
        kind = "sum"
        inputs = { terms = "a" }
        [stage.over]
        kind = "number"
        foreach = "temperature"
        temperature = [0.6, 0.5, 0.45]
        """, registry: registry)
        #expect(g.tasks.map(\.id.description).filter { $0.hasPrefix("pairs") } == ["pairs[0]", "pairs[1]", "pairs[2]"])
        #expect(g.task(TaskID("pairs[1]")!)?.inputs["a"] == [TaskID(stage: "a", index: 1)])
        #expect(g.task(TaskID("pairs[1]")!)?.inputs["b"] == [TaskID(stage: "b", index: 2)])
        #expect(g.task(TaskID("all")!)?.inputs["terms"] == (0..<3).map { TaskID(stage: "a", index: $0) })
        #expect(g.tasks(ofStage: "over").map { $0.parameters.double("temperature") } == [0.6, 0.5, 0.45])
        // Topological: every task after its inputs.
        var seen: Set<TaskID> = []
        for t in g.tasks {
            #expect(t.inputs.values.joined().allSatisfy { seen.contains($0) })
            seen.insert(t.id)
        }
    }

    @Test func expectationsFilteredByProfile() throws {
        let m = try Manifest.parse(text: """
        [profiles.smoke]
        [profiles.paper]
        [stage.a]
        kind = "number"
        [[expectation]]
        name = "peak"
        quantity = "theta.peak"
        expected = 2.0
        tolerance = 0.5
        profiles = ["paper"]
        reference = "reference.theta.peak"
        [[expectation]]
        name = "ratio"
        quantity = "ratio"
        range = [0.9, 1.1]
        """, file: "m", profile: "smoke", registry: registry)
        #expect(m.expectations.map(\.name) == ["ratio"])
        #expect(m.declaredExpectationNames == ["peak", "ratio"])
        #expect(m.expectations.first?.target == .range(0.9, 1.1))
    }
}
