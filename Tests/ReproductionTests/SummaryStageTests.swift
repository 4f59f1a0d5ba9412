import Foundation
@testable import Pipeline
@testable import Report
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
        // Fig. S2 reads the summary's typed series; otherwise both read the same outputs.
        var figureInputs = figures.first?.inputs ?? [:]
        #expect(figureInputs.removeValue(forKey: "summary") == summary.map(\.id))
        #expect(summary.first?.inputs == figureInputs)
        // Exported under the name the README and `repro diff` use.
        let exports = SummaryStage.kind.kind.exports(ExportContext(taskID: summary[0].id, kind: "summary", parameters: summary[0].parameters,
                                                              files: [SummaryStage.fileName]))
        #expect(exports.map(\.path) == ["values.json", "analysis/summary.json", "analysis/series.json"])
    }

    @Test func aReportWithoutASummaryStageSaysWhichKindIsMissing() throws {
        let text = try String(contentsOf: ManifestTests.manifest, encoding: .utf8)
        // Neither the summary nor the figures (which read it) exist in the smoke profile.
        let withoutSummary = text.replacingOccurrences(of: "[stage.summary]", with: "[stage.summary]\nprofiles = [\"paper\"]")
            .replacingOccurrences(of: "[stage.figures]", with: "[stage.figures]\nprofiles = [\"paper\"]")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "# Report\n".write(to: dir.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)  // beside the manifest
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
        #expect(Study.unknownReferences(in: text, file: "report.md", keys: ReportSummary.keySet, expectations: m.declaredExpectationNames).isEmpty)
    }

    @Test func aTypoInTheReportIsALoadErrorWithItsLine() {
        let text = "# R\n\nΘ̄ peaks at {{value theta_bar.optimal_el format=\"%.2f\"}}\n{{check theta-peak-nowhere}} {{value n sem}}"
        let e = Study.unknownReferences(in: text, file: "report.md", keys: ReportSummary.keySet, expectations: ["theta-peak-ell"])
        #expect(e.count == 3)
        #expect(e[0].line == 3 && e[0].message.contains("did you mean 'theta_bar.optimal_ell'"))
        #expect(e[1].line == 4 && e[1].field == "{{check theta-peak-nowhere}}")
        #expect(e[2].field == "{{value n.sem}}")  // `n` has no standard error
    }
}

/// The temperature series is one typed value: the report's series values and Fig. S2 read it.
@Suite struct TemperatureSeriesTests {
    func scan(_ t: Double, thetaPeakAt k: Int) -> EllScan {
        let ells = [0.5, 1.0, 1.5, 2.0, 2.5]
        var pearson = [Double](repeating: 0.1, count: 6 * ells.count)
        for (i, _) in ells.enumerated() { pearson[4 * ells.count + i] = -(0.5 - 0.05 * Double(abs(i - k))) }  // Θ̄, negative ρ
        pearson[0] = 0.3  // ρ̄ at ℓ = 0.5
        return EllScan(temperature: t, tauAlpha: 1000 / t, configurations: 2, runs: 30, ells: ells, featureNames: [],
                       pearsonMean: pearson, pearsonStd: pearson.map { _ in 0 }, toTargetMean: [], fromTargetMean: [],
                       fsTimes: [], fs: [], halfPearson: 0.7, speciesShare: 0.2)
    }

    @Test func pointsAreOrderedHottestFirstWithTheirOptimaAndBestDescriptor() throws {
        let points = [scan(0.5, thetaPeakAt: 2), scan(0.6, thetaPeakAt: 1)].sorted { $0.temperature > $1.temperature }.map(SeriesPoint.init)
        #expect(points.map(\.temperature) == [0.6, 0.5])
        // Symmetric peaks on a uniform grid: the parabola's vertex is the sample itself.
        #expect(abs(points[0].optimalEllTheta - 1.0) < 1e-12 && abs(points[1].optimalEllTheta - 1.5) < 1e-12)
        #expect(points[0].best(.stericOrder) == 0.5 && points[0].best(.density) == 0.3 && points[0].bestDescriptor == .stericOrder)
        var v = ValueStore()
        var series = TemperatureSeries(points: points, paper: points[1])
        v.values = try ValueEncoding.values(of: series, prefix: "series.")
        #expect(v["series.optimal_ell_growth"]?.doubleValue.map { abs($0 - 0.5) < 1e-12 } == true)
        #expect(v["series.theta_minus_rho_coldest"]?.doubleValue.map { abs($0 - 0.2) < 1e-12 } == true)
        // No point recorded its own window (scans of a main data set): no series window value.
        #expect(v["series.min_window_over_tau_alpha"] == nil)
        series.points = []
        var empty = ValueStore()
        empty.values = try ValueEncoding.values(of: series, prefix: "series.")
        #expect(empty.values.isEmpty)
    }

    /// The series window check: each point's window over its own τα (1000/T here), the shortest
    /// reported; the main data set's scan (no window recorded) is left to the equilibrium check.
    @Test func shortestSeriesWindowOverTauAlpha() throws {
        var hot = scan(0.5, thetaPeakAt: 2), cold = scan(0.4, thetaPeakAt: 2), main = scan(0.35, thetaPeakAt: 2)
        hot.equilibrationWindow = 3000  // τα = 2000: 1.5
        cold.equilibrationWindow = 2250  // τα = 2500: 0.9
        let points = [hot, cold, main].map(SeriesPoint.init)
        #expect(points.map(\.windowOverTauAlpha) == [1.5, 0.9, nil])
        let series = TemperatureSeries(points: points, paper: points[0])
        #expect(series.minimumWindowOverTauAlpha == 0.9)
        var v = ValueStore()
        v.values = try ValueEncoding.values(of: series, prefix: "series.")
        #expect(v["series.min_window_over_tau_alpha"]?.doubleValue == 0.9)
    }
}
