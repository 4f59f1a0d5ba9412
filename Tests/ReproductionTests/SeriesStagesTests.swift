import Dynamics
import Foundation
import Model
import MonteCarlo
import Pipeline
import Testing
@testable import Reproduction

/// Issue 26 §2: a temperature point of the series is the main data set's stages fanned out over
/// temperature × configuration, and gives what one task computing the whole point gave.
@Suite struct SeriesStagesTests {
    /// The series point of ValueKeysTests' micro study (T = 2, 2 configurations of 2 runs): the
    /// four stages, with the relaxation's first max lag and any extra scan fields.
    static func stages(maxLag: Int, scan: String = "") -> String {
        """
        [stage.series_equilibrate]
        kind = "equilibrate"
        foreach = "temperature"
        replicas = 2
        seed_from = "series"
        temperature = [2.0]
        wrap = false
        equilibration_window = 10
        max_swap_sweeps = 200
        check_sweeps = 20
        [stage.series_relaxation]
        kind = "relaxation"
        foreach = "temperature"
        seed_from = "series"
        temperature = [2.0]
        inputs = { configuration = "series_equilibrate[*,0]" }
        max_lag = \(maxLag)
        until_decay = true
        origins = 2
        [stage.series_propensity]
        kind = "propensity"
        foreach = "temperature"
        replicas = 2
        seed_from = "series"
        temperature = [2.0]
        inputs = { configuration = "series_equilibrate", relaxation = "series_relaxation" }
        runs = 2
        [stage.series]
        kind = "pearson_ell_scan"
        foreach = "temperature"
        temperature = [2.0]
        inputs = { configuration = "series_equilibrate", propensity = "series_propensity" }
        coarse_graining_radius = 4.5\(scan)
        """
    }

    /// The point alone at N = 100, with a first max lag τα exceeds and three ℓ.
    static let point = "[base]\nseed = 5\nn = 100\n" + stages(maxLag: 10, scan: "\nells = [0.5, 1.0, 2.0]")

    /// The point computed by direct calls of the science, as the one-task `temperature_point`
    /// did: every step seeded by series[0]'s seed, the configuration index told to each step.
    static func direct() throws -> EllScan {
        let seed = TaskGraph.seed(global: 5, task: TaskID(stage: "series", index: 0))
        let proto = try PreparationProtocol(n: 100, temperature: 2, windowSweeps: 10, maxSwapSweeps: 200, checkSweeps: 20)
        let confs = try (0..<2).map { try Preparation.prepare(proto, seed: seed, index: UInt64($0)).configuration }
        var maxLag = 10, tau: Double? = nil
        while tau == nil {
            tau = try RelaxationRun(temperature: 2, maxLag: maxLag, origins: 2).compute(from: confs[0], seed: seed).tauAlpha
            maxLag *= 2
        }
        let ensemble = try IsoconfigurationalEnsemble(temperature: 2, runs: 2, times: [max(1, Int(tau!.rounded()))])
        let runs = try confs.enumerated().map { c, conf in try ensemble.compute(from: conf, seed: seed, configuration: UInt64(c)) }
        var scan = try EllScanStages.scan(configurations: confs, p: runs.map { $0.p[0] }, halves: runs.map { [$0.pHalves[0][0], $0.pHalves[1][0]] },
                                          ells: [0.5, 1.0, 2.0], radius: 4.5, temperature: 2, tauAlpha: tau!, runs: 2,
                                          fsTimes: runs[0].curveTimes, fs: runs[0].fs)
        scan.equilibrationWindow = 10
        return scan
    }

    @Test func theSeriesStagesGiveTheDirectScanBitForBit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("series-point-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let (graph, store) = try ValueKeysTests.run(Self.point, in: dir) else { return }
        let task = try #require(graph.tasks(ofStage: "series").first)
        let staged = try Data(contentsOf: store.filesDirectory(task.key).appendingPathComponent(EllScanStages.fileName))
        let direct = try Self.direct()
        // The doubling ran: τα of this point lies beyond the first max lag.
        #expect(direct.tauAlpha > 10)
        #expect(try Artifact.readJSON(EllScan.self, from: store.filesDirectory(task.key).appendingPathComponent(EllScanStages.fileName)).tauAlpha == direct.tauAlpha)
        let url = dir.appendingPathComponent("direct.json")
        try Artifact.writeJSON(direct, to: url)
        #expect(staged == (try Data(contentsOf: url)))
    }

    /// `repro status` lists every step of every series point, each its own task.
    @Test func statusListsTheSeriesTasks() throws {
        let registry = PaperStages.registry()
        let graph = TaskGraph(manifest: try Manifest.load(url: ManifestTests.manifest, profile: "smoke", registry: registry), registry: registry)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("series-status-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Status.render(Status.evaluate(graph: graph, store: try Store(root: dir)))
        let listed = Set(text.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) })
        let expected = (0..<4).map { "series_equilibrate[\($0)]" } + (0..<2).map { "series_relaxation[\($0)]" }
            + (0..<4).map { "series_propensity[\($0)]" } + (0..<2).map { "series[\($0)]" }
        #expect(Set(expected).isSubset(of: listed), "\(text)")
        #expect(!text.contains("temperature_point"))
    }
}
