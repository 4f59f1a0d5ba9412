import Foundation
import MonteCarlo
import Pipeline
import Testing
@testable import Reproduction

/// The time estimate weighs tasks by their Monte Carlo trials, read from the manifest.
@Suite struct TaskCostsTests {
    func costs(_ profile: String) throws -> [String: Double] {
        let m = try Manifest.load(url: ManifestTests.manifest, profile: profile, registry: PaperStages.registry())
        let g = TaskGraph(manifest: m, registry: PaperStages.registry())
        var out: [String: Double] = [:]
        for node in g.tasks {
            out[node.id.description] = node.kind.cost(node.parameters, node.inputs.mapValues { $0.compactMap { g.task($0)?.parameters } })
        }
        return out
    }

    @Test func defaultProfileTrialsByHand() throws {
        let c = try costs("default")
        // N = 4000; 200 melt + three windows (the minimum) of 25 000 swap sweeps (each costs
        // 1 + 0.2 × 4 = 1.8 translation sweeps: 0.2 N swap trials of 4 translations each) + 5000 check sweeps.
        let equilibrate: Double = 4000 * (200 + 3 * 25_000 * 1.8 + 5000)
        #expect(abs(c["equilibrate[0]"]! - equilibrate) < 1e-6 * equilibrate)
        // 30 runs to τα, sized from the relaxation run's max_lag = 66 000 ≈ 3 τα.
        let propensity: Double = 4000 * 30 * 66_000 / 3
        #expect(c["propensity[0]"] == propensity)
        // One trajectory to (origins − 1) · max_lag/2 + max_lag = 2.5 max_lag.
        let relaxation: Double = 4000 * 66_000 * 2.5
        #expect(c["relaxation"] == relaxation)
        #expect((c["figures"] ?? .infinity) < equilibrate / 100)
        // The T = 0.45 series point (element 2: tasks 4 and 5 of two-configuration elements):
        // each sample prepared with three windows of 15 000 swap sweeps at 1.8 + 2000 check
        // sweeps; 30 runs to τα ≈ equilibration_window = 15 000; the relaxation run of 2 origins
        // (1.5 × its lag) with lags 2000, 4000, 8000, 16 000 (the first beyond τα).
        let prepared: Double = 4000 * (200 + 3 * 15_000 * 1.8 + 2000)
        #expect(abs(c["series_equilibrate[4]"]! - prepared) < 1e-6 * prepared)
        let runs: Double = 4000 * 30 * 15_000
        #expect(abs(c["series_propensity[5]"]! - runs) < 1e-6 * runs)
        let search: Double = 4000 * 1.5 * (2000 + 4000 + 8000 + 16_000)
        #expect(abs(c["series_relaxation[2]"]! - search) < 1e-6 * search)
    }

    /// The preparation checkpoints every 2000 sweeps: at the paper's windows (budgets of 2.5×10⁷ and
    /// 1.25×10⁶ swap sweeps, hours each) the longest stretch without one is 2000 swap sweeps, each
    /// 1 + 0.2 × 4 = 1.8 translation sweeps, of N = 4000.
    @Test func thePaperPreparationsCheckpointEvery2000SwapSweeps() throws {
        let m = try Manifest.load(url: ManifestTests.manifest, profile: "paper", registry: PaperStages.registry())
        let g = TaskGraph(manifest: m, registry: PaperStages.registry())
        let prepared = g.tasks.filter { $0.kind.name == "equilibrate" }
        #expect(Set(prepared.map(\.id.stage)) == ["equilibrate", "series_equilibrate"])
        for node in prepared {
            let stretch = try #require(PaperStages.cost(of: node.kind.name)(node.parameters, [:]).checkpointTrials)
            #expect(abs(stretch - 4000 * 2000 * 1.8) < 1e-6 * stretch, "\(node.id)")
        }
    }

    /// The paper's preparation checkpoints hold the energies of a 5×10⁶-sweep window, sampled every
    /// 10 sweeps (4 MB), and of a 10⁵-sweep check run (160 kB), beside a 4000-particle frame; two are
    /// kept, next to the configuration the task writes.
    @Test func thePaperPreparationCheckpointsCountOnDisk() throws {
        #expect(TaskCosts.preparationSampleInterval == Double(try PreparationProtocol(n: 100, temperature: 1, windowSweeps: 100,
                                                                                          maxSwapSweeps: 1000, checkSweeps: 100).sampleInterval))
        let m = try Manifest.load(url: ManifestTests.manifest, profile: "paper", registry: PaperStages.registry())
        let g = TaskGraph(manifest: m, registry: PaperStages.registry())
        let node = try #require(g.tasks.first { $0.kind.name == "equilibrate" })
        let disk = SimulationStages.equilibrate.cost(node.parameters, [:]).diskBytes
        let checkpoint: Double = 4000 * 64 + 500_000 * 8 + 10_000 * 16
        #expect(disk == 4000 * 64 + 2 * checkpoint)
    }

    @Test func thePaperProfileUsesItsGivenTauAlpha() throws {
        let propensity: Double = 4000 * 30 * 4e6
        #expect(try costs("paper")["propensity[0]"] == propensity)
    }

    /// The equilibrate task reports progress against the windows expected so far (three at
    /// least, as the estimate counts them), not the budget a converging run never reaches.
    @Test func preparationProgressCountsExpectedWindowsNotTheBudget() {
        #expect(SimulationStages.expectedSwapSweeps(done: 0, window: 100, budget: 1000) == 300)
        #expect(SimulationStages.expectedSwapSweeps(done: 299, window: 100, budget: 1000) == 300)
        #expect(SimulationStages.expectedSwapSweeps(done: 301, window: 100, budget: 1000) == 400)
        #expect(SimulationStages.expectedSwapSweeps(done: 950, window: 100, budget: 1000) == 1000)
        #expect(SimulationStages.expectedSwapSweeps(done: 1000, window: 100, budget: 1000) == 1000)
    }
}
