// Issue 24 item 3: after a failed task the previous report does not stay as if current; the
// report written instead lists the failures and marks the expectations they leave unchecked.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct FailureReportTests {
    /// `bad` throws (the toy failure); `pair` reads it and is what the report quotes.
    static let toml = """
    [stage.numbers]
    kind = "number"
    replicas = 2
    [stage.bad]
    kind = "number"
    fail = true
    [stage.pair]
    kind = "add"
    inputs = { a = "numbers[0]", b = "bad" }
    """

    static let expectations = [Expectation(name: "sum_ok", quantity: "sum", target: .value(1), description: "the sum"),
                               Expectation(name: "other", quantity: "x", target: .range(0, 2))]

    @Test func theFailureReportReplacesThePreviousOneAndMarksEveryCheck() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("build/p")
        // A previous, passing report.
        let source = dir.appendingPathComponent("report.md")
        try "# Report\n\n{{expectations}}\n".write(to: source, atomically: true, encoding: .utf8)
        var old = ValueStore()
        old.set("sum", 1.0)
        old.set("x", 1.0)
        #expect(try !ReportBuilder.build(source: source, profile: "p", values: old, expectations: Self.expectations, provenance: nil,
                                         outputDirectory: out).failed)

        let g = try graph(Self.toml, registry: toyRegistry(Counter()))
        let summary = LocalExecutor().run(graph: g, store: try Store(root: dir.appendingPathComponent("cache")), options: quietOptions())
        #expect(summary.failed.map(\.id.description) == ["bad"] && summary.skipped.map(\.description) == ["pair"])
        let outcome = try ReportBuilder.buildFailed(graph: g, summary: summary, valuesTasks: [TaskID("pair")!], profile: "p",
                                                    expectations: Self.expectations, outputDirectory: out)
        #expect(outcome.failed)
        #expect(outcome.results.allSatisfy { $0.verdict == .missing && $0.detail == "not checked (task bad failed)" })
        let md = try String(contentsOf: outcome.markdown, encoding: .utf8)
        #expect(md.contains("the run failed"))
        #expect(md.contains("| bad | toy failure requested |"))
        #expect(md.contains("## Skipped tasks\n\npair"))
        #expect(md.contains("| sum\\_ok | the sum | 1 | [✘ MISSING]{.verdict .verdict-missing} not checked (task bad failed) |"))
        let html = try String(contentsOf: try #require(outcome.html), encoding: .utf8)
        #expect(html.contains("toy failure requested") && !html.contains("class=\"verdict verdict-pass\""))
        // No file of the previous run is left to be read as current.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.expectationsJSON)) as! [String: Any]
        #expect(json["failed"] as? Bool == true)
        #expect((json["expectations"] as! [[String: Any]]).map { $0["verdict"] as? String } == ["missing", "missing"])
        let values = try ValueStore.load(out.appendingPathComponent("values.json"))
        #expect(values.values.keys.sorted() == ["profile"])
        #expect(outcome.summary.contains("MISSING        sum_ok  not checked (task bad failed)"))
    }

    @Test func onlyFailuresUpstreamOfTheQuotedTaskAreBlamed() throws {
        let g = try graph(Self.toml + "\n[stage.worse]\nkind = \"number\"\nfail = true\n", registry: toyRegistry(Counter()))
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = LocalExecutor().run(graph: g, store: try Store(root: dir.appendingPathComponent("cache")), options: quietOptions())
        #expect(summary.failed.count == 2)
        let outcome = try ReportBuilder.buildFailed(graph: g, summary: summary, valuesTasks: [TaskID("pair")!], profile: nil,
                                                    expectations: Self.expectations, outputDirectory: dir.appendingPathComponent("b"), html: false)
        #expect(outcome.results.map(\.detail) == ["not checked (task bad failed)", "not checked (task bad failed)"])
        let many = (0..<5).map { TaskID("e[\($0)]")! }
        #expect(ReportBuilder.notChecked(many) == "not checked (tasks e[0], e[1], e[2] and 2 more failed)")
    }

    @Test func removeReportTakesEveryReportFile() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["report.html", "report.md", "expectations.json", "values.json", "keep.txt"] {
            try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(ReportBuilder.removeReport(in: dir).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["keep.txt"])
    }
}
