// Cache keys change with parameters, inputs, algorithm version and seed, and with nothing else.
import Foundation
import Testing
@testable import Pipeline

@Suite struct CacheKeyTests {
    func keys(_ toml: String, version: Int = 1) throws -> [String: String] {
        let g = try graph(toml, registry: toyRegistry(Counter(), numberVersion: version))
        return Dictionary(uniqueKeysWithValues: g.tasks.map { ($0.id.description, $0.key) })
    }

    @Test func stableUnderIrrelevantChanges() throws {
        let a = try keys(chainManifest)
        // Reordered stages, comments, an explicit default and int-vs-double spelling do not matter.
        let b = try keys("""
        # same pipeline, written differently
        [stage.total]
        kind = "sum"
        inputs = { terms = "numbers" }
        [stage.pair]
        kind = "add"
        inputs = { b = "single", a = "numbers[1]" }
        [stage.single]
        kind = "number"
        x = 10.0
        mode = "a"
        [stage.numbers]
        kind = "number"
        replicas = 3
        [base]
        x = 1.5
        seed = 7
        """)
        #expect(a == b)
        #expect(Set(a.values).count == a.count)  // distinct tasks, distinct keys
    }

    @Test func parameterChangeMovesTheKeyAndItsDependents() throws {
        let a = try keys(chainManifest)
        let b = try keys(chainManifest.replacingOccurrences(of: "x = 10", with: "x = 11"))
        #expect(a["single"] != b["single"])
        #expect(a["pair"] != b["pair"])            // input key changed
        #expect(a["numbers[0]"] == b["numbers[0]"])
        #expect(a["total"] == b["total"])
    }

    @Test func versionChangeMovesKeysOfThatKindOnly() throws {
        let a = try keys(chainManifest)
        let b = try keys(chainManifest, version: 2)
        #expect(a["numbers[0]"] != b["numbers[0]"])
        #expect(a["pair"] != b["pair"])            // through its inputs
        let c = try keys(chainManifest.replacingOccurrences(of: "[stage.numbers]", with: "[stage.unrelated]\nkind = \"slow\"\n[stage.numbers]"))
        #expect(a["total"] == c["total"])          // adding a stage changes nothing else
    }

    @Test func seedChangeMovesKeys() throws {
        let a = try keys(chainManifest)
        let b = try keys(chainManifest.replacingOccurrences(of: "seed = 7", with: "seed = 8"))
        #expect(Set(a.values).isDisjoint(with: Set(b.values)))
    }

    @Test func keyIsSHA256OfCanonicalJSON() {
        let k = CacheKey.compute(kind: "k", version: 1, parameters: Parameters(["b": .double(1), "a": .int(2)]), inputs: [:], seed: 5)
        #expect(k.count == 64)
        #expect(k == CacheKey.compute(kind: "k", version: 1, parameters: Parameters(["a": .int(2), "b": .double(1)]), inputs: [:], seed: 5))
        #expect(k != CacheKey.compute(kind: "k", version: 1, parameters: Parameters(["a": .int(2), "b": .int(1)]), inputs: [:], seed: 5))
        #expect(ParameterValue.table(["b": .double(1), "a": .list([.string("x\"y")])]).canonicalJSON == #"{"a":["x\"y"],"b":1.0}"#)
    }

    @Test func seedsDependOnIdentityNotOrder() {
        let s = TaskGraph.seed(global: 1, task: TaskID(stage: "eq", index: 3))
        #expect(s == TaskGraph.seed(global: 1, task: TaskID(stage: "eq", index: 3)))
        #expect(s != TaskGraph.seed(global: 1, task: TaskID(stage: "eq", index: 2)))
        #expect(s != TaskGraph.seed(global: 2, task: TaskID(stage: "eq", index: 3)))
    }
}
