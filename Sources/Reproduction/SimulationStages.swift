import Dynamics
import Foundation
import Model
import MonteCarlo
import Pipeline

/// Stages that run Monte Carlo: equilibrated configurations, the relaxation run that measures
/// F_s^CR and τα, and the iso-configurational propensities.
public enum SimulationStages {
    public static let temperature = FieldSpec("temperature", .double, minimum: 0, minimumExclusive: true, help: "temperature T (paper: 0.30)")
    static let maxDisplacement = FieldSpec("max_displacement", .double, default: .double(MonteCarloParameters.paperMaxDisplacement),
                                           minimum: 0, maximum: 1, minimumExclusive: true, maximumExclusive: true,
                                           help: "side δ_max of the square of trial displacements (paper: 0.12)")
    /// The paper's N; the science has no default (every caller chooses).
    public static let n = FieldSpec("n", .int, default: .int(4000), minimum: 25, maximum: Double(EngineLimits.maxParticles),
                                    help: "number of particles N (paper: 4000)")

    /// Iso-configurational runs per configuration: every run's displacements are kept until the
    /// ensemble ends (N × 4 doubles each, 128 MB for 1000 runs at N = 4000; the paper uses 30).
    static let maxRuns = 1000.0

    /// N must split into the species fractions, and its box must hold twice the interaction
    /// range plus the Verlet skin (the Monte Carlo engine refuses a smaller one).
    @Sendable static func checkN(_ p: Parameters) -> [FieldIssue] { checkN(p.int(Self.n.name)) }

    public static func checkN(_ n: Int) -> [FieldIssue] {
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
        [FieldSpec("equilibration_window", .int, default: .int(window), minimum: Double(EnergyWindow.blocks), maximum: Double(EngineLimits.maxSweeps),
                   help: "sweeps of one window of the swap stage; at least one τα at T (report/tau_alpha_table.md)"),
         FieldSpec("max_swap_sweeps", .int, default: .int(budget), minimum: Double(AdaptiveEquilibration.minimumWindows * EnergyWindow.blocks),
                   maximum: Double(EngineLimits.maxSweeps),
                   help: "budget of the swap stage; the task fails when the energy still drifts when it is spent"),
         swapPairs, swapFraction]
    }

    /// The swap stage's optional fields, defaults and limits from the science (`PreparationProtocol`,
    /// `MonteCarloParameters`): its swap fraction may reach the engine's 10 trials per particle per
    /// sweep, which bounds run time, not physics.
    static let swapPairs = FieldSpec("swap_pairs", .string, default: .string(PreparationProtocol.defaults.swapPairs.rawValue),
                                     allowed: SwapPairs.allCases.map { .string($0.rawValue) },
                                     help: "pairs a swap trial proposes: adjacent (S↔M, M↔L) or all")
    public static let swapFraction = FieldSpec("swap_fraction", .double, default: .double(PreparationProtocol.defaults.swapFraction),
                                        minimum: 0, maximum: MonteCarloParameters.maxSwapFraction, help: "swap trials per sweep, per particle")

    /// The swap stage's parameters of a task (equilibrate: the main data set and the series).
    struct SwapStage: Sendable {
        var window: Int, budget: Int, pairs: SwapPairs, fraction: Double, maxDisplacement: Double

        init(_ p: Parameters) throws {
            window = p.int("equilibration_window"); budget = p.int("max_swap_sweeps")
            fraction = p.double(swapFraction.name); maxDisplacement = p.double(SimulationStages.maxDisplacement.name)
            guard let pairs = SwapPairs(rawValue: p.string(swapPairs.name)) else {
                throw ReproductionError.invalid("swap_pairs = \(p.string(swapPairs.name)): expected one of \(SwapPairs.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.pairs = pairs
        }

        func preparation(n: Int, temperature: Double, checkSweeps: Int) throws -> PreparationProtocol {
            var proto = try PreparationProtocol(n: n, temperature: temperature, windowSweeps: window, maxSwapSweeps: budget, checkSweeps: checkSweeps)
            proto.swapFraction = fraction; proto.maxDisplacement = maxDisplacement; proto.swapPairs = pairs
            return proto
        }
    }

    /// Swap sweeps a preparation is expected to need once `done` are done: the adaptive stage's
    /// minimum of three windows, or to the end of the window it is in; never beyond the budget.
    static func expectedSwapSweeps(done: Int, window: Int, budget: Int) -> Int {
        min(budget, max(AdaptiveEquilibration.minimumWindows * window, (done / window + 1) * window))
    }

    /// The budget must hold three windows: a burn-in window, then the two the drift test compares.
    @Sendable static func checkSwapBudget(_ p: Parameters) -> [FieldIssue] {
        let w = p.int("equilibration_window"), b = p.int("max_swap_sweeps")
        guard b < AdaptiveEquilibration.minimumWindows * w else { return [] }
        return [FieldIssue(field: "max_swap_sweeps", message: swapBudgetProblem(window: w, budget: b))]
    }

    public static func swapBudgetProblem(window w: Int, budget b: Int) -> String {
        let k = AdaptiveEquilibration.minimumWindows
        return "\(b) is less than \(k) windows (\(k) × equilibration_window = \(k * w)); the drift test compares two successive windows after a burn-in window"
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

    /// An equilibrate task's parameters: a `PreparationProtocol`, whose optional fields give the
    /// schema's defaults (the sweep counts are the paper's, the science has none).
    public struct Equilibrate: Sendable {
        static let meltTemperature = FieldSpec("melt_temperature", .double, default: .double(PreparationProtocol.defaults.meltTemperature),
                                               minimum: 0, minimumExclusive: true, help: "temperature of the random start")
        static let meltSweeps = FieldSpec("melt_sweeps", .int, default: .int(PreparationProtocol.defaults.meltSweeps), minimum: 0,
                                          maximum: Double(EngineLimits.maxSweeps), help: "sweeps at the melt temperature")
        public static let checkSweeps = FieldSpec("check_sweeps", .int, default: .int(5000), minimum: Double(PreparationProtocol.minimumCheckSweeps),
                                                  maximum: Double(EngineLimits.maxSweeps), help: "sweeps of plain translational moves for the equilibrium check")
        static let swapFields = swapStageFields(window: 15000, budget: 150000)
        public static let window = swapFields[0], budget = swapFields[1]
        static let wrap = FieldSpec("wrap", .bool, default: .bool(true),
                                    help: "fold the positions written into the box; false keeps the unwrapped positions the run ended with (the temperature series' dynamics start from those)")
            .omittingDefaultFromKey()
        static let fields = [SimulationStages.n, temperature, meltTemperature, meltSweeps, checkSweeps, maxDisplacement, wrap] + swapFields

        public var preparation: PreparationProtocol
        public var wrap: Bool

        init(_ p: Parameters) throws {
            wrap = p.bool(Self.wrap.name)
            preparation = try SwapStage(p).preparation(n: p.int(SimulationStages.n.name), temperature: p.double(temperature.name),
                                                       checkSweeps: p.int(Self.checkSweeps.name))
            preparation.meltTemperature = p.double(Self.meltTemperature.name); preparation.meltSweeps = p.int(Self.meltSweeps.name)
        }
    }

    static let equilibrate = StudyKind(StageKind(
        "equilibrate", version: 2,
        fields: Equilibrate.fields,
        inputs: [],
        checks: [SimulationStages.checkN, SimulationStages.checkSwapBudget],
        exports: { ctx in
            let dir = configurationDirectory(ctx)
            return [ExportItem(file: "configuration.xyz", as: "\(dir)/configuration.xyz"),
                    ExportItem(file: "equilibrium.json", as: "\(dir)/equilibrium.json")]
        },
        run: runEquilibrate),
        modules: ["Formats", "Randomness", "Model", "MonteCarlo"], cost: TaskCosts.equilibrate)

    @Sendable static func runEquilibrate(_ context: TaskContext) throws {
        let parameters = try Equilibrate(context.parameters), proto = parameters.preparation
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
        try ExtendedXYZ.write(parameters.wrap ? prepared.configuration.wrapped() : prepared.configuration, to: context.output("configuration.xyz"),
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

    /// A relaxation task's parameters: a `RelaxationRun`, whose defaults and limits the schema takes.
    public struct Relaxation: Sendable {
        public static let maxLag = FieldSpec("max_lag", .int, minimum: 1, maximum: Double(EngineLimits.maxSweeps), help: "longest lag in sweeps; must exceed τα")
        public static let origins = FieldSpec("origins", .int, default: .int(RelaxationRun.defaultOrigins), minimum: 1,
                                              maximum: Double(EngineLimits.maxOrigins), help: "time origins averaged over")
        static let lagsPerDecade = FieldSpec("lags_per_decade", .int, default: .int(RelaxationRun.defaultLagsPerDecade), minimum: 1,
                                             maximum: Double(EngineLimits.maxLagsPerDecade), help: "log-spaced lags per decade")
        static let untilDecay = FieldSpec("until_decay", .bool, default: .bool(false),
                                          help: "when F_s^CR stays above 1/e up to max_lag, double max_lag and run again until it crosses (τα not known beforehand)")
            .omittingDefaultFromKey()
        static let fields = [temperature, maxDisplacement, maxLag, origins, lagsPerDecade, untilDecay]

        public var run: RelaxationRun
        public var untilDecay: Bool

        init(_ p: Parameters) throws {
            run = try RelaxationRun(temperature: p.double(temperature.name), maxLag: p.int(Self.maxLag.name), origins: p.int(Self.origins.name),
                                    lagsPerDecade: p.int(Self.lagsPerDecade.name), maxDisplacement: p.double(maxDisplacement.name))
            untilDecay = p.bool(Self.untilDecay.name)
        }
    }

    static let relaxation = StudyKind(StageKind(
        "relaxation", version: 2,
        fields: Relaxation.fields,
        inputs: [InputSpec("configuration", help: "an equilibrated configuration")],
        exports: { ctx in
            let name = ctx.taskID.description.replacingOccurrences(of: "[", with: "_").replacingOccurrences(of: "]", with: "")
            return [ExportItem(file: "relaxation.json", as: "dynamics/relaxation_\(name).json"),
                    ExportItem(file: "fs.csv", as: "dynamics/fs_\(name).csv")]
        },
        run: runRelaxation),
        modules: ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics"], cost: TaskCosts.relaxation)

    /// Sweeps of one trajectory between checkpoints (relaxation and propensity runs): at N = 4000
    /// a few seconds of one core, far below any Slurm time limit (`CostEstimate` checks it).
    static let checkpointSweeps = 2000

    @Sendable static func runRelaxation(_ context: TaskContext) throws {
        let parameters = try Relaxation(context.parameters), untilDecay = parameters.untilDecay
        var run = parameters.run
        let start = try ExtendedXYZ.read(from: context.input("configuration").url("configuration.xyz"))
        let (flag, progress) = bridge(context, unit: "sweeps")
        var result: RelaxationResult
        while true {
            do {
                // One checkpoint per max lag: a longer run is another trajectory's record.
                let name = untilDecay ? "relaxation_\(run.maxLag).ckpt" : "relaxation.ckpt"
                result = try run.compute(from: start, seed: context.seed, checkpointURL: context.scratchDirectory.appendingPathComponent(name),
                                         checkpointInterval: checkpointSweeps, cancellation: flag, progress: progress,
                                         resumed: { context.resumed(Double($0)) })
            } catch { throw cancelled(error) }
            guard untilDecay, result.tauAlpha == nil else { break }
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

    /// A propensity task's parameters: an `IsoconfigurationalEnsemble` at t_β and τα.
    public struct Propensity: Sendable {
        public static let runs = FieldSpec("runs", .int, default: .int(30), minimum: 1, maximum: maxRuns,
                                           help: "iso-configurational trajectories per configuration (paper: 30)")
        static let betaRatio = FieldSpec("beta_ratio", .double, default: .double(5e4 / 4e6), minimum: 0, maximum: 1, minimumExclusive: true,
                                         maximumExclusive: true, help: "t_β/τα (paper: 5×10⁴ / 4×10⁶ = 1/80)")
        static let tauAlpha = FieldSpec("tau_alpha", .double, default: .double(0), minimum: 0,
                                        help: "τα in sweeps; 0 takes the one measured by the relaxation input")
        static let fields = [SimulationStages.temperature, SimulationStages.maxDisplacement, runs, betaRatio, tauAlpha]

        var temperature: Double, maxDisplacement: Double, runs: Int, betaRatio: Double
        /// nil: the one the relaxation input measured.
        var tauAlpha: Double?

        init(_ p: Parameters) {
            temperature = p.double(SimulationStages.temperature.name); maxDisplacement = p.double(SimulationStages.maxDisplacement.name)
            runs = p.int(Self.runs.name); betaRatio = p.double(Self.betaRatio.name)
            let tau = p.double(Self.tauAlpha.name)
            tauAlpha = tau > 0 ? tau : nil
        }
    }

    static let propensity = StudyKind(StageKind(
        "propensity", version: 3,
        fields: Propensity.fields,
        inputs: [InputSpec("configuration", help: "an equilibrated configuration"),
                 InputSpec("relaxation", required: false, help: "the relaxation run giving τα")],
        threads: { _ in StageKind.everyCore },
        exports: { ctx in
            let dir = configurationDirectory(ctx)
            return ["propensity.npy", "propensity_halves.npy", "propensity.names.json", "propensity.json"].map { ExportItem(file: $0, as: "\(dir)/\($0)") }
        },
        run: runPropensity),
        modules: ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics"], cost: TaskCosts.propensity)

    static func tauAlpha(_ context: TaskContext, _ parameters: Propensity) throws -> Double {
        if let fixed = parameters.tauAlpha { return fixed }
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
        let p = Propensity(context.parameters)
        let start = try ExtendedXYZ.read(from: context.input("configuration").url("configuration.xyz"))
        let tau = try tauAlpha(context, p)
        let tBeta = max(1, Int((tau * p.betaRatio).rounded())), tA = max(tBeta + 1, Int(tau.rounded()))
        let ensemble = try IsoconfigurationalEnsemble(temperature: p.temperature, runs: p.runs, times: [tBeta, tA],
                                                      maxDisplacement: p.maxDisplacement)
        let (flag, progress) = bridge(context, unit: "sweeps")
        let result: PropensityResult
        do {
            result = try ensemble.compute(from: start, seed: context.seed, configuration: UInt64(context.replica ?? 0),
                                          checkpointDirectory: context.scratchDirectory, checkpointInterval: checkpointSweeps,
                                          cancellation: flag, progress: progress, resumed: { context.resumed(Double($0)) })
        } catch { throw cancelled(error) }
        let times = PropensityTimes(labels: [.tBeta, .tauAlpha], times: [tBeta, tA], tauAlpha: tau, runs: ensemble.runs,
                                    temperature: ensemble.temperature, curveTimes: result.curveTimes, fs: result.fs)
        try PropensityData.write(p: result.p, q: result.q, pHalves: result.pHalves, times: times, to: context.outputDirectory)
    }
}
