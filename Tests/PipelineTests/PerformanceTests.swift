// A no-op run (everything cached) over ~500 tasks must be fast: status uses metadata, sizes and
// mtimes, never hashing unchanged files.
import Foundation
import Testing
@testable import Pipeline

@Suite struct PerformanceTests {
    @Test func noOpRunOverFiveHundredTasksIsFast() throws {
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
        let start = Date()
        let second = LocalExecutor().run(graph: g, store: store, options: o)
        let noOp = Date().timeIntervalSince(start)
        let statusStart = Date()
        let statuses = Status.evaluate(graph: g, store: store)
        let status = Date().timeIntervalSince(statusStart)
        print("no-op run over 501 tasks: \(noOp) s; status: \(status) s; first run: \(first.wallSeconds) s")
        #expect(second.ran.isEmpty)
        #expect(statuses.allSatisfy { $0.state == .done })
        #expect(counter.total == 501)
        #expect(noOp < 2.0)  // the budget for a no-op `make report`, here even in a debug build
    }
}
