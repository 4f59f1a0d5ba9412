// Issue 25 §2: against a published baseline, measured costs (cost.*) are not results.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct MeasuredKeysTests {
    @Test func costKeysLeaveTheDiffButVerdictsStay() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = try ReportDiffTests.build([("a", "q.a", 0.5, nil, .pass)],
                                            values: #"{"values": {"cost.task_minutes": 10.0, "cost.trials_per_core_second": 5e6, "x": 1.0}}"#, in: root, "old")
        let new = try ReportDiffTests.build([("a", "q.a", 0.5, nil, .fail)],
                                            values: #"{"values": {"cost.task_minutes": 12.0, "cost.trials_per_core_second": 6e6, "x": 2.0}}"#, in: root, "new")
        let diff = ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new))
        #expect(diff.values.map(\.key) == ["cost.task_minutes", "cost.trials_per_core_second", "x"])
        let results = diff.ignoring(prefixes: ReportDiff.measuredKeyPrefixes)
        #expect(results.values.map(\.key) == ["x"])
        #expect(results.verdicts.map(\.name) == ["a"] && results.worse)
    }
}
