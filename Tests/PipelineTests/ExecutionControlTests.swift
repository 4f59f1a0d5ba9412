// Progress lines, signals, target selection and thread reservations.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ExecutionControlTests {
    @Test func progressLineShowsFractionRateAndETA() {
        let board = ProgressBoard(totalTasks: 4, style: .none, log: { _ in })
        board.update(TaskID(stage: "eq", index: 1), done: 250, total: 1000, unit: "sweeps")
        let line = board.describe()
        #expect(line.hasPrefix("task 1 of 4, under a minute left | eq[1] 25% "))
        #expect(line.contains("sweeps/s ETA "))
        #expect(ProgressBoard.duration(3725) == "1h02m")
        #expect(ProgressBoard.duration(65) == "1m05s")
        #expect(ProgressBoard.count(12_345) == "12.3k")
    }

    @Test func plainProgressLinesAppearPeriodicallyOffTerminal() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sink = LogSink()
        var o = quietOptions(sink)
        o.progress = .plain(interval: 0.2)
        let g = try graph("[stage.long]\nkind = \"slow\"\nsteps = 12\n",
                          registry: toyRegistry(Counter(), slowHook: { _, _ in Thread.sleep(forTimeInterval: 0.1) }))
        #expect(LocalExecutor().run(graph: g, store: try Store(root: dir), options: o).succeeded)
        let progress = sink.lines.filter { $0.hasPrefix("progress: task 1 of 1") && $0.contains(" | long ") }
        #expect(progress.count >= 2)
        #expect(progress.allSatisfy { $0.contains("steps/s ETA") })
    }

    @Test func sigtermCancelsTheToken() {
        let token = CancellationToken()
        let seen = StepLog()
        token.installSignalHandlers { sig in seen.add(Int(sig)) }
        kill(getpid(), SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while !token.isCancelled && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(token.isCancelled)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(seen.values == [Int(SIGTERM)])
    }

    @Test func targetsRestrictTheRunToTheirUpstream() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        var o = quietOptions()
        o.targets = [TaskID("pair")!]
        let s = LocalExecutor().run(graph: g, store: try Store(root: dir), options: o)
        #expect(Set(s.ran.map(\.description)) == ["numbers[1]", "single", "pair"])
    }

    @Test func tasksSeeTheirThreadReservation() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seen = StepLog()
        let g = try graph("[stage.long]\nkind = \"slow\"\nsteps = 1\n",
                          registry: toyRegistry(Counter(), slowHook: { _, ctx in seen.add(ctx.threads) }))
        _ = LocalExecutor().run(graph: g, store: try Store(root: dir), options: quietOptions(workers: 1))
        #expect(seen.values == [1])  // the kind asks for 2, the budget is 1
        #expect(g.tasks[0].threads == 2)
    }

    @Test func valueStoreRoundTripsThroughJSON() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var v = ValueStore()
        v.set("a", 0.25, sem: 0.5)
        v.set("n", 3)
        v.set("name", "theta")
        v.set("t", ReportTable(columns: ["x"], rows: [["1"]], caption: "c"))
        v.setFigure("f", URL(fileURLWithPath: "/tmp/f.png"))
        let url = dir.appendingPathComponent("values.json")
        try v.write(to: url)
        var w = ValueStore()
        w.set("a", 1.0)
        w.merge(try ValueStore.load(url))
        #expect(w.values == v.values)
        #expect(w.figures == v.figures)
    }
}
