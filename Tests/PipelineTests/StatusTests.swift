// `status` and the run share one staleness chain: reasons name what changed.
import Foundation
import Testing
@testable import Pipeline

@Suite struct StatusTests {
    func statuses(_ g: TaskGraph, _ store: Store) -> [String: TaskStatus] {
        Dictionary(uniqueKeysWithValues: Status.evaluate(graph: g, store: store).map { ($0.id.description, $0) })
    }

    @Test func reasonsForEachKindOfChange() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let g0 = try graph(chainManifest, registry: toyRegistry(Counter()))
        let before = statuses(g0, store)
        #expect(before.values.allSatisfy { $0.state == .missing && $0.reasons == ["never run"] })
        // A task interrupted before its first result left checkpoints: it resumes, it is not new.
        let single = try #require(g0.tasks.first { $0.id.description == "single" })
        let scratch = store.scratchDirectory(single.key)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try Data([1]).write(to: scratch.appendingPathComponent("run.ckpt"))
        #expect(statuses(g0, store)["single"]?.reasons == ["interrupted; resumes from its checkpoints"])
        try FileManager.default.removeItem(at: scratch)
        _ = LocalExecutor().run(graph: g0, store: store, options: quietOptions())
        #expect(statuses(g0, store).values.allSatisfy { $0.state == .done })

        // Parameter change: the task says what changed, its dependent names the input.
        let g1 = try graph(chainManifest.replacingOccurrences(of: "x = 10", with: "x = 20"), registry: toyRegistry(Counter()))
        let s1 = statuses(g1, store)
        #expect(s1["single"]?.state == .stale)
        #expect(s1["single"]?.reasons == ["x changed 10.0 → 20.0"])
        #expect(s1["pair"]?.reasons == ["input single changed"])
        #expect(s1["numbers[1]"]?.state == .done)

        // Base change that reaches fanned-out tasks.
        let g2 = try graph(chainManifest.replacingOccurrences(of: "x = 1.5", with: "x = 2.5"), registry: toyRegistry(Counter()))
        let s2 = statuses(g2, store)
        #expect(s2["numbers[1]"]?.reasons == ["x changed 1.5 → 2.5"])
        #expect(s2["total"]?.reasons == ["input numbers[0] changed", "input numbers[1] changed", "input numbers[2] changed"])
        #expect(s2["pair"]?.reasons == ["input numbers[1] changed"])

        // Algorithm version.
        let g3 = try graph(chainManifest, registry: toyRegistry(Counter(), numberVersion: 2))
        #expect(statuses(g3, store)["single"]?.reasons == ["algorithm version of number changed 1 → 2"])

        // The rendering lists states and counts.
        let text = Status.render(Status.evaluate(graph: g1, store: store))
        #expect(text.contains("stale   single"))
        #expect(text.hasSuffix("6 tasks: 4 done, 2 stale, 0 missing"))
    }

    @Test func runAgreesWithStatusAndPrintsTheReason() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let counter = Counter()
        _ = LocalExecutor().run(graph: try graph(chainManifest, registry: toyRegistry(counter)), store: store, options: quietOptions())
        let g = try graph(chainManifest.replacingOccurrences(of: "x = 10", with: "x = 20"), registry: toyRegistry(counter))
        let stale = Set(Status.evaluate(graph: g, store: store).filter { $0.state != .done }.map(\.id))
        let sink = LogSink()
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions(sink))
        #expect(Set(s.ran) == stale)
        #expect(s.reasons[TaskID("single")!] == ["x changed 10.0 → 20.0"])
        #expect(sink.lines.contains("run single: x changed 10.0 → 20.0"))
        // Going back to the old value finds the old entries: nothing runs.
        let back = LocalExecutor().run(graph: try graph(chainManifest, registry: toyRegistry(counter)), store: store, options: quietOptions())
        #expect(back.ran.isEmpty)
    }

    @Test func recordsArePerProfile() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let toml = "[profiles.a]\nx = 1\n[profiles.b]\nx = 2\n[stage.n]\nkind = \"number\"\n"
        let ga = try graph(toml, profile: "a", registry: toyRegistry(Counter()))
        _ = LocalExecutor().run(graph: ga, store: store, options: quietOptions())
        let gb = try graph(toml, profile: "b", registry: toyRegistry(Counter()))
        // Profile b never ran: "never run", not "x changed 1 → 2".
        #expect(Status.evaluate(graph: gb, store: store).first?.reasons == ["never run"])
    }
}
