import Model
import Randomness

/// How an equilibrium configuration is prepared: a random liquid melted at a high temperature,
/// quenched to T and equilibrated with translational plus species-swap moves in windows until the
/// energy stops drifting (`AdaptiveEquilibration`), then run with translational moves only while
/// the energy is sampled for the equilibrium check.
public struct PreparationProtocol: Sendable, Equatable {
    public var n: Int
    public var temperature: Double
    /// Melting temperature and sweeps for the random start (removes overlaps).
    public var meltTemperature = 2.0
    public var meltSweeps = 200
    /// Sweeps of one window of the swap stage (at least one τα) and the stage's budget.
    public var windowSweeps: Int
    public var maxSwapSweeps: Int
    /// Swap trials per sweep = swapFraction · N (0: the windows run translational moves only).
    public var swapFraction = 0.2
    public var swapPairs = SwapPairs.adjacent
    /// Sweeps at T with translational moves only; the check uses the energy sampled here.
    public var checkSweeps: Int
    /// Sweeps between energy samples in the check window.
    public var sampleInterval = 10
    public var maxDisplacement = MonteCarloParameters.paperMaxDisplacement

    /// The optional fields at their defaults, for schemas that expose them. n, T and the sweep
    /// counts have none (every caller chooses them); they hold the smallest allowed here.
    public static let defaults = try! PreparationProtocol(n: 1, temperature: 1, windowSweeps: EnergyWindow.blocks,
                                                          maxSwapSweeps: AdaptiveEquilibration.minimumWindows * EnergyWindow.blocks,
                                                          checkSweeps: minimumCheckSweeps)
    /// Fewest sweeps of the check run (its energy slope needs some samples).
    public static let minimumCheckSweeps = 20

    /// Energy samples per window (at most; one per sweep in short windows).
    public static let samplesPerWindow = 100

    public init(n: Int, temperature: Double, windowSweeps: Int, maxSwapSweeps: Int, checkSweeps: Int) throws {
        try EngineLimits.check("n", n, in: 1, EngineLimits.maxParticles)
        guard temperature.isFinite, temperature > 0 else {
            throw MonteCarloError.invalidParameter(field: "temperature", value: "\(temperature)", allowed: "a finite number > 0")
        }
        try EngineLimits.check("windowSweeps", windowSweeps, in: EnergyWindow.blocks, EngineLimits.maxSweeps)
        try EngineLimits.check("maxSwapSweeps", maxSwapSweeps, in: AdaptiveEquilibration.minimumWindows * windowSweeps, EngineLimits.maxSweeps)
        try EngineLimits.check("checkSweeps", checkSweeps, in: Self.minimumCheckSweeps, EngineLimits.maxSweeps)
        self.n = n; self.temperature = temperature; self.windowSweeps = windowSweeps
        self.maxSwapSweeps = maxSwapSweeps; self.checkSweeps = checkSweeps
    }
}

/// An equilibrated configuration with the numbers of its equilibrium check.
public struct PreparedConfiguration: Sendable {
    public var configuration: Configuration
    public var check: EquilibriumCheck
    /// The windows, drift tests and swap statistics of the swap stage.
    public var equilibration: AdaptiveEquilibration
    /// Potential energy per particle sampled over the check window (what the check was made from).
    public var samples: [(sweep: Int, energyPerParticle: Double)] = []
}

public enum Preparation {
    /// Prepares configuration number `index` of a data set from `seed`: streams
    /// (seed, liquidPreparation, [index]) for the random start and (seed, equilibration, [index])
    /// for the Monte Carlo. `progress(stage, done, total)` reports long runs; `resumed(stage, done)`
    /// says where a run continued from a checkpoint starts, in the same terms.
    ///
    /// With `checkpoint`, the state of every stage (trajectory, swap-stage record, window and
    /// check samples so far) is written every `interval` sweeps and when cancelled, and a run
    /// finding one continues from it: the result is bit for bit that of an uninterrupted run.
    /// A checkpoint of another protocol, seed or index is refused (`checkpointMismatch`); a
    /// damaged one is discarded with a warning on standard error (see `Checkpoint.readLatest`).
    /// Throws `MonteCarloError.cancelled` when stopped by `cancellation`.
    public static func prepare(_ p: PreparationProtocol, seed: UInt64, index: UInt64 = 0, mixture: Mixture = .paper,
                               checkpoint: CheckpointPolicy? = nil, cancellation: CancellationFlag? = nil,
                               progress: ((String, Int, Int) -> Void)? = nil,
                               resumed: ((String, Int) -> Void)? = nil) throws -> PreparedConfiguration {
        // The stages run back to back on one sweep counter; settable fields are checked here.
        try EngineLimits.check("meltSweeps", p.meltSweeps, in: 0, EngineLimits.maxSweeps)
        try EngineLimits.check("windowSweeps", p.windowSweeps, in: EnergyWindow.blocks, EngineLimits.maxSweeps)
        try EngineLimits.check("maxSwapSweeps", p.maxSwapSweeps, in: AdaptiveEquilibration.minimumWindows * p.windowSweeps, EngineLimits.maxSweeps)
        try EngineLimits.check("checkSweeps", p.checkSweeps, in: PreparationProtocol.minimumCheckSweeps, EngineLimits.maxSweeps)
        try EngineLimits.check("sampleInterval", p.sampleInterval, in: 1, EngineLimits.maxSweeps)
        try EngineLimits.check("meltSweeps + maxSwapSweeps + checkSweeps", p.meltSweeps + p.maxSwapSweeps + p.checkSweeps, in: 20, EngineLimits.maxSweeps)
        let run = try PreparationRun(p, seed: seed, index: index, mixture: mixture, checkpoint: checkpoint)
        run.cancellation = cancellation; run.progress = progress
        if run.isResumed {
            // A run resumed in its check run first says how long its swap stage was.
            if run.state.phase == .check { progress?(PreparationState.Phase.swap.progressName, run.state.done, p.maxSwapSweeps) }
            resumed?(run.state.phase.progressName, run.phaseDone)
        }
        return try run.compute()
    }
}
