// Issue 25 §2: CI's regression diff compares with the committed baseline of its profile, never
// with a build kept in a cache, which would make a worse verdict the next run's baseline.
import Foundation
import Testing

@Suite struct BaselineWorkflowTests {
    static let root = WorkflowTests.root

    /// The recipe lines of a Makefile target.
    static func recipe(_ target: String, in makefile: String) -> [String] {
        let lines = makefile.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("\(target):") }) else { return [] }
        return Array(lines[(start + 1)...].prefix { $0.hasPrefix("\t") })
    }

    @Test func ciDiffsAgainstTheCommittedBaselineAndKeepsNoBuild() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(".github/workflows/report.yml"), encoding: .utf8)
        #expect(WorkflowFile(text).commands.contains { $0.hasPrefix("make regression-diff") })
        #expect(!text.contains("previous-build") && !text.contains("actions/cache/save"))
        let makefile = try String(contentsOf: Self.root.appendingPathComponent("Makefile"), encoding: .utf8)
        #expect(makefile.contains("PUBLISHED = report/published/$(PROFILE)"))
        let regression = Self.recipe("regression-diff", in: makefile).joined(separator: "\n")
        #expect(regression.contains(#"repro diff "$(PUBLISHED)" report/build/$(PROFILE)"#))
        #expect(!regression.contains("cp ") && !regression.contains("rm "), "the regression diff must not rewrite its baseline")
        // make report ends with the same comparison when the profile has a baseline.
        let report = Self.recipe("report", in: makefile).joined(separator: "\n")
        #expect(report.contains(#"repro diff "$(PUBLISHED)" report/build/$(PROFILE)"#))
        #expect(Self.recipe("publish-baseline", in: makefile).contains { $0.contains("repro publish-baseline --profile $(PROFILE)") })
    }
}
