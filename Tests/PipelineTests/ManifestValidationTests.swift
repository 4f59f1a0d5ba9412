// Manifest validation: each error names file, line and field; all errors are reported at once.
import Foundation
import Testing
@testable import Pipeline

@Suite struct ManifestValidationTests {
    let registry = toyRegistry(Counter())

    func errors(_ toml: String, profile: String? = nil) -> [ManifestError] {
        manifestErrors(toml, profile: profile, registry: registry)
    }

    @Test func unknownKeyNamesFileLineAndField() {
        let e = errors("""
        [stage.a]
        kind = "number"
        temperatur = 0.4
        """)
        #expect(e.count == 1)
        #expect(e.first?.file == "m.toml")
        #expect(e.first?.line == 3)
        #expect(e.first?.field == "stage.a.temperatur")
        #expect(e.first?.message.contains("unknown key") == true)
        #expect(e.first?.description.hasPrefix("m.toml:3: stage.a.temperatur:") == true)
    }

    @Test func wrongTypeIsLocated() {
        let e = errors("""
        [base]
        seed = 1

        [stage.a]
        kind = "number"
        n = "ten"
        """)
        #expect(e.map(\.field) == ["stage.a.n"])
        #expect(e.first?.line == 6)
        #expect(e.first?.message.contains("expected int") == true)
    }

    @Test func outOfRangeValuesFromBaseAndStage() {
        let e = errors("""
        [base]
        temperature = -0.5

        [stage.a]
        kind = "number"
        n = 1000
        """)
        let byField = Dictionary(uniqueKeysWithValues: e.map { ($0.field, $0) })
        #expect(byField["base.temperature"]?.line == 2)
        #expect(byField["base.temperature"]?.message.contains("> 0") == true)
        #expect(byField["stage.a.n"]?.line == 6)
        #expect(byField["stage.a.n"]?.message.contains("out of range") == true)
    }

    @Test func disallowedValueListsAllowedOnes() {
        let e = errors("""
        [stage.a]
        kind = "number"
        mode = "c"
        """)
        #expect(e.first?.line == 3)
        #expect(e.first?.message.contains("allowed values: \"a\", \"b\"") == true)
    }

    @Test func missingStageAndMissingInput() {
        let e = errors("""
        [stage.p]
        kind = "add"
        inputs = { a = "nowhere" }
        """)
        #expect(e.contains { $0.field == "stage.p.inputs.a" && $0.line == 3 && $0.message.contains("missing stage 'nowhere'") })
        #expect(e.contains { $0.field == "stage.p.inputs.b" && $0.message.contains("missing required input") })
    }

    @Test func cycleIsReportedWithItsPath() {
        let e = errors("""
        [stage.a]
        kind = "add"
        inputs = { a = "b", b = "c" }

        [stage.b]
        kind = "add"
        inputs.a = "a"
        inputs.b = "c"

        [stage.c]
        kind = "number"
        """)
        #expect(e.count == 1)
        #expect(e.first?.message == "cycle: a → b → a")
        #expect(e.first?.field == "stage.b.inputs.a")
        #expect(e.first?.line == 7)
    }

    @Test func crossFieldCheckFromTheJoin() {
        let e = errors("""
        [stage.a]
        kind = "number"
        mode = "b"
        n = 3
        """)
        #expect(e.map(\.field) == ["stage.a.n"])
        #expect(e.first?.line == 4)
        #expect(e.first?.message == "mode b needs an even n")
    }

    @Test func allErrorsAreReportedNotOnlyTheFirst() {
        let e = errors("""
        bogus = 1
        [stage.a]
        kind = "number"
        n = 0
        x = "1"
        [stage.b]
        kind = "nonsense"
        [[expectation]]
        name = "e"
        quantity = "q"
        tolerance_mode = "sometimes"
        expected = 1
        """)
        #expect(Set(e.map(\.field)) == ["bogus", "stage.a.n", "stage.a.x", "stage.b.kind", "expectation[0].tolerance_mode"])
        #expect(e.first { $0.field == "expectation[0].tolerance_mode" }?.line == 11)
        #expect(e.first { $0.field == "stage.b.kind" }?.message.contains("registered: add, number, slow, sum") == true)
    }

    @Test func unknownBaseKeyAndUnknownProfile() {
        let e = errors("""
        [base]
        temprature = 1
        [profiles.smoke]
        [stage.a]
        kind = "number"
        """, profile: "fast")
        #expect(e.contains { $0.field == "base.temprature" && $0.line == 2 })
        #expect(e.contains { $0.field == "profiles" && $0.message.contains("unknown profile 'fast'; declared: smoke") })
    }

    @Test func manifestWideChecksFromTheJoin() throws {
        var r = registry
        r.manifestChecks.append { stages in
            guard let a = stages["a"], let b = stages["b"], a.double("x") > b.double("x") else { return [] }
            return [ManifestIssue(stage: "b", field: "x", "must be at least stage a's x")]
        }
        do {
            _ = try Manifest.parse(text: "[stage.a]\nkind = \"number\"\nx = 2\n[stage.b]\nkind = \"number\"\nx = 1\n", file: "m", profile: nil, registry: r)
            Issue.record("no error")
        } catch let e as ManifestErrors {
            #expect(e.description == "m:6: stage.b.x: must be at least stage a's x")
        }
    }

    @Test func fanOutCountsMustMatchOrGather() {
        let e = errors("""
        [stage.a]
        kind = "number"
        replicas = 3
        [stage.s]
        kind = "sum"
        replicas = 2
        inputs = { terms = "a" }
        """)
        #expect(e.first?.field == "stage.s.inputs.terms")
        #expect(e.first?.message.contains("use \"a[*]\"") == true)
    }

    @Test func syntaxErrorHasALine() {
        let e = errors("[stage.a]\nkind = \n")
        #expect(e.count == 1)
        #expect(e.first?.line == 2)
        #expect(e.first?.field == "(syntax)")
    }

    @Test func loadFromFileNamesThePath() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("manifest.toml")
        try "[stage.a]\nkind = \"number\"\nx = 5000\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ManifestErrors.self) { try Manifest.load(url: url, profile: nil, registry: registry) }
        do { _ = try Manifest.load(url: url, profile: nil, registry: registry) } catch let e as ManifestErrors {
            #expect(e.description == "\(url.path):3: stage.a.x: 5000 out of range: must be in [-1000.0, 1000.0]")
        }
    }

    /// In a foreach stage a scalar field may hold one value per element: each task gets its own,
    /// the same parameters (and cache key) as a task given that value alone.
    @Test func foreachTakesOneValuePerElementOfAScalarField() throws {
        let g = try graph("""
        [stage.over]
        kind = "number"
        foreach = "temperature"
        temperature = [0.6, 0.5, 0.4]
        n = [2, 4, 8]
        x = 1.5
        """, registry: registry)
        let tasks = g.tasks(ofStage: "over")
        #expect(tasks.map { $0.parameters.int("n") } == [2, 4, 8])
        #expect(tasks.map { $0.parameters.double("x") } == [1.5, 1.5, 1.5])
        let single = try graph("""
        [stage.over]
        kind = "number"
        foreach = "temperature"
        temperature = [0.6, 0.5]
        n = 4
        x = 1.5
        """, registry: registry)
        #expect(single.tasks(ofStage: "over")[1].key == tasks[1].key)
        #expect(single.tasks(ofStage: "over")[0].key != tasks[0].key)
    }

    @Test func perElementValuesAreCountedValidatedAndChecked() {
        let e = errors("""
        [stage.over]
        kind = "number"
        foreach = "temperature"
        temperature = [0.6, 0.5, 0.4]
        n = [2, 4]
        x = [1.0, 2000.0, 3.0]
        """)
        #expect(e.count == 2, "\(e)")
        #expect(e.contains { $0.field == "stage.over.n" && $0.line == 5 && $0.message.contains("one value per element of temperature expected: 3") && $0.message.contains("got 2") })
        #expect(e.contains { $0.field == "stage.over.x" && $0.line == 6 && $0.message.contains("element 1") })
        // The kind's cross-field check runs on each task's own values (mode b needs an even n).
        let odd = errors("""
        [stage.over]
        kind = "number"
        foreach = "temperature"
        temperature = [0.6, 0.5]
        mode = "b"
        n = [2, 3]
        """)
        #expect(odd.map(\.field) == ["stage.over.n"])
        #expect(odd.first?.message.contains("even n") == true)
        // Outside a foreach stage a list is still a type error.
        let plain = errors("""
        [stage.a]
        kind = "number"
        n = [2, 3]
        """)
        #expect(plain.first?.message.contains("expected int") == true)
    }
}
