import Foundation
import Formats
import Testing
@testable import Reproduction

@Suite struct AnalysisTests {
    @Test func propensityFilesRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let times = PropensityTimes(labels: [.tBeta, .tauAlpha], times: [10, 800], tauAlpha: 800.4, runs: 3, temperature: 0.5)
        let halves: [[[Double]]] = [[[1, 1, 3], [4, 4, 6]], [[1, 3, 3], [4, 6, 6]]]
        try PropensityData.write(p: [[1, 2, 3], [4, 5, 6]], q: [[0.9, 0.8, 0.7], [0.6, 0.5, 0.4]], pHalves: halves, times: times, to: dir)
        let back = try PropensityData.read(from: dir)
        #expect(try back.pHalves(.tauAlpha).even == [4, 4, 6] && back.pHalves(.tauAlpha).odd == [4, 6, 6])
        #expect(try back.pHalves(.tBeta).odd == [1, 3, 3])
        #expect(try back.p(.tauAlpha) == [4, 5, 6])
        #expect(try back.q(.tBeta) == [0.9, 0.8, 0.7])
        #expect(back.times.tauAlpha == 800.4)
        // The labels on disk are today's strings; a time the file lacks, or a label outside the
        // closed set, is refused naming the file.
        #expect(try String(contentsOf: dir.appendingPathComponent("propensity.names.json"), encoding: .utf8)
            .contains("\"p_tau_alpha\""))
        let one = PropensityTimes(labels: [.tauAlpha], times: [800], tauAlpha: 800.4, runs: 3, temperature: 0.5)
        #expect(throws: ReproductionError.self) { try one.time(.tBeta) }
        let json = dir.appendingPathComponent("propensity.json")
        try String(contentsOf: json, encoding: .utf8).replacingOccurrences(of: "t_beta", with: "tau_gamma").write(to: json, atomically: true, encoding: .utf8)
        #expect(throws: ReproductionError.self) { try PropensityData.read(from: dir) }
    }

    /// Issue 27 §1: the pipeline's propensity columns are named, so FILE:NAME picks them.
    @Test func propensityColumnsAreNamedForTheCommandLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let times = PropensityTimes(labels: [.tBeta, .tauAlpha], times: [10, 800], tauAlpha: 800.4, runs: 2, temperature: 0.5)
        try PropensityData.write(p: [[1, 2], [4, 5]], q: [[0.9, 0.8], [0.6, 0.5]], pHalves: [[[1, 1], [4, 4]], [[1, 2], [4, 5]]], times: times, to: dir)
        let names = try JSONDecoder().decode([String].self, from: Data(contentsOf: dir.appendingPathComponent("propensity.names.json")))
        #expect(names == ["p_t_beta", "q_t_beta", "p_tau_alpha", "q_tau_alpha"])
        let file = dir.appendingPathComponent("propensity.npy").path
        #expect(try ColumnReference(parsing: file + ":p_tau_alpha").loadVector() == [4, 5])
        #expect(try ColumnReference(parsing: file + ":q_t_beta").loadVector() == [0.9, 0.8])
    }

    @Test func publishedValuesAreBundled() {
        let p = PublishedValues.shared
        #expect(p.feature_names.count == 60 && p.ells.count == 10)
        #expect(p.fig5_supervised_delta_Xd_to_p_mean.count == 16)
    }
}
