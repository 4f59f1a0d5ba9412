import Dynamics
import Foundation
import Model
import MonteCarlo
import Pipeline

/// Stages that run Monte Carlo: equilibrated configurations, the relaxation run that measures
/// F_s^CR and τα, and the iso-configurational propensities.
enum SimulationStages {
    static let temperature = FieldSpec("temperature", .double, minimum: 0, minimumExclusive: true, help: "temperature T (paper: 0.30)")
    static let maxDisplacement = FieldSpec("max_displacement", .double, default: .double(MonteCarloParameters.paperMaxDisplacement),
                                           minimum: 0, maximum: 1, minimumExclusive: true, maximumExclusive: true,
                                           help: "side δ_max of the square of trial displacements (paper: 0.12)")

    /// Iso-configurational runs per configuration: every run's displacements are kept until the
    /// ensemble ends (N × 4 doubles each, 128 MB for 1000 runs at N = 4000; the paper uses 30).
    static let maxRuns = 1000.0

    /// N must split into the species fractions, and its box must hold twice the interaction
    /// range plus the Verlet skin (the Monte Carlo engine refuses a smaller one).
    @Sendable static func checkN(_ p: Parameters) -> [FieldIssue] {
        let n = p.int("n")
        do { _ = try Mixture.paper.counts(n: n) } catch { return [FieldIssue(field: "n", message: "\(error)")] }
        let side = Mixture.paper.boxLength(n: n)
        let range = 2 * (PairPotential(mixture: .paper).maximumCutoff + (try! MonteCarloParameters(temperature: 1)).skin)
        guard side <= range else { return [] }
        return [FieldIssue(field: "n", message: String(format: "%d particles make a box of side %.2f; the Monte Carlo needs more than %.2f (twice the cutoff plus skin)", n, side, range))]
    }

    /// Lets a long science call see the pipeline's Ctrl-C, and report progress.
    static func bridge(_ context: TaskContext, unit: String) -> (CancellationFlag, @Sendable (Int, Int) -> Void) {
        let flag = CancellationFlag()
        return (flag, { done, total in
            if context.isCancelled { flag.cancel() }
            context.progress(Double(done), of: Double(total), unit: unit)
        })
    }

    // MARK: the adaptive swap stage

    /// Fields of the swap stage (`PreparationProtocol`, `AdaptiveEquilibration`).
    static func swapStageFields(window: Int, budget: Int) -> [FieldSpec] {
        [FieldSpec("equilibration_window", .int, default: .int(window), minimum: Double(EnergyWindow.blocks),
                   help: "sweeps of one window of the swap stage; at least one τα at T (report/tau_alpha_table.md)"),
         FieldSpec("max_swap_sweeps", .int, default: .int(budget), minimum: Double(AdaptiveEquilibration.minimumWindows * EnergyWindow.blocks),
                   help: "budget of the swap stage; the task fails when the energy still drifts when it is spent"),
         FieldSpec("swap_pairs", .string, default: .string(SwapPairs.adjacent.rawValue),
                   allowed: SwapPairs.allCases.map { .string($0.rawValue) },
                   help: "pairs a swap trial proposes: adjacent (S↔M, M↔L) or all"),
         FieldSpec("swap_fraction", .double, default: .double(0.2), minimum: 0, maximum: 1, help: "swap trials per sweep, per particle")]
    }

    /// Swap sweeps a preparation is expected to need once `done` are done: the adaptive stage's
    /// minimum of three windows, or to the end of the window it is in; never beyond the budget.
    static func expectedSwapSweeps(done: Int, window: Int, budget: Int) -> Int {
        min(budget, max(AdaptiveEquilibration.minimumWindows * window, (done / window + 1) * window))
    }

    /// The budget must hold three windows: a burn-in window, then the two the drift test compares.
    @Sendable static func checkSwapBudget(_ p: Parameters) -> [FieldIssue] {
        let w = p.int("equilibration_window"), b = p.int("max_swap_sweeps"), k = AdaptiveEquilibration.minimumWindows
        guard b < k * w else { return [] }
        return [FieldIssue(field: "max_swap_sweeps", message: "\(b) is less than \(k) windows (\(k) × equilibration_window = \(k * w)); the drift test compares two successive windows after a burn-in window")]
    }

    /// The preparation protocol of a stage's parameters.
    static func preparation(_ p: Parameters, n: Int, temperature: Double, checkSweeps: Int) throws -> PreparationProtocol {
        var proto = try PreparationProtocol(n: n, temperature: temperature, windowSweeps: p.int("equilibration_window"),
                                            maxSwapSweeps: p.int("max_swap_sweeps"), checkSweeps: checkSweeps)
        proto.swapFraction = p.double("swap_fraction"); proto.maxDisplacement = p.double("max_displacement")
        guard let pairs = SwapPairs(rawValue: p.string("swap_pairs")) else {
            throw ReproductionError.invalid("swap_pairs = \(p.string("swap_pairs")): expected one of \(SwapPairs.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        proto.swapPairs = pairs
        return proto
    }

    /// Fails the task, loudly, when the swap stage spent its budget with the energy still drifting.
    static func requireEquilibrium(_ e: AdaptiveEquilibration, _ context: TaskContext, configuration: Int, temperature: Double) throws {
        guard !e.isEquilibrated else { return }
        throw ReproductionError.invalid("\(context.id): configuration \(configuration) at T = \(temperature) is not equilibrated: "
            + "\(e.shortfall); raise max_swap_sweeps of "
            + "stage \(context.id.stage) in the manifest (or equilibration_window, if τα at this temperature is longer than a window)")
    }

    static func cancelled(_ error: Error) -> Error {
        if let e = error as? DynamicsError, e == .cancelled { return TaskCancelled() }
        if case MonteCarloError.cancelled = error { return TaskCancelled() }
        return error
    }

    /// The preparation of `configuration` checkpoints into the task's scratch directory like the
    /// other trajectories; the swap stage alone runs for hours at the paper's windows.
    static func preparationCheckpoint(_ context: TaskContext, configuration: Int) throws -> CheckpointPolicy {
        try CheckpointPolicy(url: context.scratchDirectory.appendingPathComponent("preparation_\(configuration).ckpt"), interval: checkpointSweeps)
    }

    // MARK: equilibrate

    static let equilibrate = StageKind(
        "equilibrate", version: 2,
        fields: [
            FieldSpec("n", .int, default: .int(4000), minimum: 25, help: "number of particles N (paper: 4000)"),
            temperature,
            FieldSpec("melt_temperature", .double, default: .double(2.0), minimum: 0, minimumExclusive: true, help: "temperature of the random start"),
            FieldSpec("melt_sweeps", .int, default: .int(200), minimum: 0, help: "sweeps at the melt temperature"),
            FieldSpec("check_sweeps", .int, default: .int(5000), minimum: 20, help: "sweeps of plain translational moves for the equilibrium check"),
            maxDisplacement,
            FieldSpec("wrap", .bool, default: .bool(true),
                      help: "fold the positions written into the box; false keeps the unwrapped positions the run ended with (the temperature series' dynamics start from those)")
                .omittingDefaultFromKey(),
        ] + swapStageFields(window: 15000, budget: 150000),
        inputs: [],
        checks: [SimulationStages.checkN, SimulationStages.checkSwapBudget],
        exports: { ctx in
            let dir = configurationDirectory(ctx)
            return [ExportItem(file: "configuration.xyz", as: "\(dir)/configuration.xyz"),
                    ExportItem(file: "equilibrium.json", as: "\(dir)/equilibrium.json")]
        },
        run: runEquilibrate)

    @Sendable static func runEquilibrate(_ context: TaskContext) throws {
        let p = context.parameters
        var proto = try preparation(p, n: p.int("n"), temperature: p.double("temperature"), checkSweeps: p.int("check_sweeps"))
        proto.meltTemperature = p.double("melt_temperature"); proto.meltSweeps = p.int("melt_sweeps")
        let flag = CancellationFlag(), index = context.replica ?? 0
        let prepared: PreparedConfiguration
        // Progress against the swap sweeps expected so far, not the budget (which a run that
        // equilibrates never reaches), so the run's time estimate matches `repro status`'s.
        var swapDone = 0
        func sweeps(_ stage: String, _ done: Int) -> (done: Double, total: Double) {
            if stage == "swap" { swapDone = done }
            let swap = stage == "check" ? swapDone : expectedSwapSweeps(done: swapDone, window: proto.windowSweeps, budget: proto.maxSwapSweeps)
            let offset = stage == "melt" ? 0 : stage == "swap" ? proto.meltSweeps : proto.meltSweeps + swap
            return (Double(offset + done), Double(proto.meltSweeps + swap + proto.checkSweeps))
        }
        do {
            prepared = try Preparation.prepare(proto, seed: context.seed, index: UInt64(index),
                                               checkpoint: preparationCheckpoint(context, configuration: index), cancellation: flag,
                                               progress: { stage, done, _ in
                                                   if context.isCancelled { flag.cancel() }
                                                   let s = sweeps(stage, done)
                                                   context.progress(s.done, of: s.total, unit: "sweeps")
                                               },
                                               resumed: { stage, done in context.resumed(sweeps(stage, done).done) })
        } catch { throw cancelled(error) }
        try requireEquilibrium(prepared.equilibration, context, configuration: index, temperature: proto.temperature)
        if !prepared.check.isEquilibrated {
            context.warn(String(format: "energy drift %.2e per sweep is %.1f standard errors from zero", prepared.check.slopePerSweep, prepared.check.driftSignificance))
        }
        try ExtendedXYZ.write(p.bool("wrap") ? prepared.configuration.wrapped() : prepared.configuration, to: context.output("configuration.xyz"),
                              comment: ["Temperature": "\(proto.temperature)"])
        try Artifact.writeJSON(EquilibrationRecord(check: prepared.check, equilibration: prepared.equilibration, traceSweeps: prepared.samples.map(\.sweep),
                                                   traceEnergy: prepared.samples.map(\.energyPerParticle)),
                               to: context.output("equilibrium.json"))
    }

    /// Where a configuration's files are published: `config_<i>/` for the stage named after its
    /// kind (the main data set), else under the stage's name (`series_equilibrate/config_<i>/`).
    static func configurationDirectory(_ ctx: ExportContext) -> String {
        let dir = String(format: "config_%02d", ctx.taskID.index ?? 0)
        return ctx.taskID.stage == ctx.kind ? dir : "\(ctx.taskID.stage)/\(dir)"
    }

    // MARK: relaxation

    struct RelaxationArtifact: Codable, Sendable {
        var temperature: Double
        var times: [Int]
        var fs: [Double]
        var perOrigin: [[Double]]
        var tauAlpha: Double?
        var waveNumber: Double
    }

    static let relaxation = StageKind(
        "relaxation", version: 2,
        fields: [
            temperature, maxDisplacement,
            FieldSpec("max_lag", .int, minimum: 1, help: "longest lag in sweeps; must exceed τα"),
            FieldSpec("origins", .int, default: .int(4), minimum: 1, help: "time origins averaged over"),
            FieldSpec("lags_per_decade", .int, default: .int(8), minimum: 1, help: "log-spaced lags per decade"),
            FieldSpec("until_decay", .bool, default: .bool(false),
                      help: "when F_s^CR stays above 1/e up to max_lag, double max_lag and run again until it crosses (τα not known beforehand)")
                .omittingDefaultFromKey(),
        ],
        inputs: [InputSpec("configuration", help: "an equilibrated configuration")],
        exports: { ctx in
            let name = ctx.taskID.description.replacingOccurrences(of: "[", with: "_").replacingOccurrences(of: "]", with: "")
            return [ExportItem(file: "relaxation.json", as: "dynamics/relaxation_\(name).json"),
                    ExportItem(file: "fs.csv", as: "dynamics/fs_\(name).csv")]
        },
        run: runRelaxation)

    /// Sweeps of one trajectory between checkpoints (relaxation and propensity runs): at N = 4000
    /// a few seconds of one core, far below any Slurm time limit (`CostEstimate` checks it).
    static let checkpointSweeps = 2000

    @Sendable static func runRelaxation(_ context: TaskContext) throws {
        let p = context.parameters
        let start = try ExtendedXYZ.read(from: context.input("configuration").url("configuration.xyz"))
        var run = try RelaxationRun(temperature: p.double("temperature"), maxLag: p.int("max_lag"), origins: p.int("origins"),
                                    lagsPerDecade: p.int("lags_per_decade"), maxDisplacement: p.double("max_displacement"))
        let (flag, progress) = bridge(context, unit: "sweeps")
        var result: RelaxationResult
        while true {
            do {
                // One checkpoint per max lag: a longer run is another trajectory's record.
                let name = p.bool("until_decay") ? "relaxation_\(run.maxLag).ckpt" : "relaxation.ckpt"
                result = try run.compute(from: start, seed: context.seed, checkpointURL: context.scratchDirectory.appendingPathComponent(name),
                                         checkpointInterval: checkpointSweeps, cancellation: flag, progress: progress,
                                         resumed: { context.resumed(Double($0)) })
            } catch { throw cancelled(error) }
            guard p.bool("until_decay"), result.tauAlpha == nil else { break }
            guard run.maxLag < 1 << 30 else { throw ReproductionError.invalid("\(context.id): F_s^CR never decays at T = \(run.temperature)") }
            context.warn("τα > \(run.maxLag) sweeps at T = \(run.temperature); retrying with max lag \(2 * run.maxLag)")
            run = try RelaxationRun(temperature: run.temperature, maxLag: 2 * run.maxLag, origins: run.origins,
                                    lagsPerDecade: run.lagsPerDecade, maxDisplacement: run.maxDisplacement)
        }
        if result.tauAlpha == nil {
            context.warn("F_s^CR stays above 1/e up to max_lag = \(run.maxLag) sweeps: τα is longer; increase max_lag")
        }
        let artifact = RelaxationArtifact(temperature: run.temperature, times: result.times, fs: result.fs,
                                          perOrigin: result.perOrigin, tauAlpha: result.tauAlpha, waveNumber: result.waveNumber)
        try Artifact.writeJSON(artifact, to: context.output("relaxation.json"))
        var csv = "t_sweeps,fs_cr\n"
        for (t, f) in zip(result.times, result.fs) { csv += "\(t),\(f)\n" }
        try csv.write(to: context.output("fs.csv"), atomically: true, encoding: .utf8)
    }

    // MARK: propensity

    static let propensity = StageKind(
        "propensity", version: 3,
        fields: [
            temperature, maxDisplacement,
            FieldSpec("runs", .int, default: .int(30), minimum: 1, maximum: maxRuns,
                      help: "iso-configurational trajectories per configuration (paper: 30)"),
            FieldSpec("beta_ratio", .double, default: .double(5e4 / 4e6), minimum: 0, maximum: 1, minimumExclusive: true, maximumExclusive: true,
                      help: "t_β/τα (paper: 5×10⁴ / 4×10⁶ = 1/80)"),
            FieldSpec("tau_alpha", .double, default: .double(0), minimum: 0,
                      help: "τα in sweeps; 0 takes the one measured by the relaxation input"),
        ],
        inputs: [InputSpec("configuration", help: "an equilibrated configuration"),
                 InputSpec("relaxation", required: false, help: "the relaxation run giving τα")],
        threads: { _ in StageKind.everyCore },
        exports: { ctx in
            let dir = configurationDirectory(ctx)
            return ["propensity.npy", "propensity_halves.npy", "propensity.names.json", "propensity.json"].map { ExportItem(file: $0, as: "\(dir)/\($0)") }
        },
        run: runPropensity)

    static func tauAlpha(_ context: TaskContext) throws -> Double {
        let fixed = context.parameters.double("tau_alpha")
        if fixed > 0 { return fixed }
        guard let relax = context.inputs["relaxation"]?.first else {
            throw ReproductionError.invalid("\(context.id): tau_alpha = 0 needs a relaxation input")
        }
        let r = try Artifact.readJSON(RelaxationArtifact.self, from: relax.url("relaxation.json"))
        guard let tau = r.tauAlpha else {
            throw ReproductionError.invalid("\(context.id): the relaxation run \(relax.task) never decayed below 1/e (max lag \(r.times.last ?? 0) sweeps); raise its max_lag")
        }
        return tau
    }

    @Sendable static func runPropensity(_ context: TaskContext) throws {
        let p = context.parameters
        let start = try ExtendedXYZ.read(from: context.input("configuration").url("configuration.xyz"))
        let tau = try tauAlpha(context)
        let tBeta = max(1, Int((tau * p.double("beta_ratio")).rounded())), tA = max(tBeta + 1, Int(tau.rounded()))
        let ensemble = try IsoconfigurationalEnsemble(temperature: p.double("temperature"), runs: p.int("runs"), times: [tBeta, tA],
                                                      maxDisplacement: p.double("max_displacement"))
        let (flag, progress) = bridge(context, unit: "sweeps")
        let result: PropensityResult
        do {
            result = try ensemble.compute(from: start, seed: context.seed, configuration: UInt64(context.replica ?? 0),
                                          checkpointDirectory: context.scratchDirectory, checkpointInterval: checkpointSweeps,
                                          cancellation: flag, progress: progress, resumed: { context.resumed(Double($0)) })
        } catch { throw cancelled(error) }
        let times = PropensityTimes(labels: ["t_beta", "tau_alpha"], times: [tBeta, tA], tauAlpha: tau, runs: ensemble.runs,
                                    temperature: ensemble.temperature, curveTimes: result.curveTimes, fs: result.fs)
        try PropensityData.write(p: result.p, q: result.q, pHalves: result.pHalves, times: times, to: context.outputDirectory)
    }
}
