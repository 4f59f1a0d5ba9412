// A no-op run (everything cached) over ~500 tasks runs nothing and status agrees: status uses
// metadata, sizes and mtimes. Its speed is a benchmark matter, not a timed test.
import Foundation
import Testing
@testable import Pipeline

@Suite struct PerformanceTests {
    @Test func noOpRunOverFiveHundredTasksRunsNothing() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let toml = """
        [stage.eq]
        kind = "number"
        replicas = 250
        [stage.pairs]
        kind = "add"
        replicas = 250
        inputs = { a = "eq", b = "eq[0]" }
        [stage.total]
        kind = "sum"
        inputs = { terms = "pairs" }
        """
        let g = try graph(toml, registry: toyRegistry(counter))
        #expect(g.tasks.count == 501)
        let store = try Store(root: dir)
        var o = quietOptions()
        o.exportDirectory = dir.appendingPathComponent("results")
        let first = LocalExecutor().run(graph: g, store: store, options: o)
        #expect(first.ran.count == 501)
        let second = LocalExecutor().run(graph: g, store: store, options: o)
        let statuses = Status.evaluate(graph: g, store: store)
        #expect(second.ran.isEmpty)
        #expect(statuses.allSatisfy { $0.state == .done })
        #expect(counter.total == 501)
    }
}
