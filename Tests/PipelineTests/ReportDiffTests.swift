// `repro diff OLD NEW` (issue 16 §4) on hand-made pairs of report builds.
import Foundation
import Testing
@testable import Pipeline

@Suite struct ReportDiffTests {
    /// Writes a build directory with expectations.json (and values.json when given).
    static func build(_ entries: [(name: String, quantity: String, value: Double?, sem: Double?, verdict: Verdict)],
                      values: String? = nil, in root: URL, _ label: String) throws -> URL {
        let dir = root.appendingPathComponent(label)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = ExpectationsFile(profile: "p", failed: false, counts: [:], expectations: entries.map {
            .init(name: $0.name, quantity: $0.quantity, description: nil, ours: $0.value.map { String($0) } ?? "Θ̄", value: $0.value,
                  standardError: $0.sem, expected: "1", paper: "–", verdict: $0.verdict, detail: "detail of \($0.name)", knownDeviation: nil)
        })
        try JSONEncoder().encode(file).write(to: dir.appendingPathComponent("expectations.json"))
        if let values { try values.write(to: dir.appendingPathComponent("values.json"), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func valuesBeyondToleranceAndFlippedVerdictsAreListed() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = try Self.build([("a", "q.a", 0.5, 0.01, .pass), ("b", "q.b", 2.0, nil, .pass), ("c", "q.c", 1.0, nil, .fail),
                                  ("d", "q.d", nil, nil, .pass)],
                                 values: #"{"values": {"extra": 1.0, "name": "Θ̄", "table": {"columns": [], "rows": []}, "tiny": 1e-20, "tau": "nan"}}"#, in: root, "old")
        let new = try Self.build([("a", "q.a", 0.5 + 1e-9, 0.01, .pass), ("b", "q.b", 2.5, nil, .knownDeviation), ("c", "q.c", 1.0, nil, .pass),
                                  ("d", "q.d", nil, nil, .pass)],
                                 values: #"{"values": {"extra": 1.0, "name": "ρ̄", "tiny": 2e-20, "tau": "nan"}}"#, in: root, "new")
        let diff = ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new))
        // 1e-9 on 0.5 is inside the default rtol; 2e-20 vs 1e-20 inside atol; the table is ignored.
        #expect(diff.values.map(\.key) == ["name", "q.b"])
        #expect(diff.values[1].difference == 0.5)
        #expect(diff.verdicts.map(\.name) == ["b", "c"])
        #expect(diff.verdicts[0].worse && !diff.verdicts[1].worse)
        #expect(diff.worse)
        #expect(diff.text.contains("q.b   2 → 2.5  (Δ 0.5, +25%)"))
        #expect(diff.text.contains("b  pass → known deviation  WORSE: detail of b"))
        #expect(diff.text.hasSuffix("a verdict got worse"))
        #expect(diff.markdown.contains("| q.b | 2 | 2.5 | 0.5 | +25% |"))
        #expect(diff.markdown.contains("| b | pass | known deviation | **worse**: detail of b |"))
        // A tighter tolerance sees the 1e-9 change.
        #expect(ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new), rtol: 1e-12).values.map(\.key)
                .contains("q.a"))
    }

    @Test func identicalOrImprovedBuildsAreNotWorse() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try Self.build([("x", "q.x", nil, nil, .missing), ("y", "q.y", 1, nil, .knownDeviation)], in: root, "a")
        let b = try Self.build([("x", "q.x", nil, nil, .missing), ("y", "q.y", 1, nil, .unexpectedPass)], in: root, "b")
        let same = ReportDiff.compare(old: try ReportDiff.load(a), new: try ReportDiff.load(a))
        #expect(same.values.isEmpty && same.verdicts.isEmpty && !same.worse)
        let better = ReportDiff.compare(old: try ReportDiff.load(a), new: try ReportDiff.load(b))
        #expect(better.verdicts.count == 1 && !better.worse)
    }

    @Test func aVerdictThatDisappearsOrAppearsIsShownButNotWorse() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try Self.build([("x", "q.x", 1, nil, .pass)], in: root, "a")
        let b = try Self.build([("y", "q.y", 1, nil, .fail)], in: root, "b")
        let d = ReportDiff.compare(old: try ReportDiff.load(a), new: try ReportDiff.load(b))
        #expect(d.verdicts.map(\.name) == ["x", "y"] && !d.worse)
        #expect(d.text.contains("x  pass → absent"))
    }

    @Test func badBuildsAreClearErrors() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect { try ReportDiff.load(root.appendingPathComponent("nope")) } throws: { "\($0)".contains("no such report build directory") }
        #expect { try ReportDiff.load(root) } throws: { "\($0)".contains("expectations.json: missing") }
        try Data("{}".utf8).write(to: root.appendingPathComponent("expectations.json"))
        #expect { try ReportDiff.load(root) } throws: { "\($0)".contains("not a report's expectations file") }
        let ok = try Self.build([("x", "q.x", 1, nil, .pass)], values: "[1, 2]", in: root, "ok")
        #expect { try ReportDiff.load(ok) } throws: { "\($0)".contains("values.json: not a report's values file") }
    }
}
