import Foundation
@testable import Pipeline
import Testing
@testable import Reproduction

/// The report's values are one cached task per profile, fed the same outputs as the figures.
@Suite struct SummaryStageTests {
    @Test(arguments: ["smoke", "default", "paper"])
    func everyProfileHasOneSummaryTaskWithTheFiguresInputs(profile: String) throws {
        let m = try Manifest.load(url: ManifestTests.manifest, profile: profile, registry: PaperStages.registry())
        let graph = TaskGraph(manifest: m, registry: PaperStages.registry())
        let summary = graph.tasks.filter { $0.kind.name == PaperStages.summaryKind }
        let figures = graph.tasks.filter { $0.kind.name == PaperStages.figuresKind }
        #expect(summary.count == 1 && figures.count == 1)
        #expect(summary.first?.inputs == figures.first?.inputs)
        // Exported under the name the README and `repro diff` use.
        let exports = SummaryStage.kind.exports(ExportContext(taskID: summary[0].id, kind: "summary", parameters: summary[0].parameters,
                                                              files: [SummaryStage.fileName]))
        #expect(exports.map(\.path) == ["values.json"])
    }

    @Test func aReportWithoutASummaryStageSaysWhichKindIsMissing() throws {
        let text = try String(contentsOf: ManifestTests.manifest, encoding: .utf8)
        let withoutSummary = text.replacingOccurrences(of: "[stage.summary]", with: "[stage.summary_unused]\nprofiles = [\"paper\"]")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("report"), withIntermediateDirectories: true)
        try "# Report\n".write(to: dir.appendingPathComponent("report/report.md"), atomically: true, encoding: .utf8)
        let url = dir.appendingPathComponent("manifest.toml")
        try withoutSummary.write(to: url, atomically: true, encoding: .utf8)
        let study = Study(root: dir, profile: "smoke", manifest: url)
        let (_, graph) = try study.load()
        #expect(throws: ReproductionError.self) { try study.reportTask(ofKind: PaperStages.summaryKind, in: graph) }
        do { _ = try study.reportTask(ofKind: PaperStages.summaryKind, in: graph) } catch {
            #expect("\(error)".contains("'summary'") && "\(error)".contains("has 0"))
        }
    }
}

/// The report's own references are checked when the manifest loads.
@Suite struct ReportSourceCheckTests {
    @Test func theShippedReportQuotesOnlyDeclaredValuesAndChecks() throws {
        let text = try String(contentsOf: ManifestTests.manifest.deletingLastPathComponent().appendingPathComponent("report.md"), encoding: .utf8)
        let m = try Manifest.load(url: ManifestTests.manifest, profile: "smoke", registry: PaperStages.registry())
        #expect(Study.unknownReferences(in: text, file: "report.md", keys: ValueKeys.set, expectations: m.declaredExpectationNames).isEmpty)
    }

    @Test func aTypoInTheReportIsALoadErrorWithItsLine() {
        let text = "# R\n\nΘ̄ peaks at {{value theta_bar.optimal_el format=\"%.2f\"}}\n{{check theta-peak-nowhere}} {{value n sem}}"
        let e = Study.unknownReferences(in: text, file: "report.md", keys: ValueKeys.set, expectations: ["theta-peak-ell"])
        #expect(e.count == 3)
        #expect(e[0].line == 3 && e[0].message.contains("did you mean 'theta_bar.optimal_ell'"))
        #expect(e[1].line == 4 && e[1].field == "{{check theta-peak-nowhere}}")
        #expect(e[2].field == "{{value n.sem}}")  // `n` has no standard error
    }
}
