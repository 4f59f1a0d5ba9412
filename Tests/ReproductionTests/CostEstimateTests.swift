import Foundation
import Pipeline
import PipelineSlurm
import Testing
@testable import Reproduction

/// `repro status`'s cost estimate for a tiny manifest, every number by hand, and its check of a
/// Slurm time limit.
@Suite struct CostEstimateTests {
    static let manifest = """
        [base]
        seed = 1
        n = 400
        temperature = 0.8
        [stage.equilibrate]
        replicas = 2
        equilibration_window = 250
        max_swap_sweeps = 1000
        check_sweeps = 500
        [stage.relaxation]
        inputs = { configuration = "equilibrate[0]" }
        max_lag = 1000
        [stage.propensity]
        replicas = 2
        inputs = { configuration = "equilibrate" }
        runs = 4
        tau_alpha = 300
        """

    /// 1000 trials/s per core, 4 cores, 2 per task: numbers a reader can follow.
    func estimate() throws -> CostEstimate {
        let registry = PaperStages.registry()
        let m = try Manifest.parse(text: Self.manifest, file: "tiny.toml", profile: nil, registry: registry)
        return CostEstimate(graph: TaskGraph(manifest: m, registry: registry), cores: 4, coresPerTask: 2, speed: 1000)
    }

    func stage(_ e: CostEstimate, _ name: String) throws -> CostEstimate.Stage { try #require(e.stages.first { $0.name == name }) }

    @Test func perStageNumbersByHand() throws {
        let e = try estimate()
        // equilibrate: a swap sweep costs 1 + 0.2 × 4 = 1.8 translation sweeps, so
        // 400 × (200 melt + 3 windows × 250 × 1.8 + 500 check) = 820 000 trials per task
        // expected, one core each; both at once on 4 cores → 820 s of wall time; one engine, one
        // frame. The whole preparation, 200 + 1000 × 1.8 + 500 = 2500 sweeps, is shorter than one
        // checkpoint interval (2000 swap sweeps = 3600), so it must fit a time limit in one go:
        // 400 × 2500 = 1 000 000 trials = 1000 s.
        let eq = try stage(e, "equilibrate")
        #expect(eq.tasks == 2 && abs(eq.trials - 1_640_000) < 1e-6)
        #expect(abs(eq.coreHours - 1640.0 / 3600) < 1e-12 && abs(eq.wallHours - 820.0 / 3600) < 1e-12)
        // Disk: the frame, and two preparation checkpoints of a frame, 250 / 10 window energies
        // of 8 bytes and 500 / 10 check samples of 16.
        let eqDisk = 400.0 * 64 + 2 * (400 * 64 + 25 * 8 + 50 * 16)
        #expect(eq.memoryPerTask == 400 * 256 && eq.diskPerTask == eqDisk && eq.diskTotal == 2 * eqDisk)
        #expect(abs(eq.uncheckpointedHours - 1000.0 / 3600) < 1e-12)
        // relaxation: 400 × 1000 × (1 + 3/2) = 10⁶ trials on one core; 4 cage frames of 2 doubles;
        // a checkpoint every 2000 sweeps × 400 = 800 000 trials = 800 s.
        let rx = try stage(e, "relaxation")
        #expect(rx.trials == 1_000_000 && abs(rx.wallHours - 1000.0 / 3600) < 1e-12)
        #expect(rx.memoryPerTask == 400 * (256 + 4 * 16))
        #expect(abs(rx.uncheckpointedHours - 800.0 / 3600) < 1e-12)
        // propensity: 400 × 4 runs × 300 = 480 000 trials per task on 2 cores → 240 s, both at once;
        // 4 engines and 4 × 4 doubles of displacements per particle; 4 checkpoints and the outputs.
        let pr = try stage(e, "propensity")
        #expect(pr.trials == 960_000 && abs(pr.wallHours - 240.0 / 3600) < 1e-12)
        #expect(pr.memoryPerTask == 400 * 4 * (256 + 32))
        #expect(pr.diskPerTask == 400 * 4 * (64 + 48) + 400 * 40)
        #expect(abs(e.coreHours - (1640.0 + 1000 + 960) / 3600) < 1e-12)
        #expect(abs(e.wallHours - (820.0 + 1000 + 240) / 3600) < 1e-12)
    }

    @Test func fewerCoresMeanMoreWaves() throws {
        let registry = PaperStages.registry()
        let m = try Manifest.parse(text: Self.manifest, file: "tiny.toml", profile: nil, registry: registry)
        let e = CostEstimate(graph: TaskGraph(manifest: m, registry: registry), cores: 2, coresPerTask: 2, speed: 1000)
        // One task at a time: the two equilibrations and the two propensity tasks run one after another.
        #expect(abs(try stage(e, "equilibrate").wallHours - 1640.0 / 3600) < 1e-12)
        #expect(abs(try stage(e, "propensity").wallHours - 480.0 / 3600) < 1e-12)
    }

    @Test func aTimeLimitShorterThanTheStretchBetweenCheckpointsIsAnError() throws {
        let e = try estimate()
        // 1100 s less the 120 s warning leaves 980 s: the 800 s between checkpoints of a relaxation
        // or propensity trajectory fit, an equilibration's whole run (1000 s, within one checkpoint interval) does not.
        let problems = e.timeLimitProblems(limitSeconds: 1100, signalSeconds: 120)
        #expect(problems.count == 1 && problems[0].contains("stage equilibrate"))
        #expect(problems.allSatisfy { $0.contains("executor.time") && $0.contains("without a checkpoint") })
        #expect(e.timeLimitProblems(limitSeconds: 1121, signalSeconds: 120).isEmpty)
        #expect(e.timeLimitProblems(limitSeconds: 1119, signalSeconds: 120).count == 1)
        // 780 s usable: now the relaxation and propensity trajectories do not fit either.
        let short = e.timeLimitProblems(limitSeconds: 900, signalSeconds: 120)
        #expect(short.count == 3 && short.contains { $0.contains("stage relaxation") } && short.contains { $0.contains("stage propensity") })
        let signal = e.timeLimitProblems(limitSeconds: 100, signalSeconds: 120)
        #expect(signal.count == 1 && signal[0].contains("signal_seconds"))
    }

    @Test func renderedTableNamesEveryStageAndTheTotal() throws {
        let text = try estimate().render()
        for word in ["equilibrate", "relaxation", "propensity", "total", "core-h", "memory/task", "disk", "1e+03 Monte Carlo trials/s"] {
            #expect(text.contains(word), "missing \(word)")
        }
    }

    /// Before a Slurm run: an equilibration budget of 4000 × 1.8×10⁷ trials (4 h at 5×10⁶/s) fits a
    /// 10-minute limit, since the preparation checkpoints every 2000 swap sweeps (4000 × 3600 =
    /// 1.44×10⁷ trials, 3 s); a limit leaving 1 s after signal_seconds does not. Under the local
    /// executor the limit is not checked.
    @Test func aSlurmRunRefusesTasksThatCannotCheckpointWithinTheLimit() throws {
        let registry = PaperStages.registry()
        func study(time: String, signal: Int) throws -> (Study, Manifest, TaskGraph) {
            let text = "[base]\nseed = 1\nn = 4000\ntemperature = 0.8\n[stage.equilibrate]\nequilibration_window = 1000000\nmax_swap_sweeps = 10000000\n"
                + "[executor]\ntime = \"\(time)\"\ncpus_per_task = 1\nsignal_seconds = \(signal)\n"
            let m = try Manifest.parse(text: text, file: "tiny.toml", profile: nil, registry: registry)
            let here = URL(fileURLWithPath: NSTemporaryDirectory())
            var study = Study(root: here, profile: "tiny", manifest: here.appendingPathComponent("tiny.toml"), cache: here, jobs: nil)
            study.executor = ExecutorChoice(name: "slurm")
            return (study, m, TaskGraph(manifest: m, registry: registry))
        }
        let (fits, m10, g10) = try study(time: "10", signal: 120)
        try fits.checkTimeLimit(manifest: m10, graph: g10)
        var (tight, m, g) = try study(time: "2", signal: 119)
        #expect {
            try tight.checkTimeLimit(manifest: m, graph: g)
        } throws: { "\($0)".contains("stage equilibrate") && "\($0)".contains("without a checkpoint") }
        tight.executor = ExecutorChoice(name: "local")
        try tight.checkTimeLimit(manifest: m, graph: g)
    }
}
