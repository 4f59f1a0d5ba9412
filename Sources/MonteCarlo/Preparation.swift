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

    /// Energy samples per window (at most; one per sweep in short windows).
    public static let samplesPerWindow = 100

    public init(n: Int, temperature: Double, windowSweeps: Int, maxSwapSweeps: Int, checkSweeps: Int) throws {
        try EngineLimits.check("n", n, in: 1, EngineLimits.maxParticles)
        guard temperature.isFinite, temperature > 0 else {
            throw MonteCarloError.invalidParameter(field: "temperature", value: "\(temperature)", allowed: "a finite number > 0")
        }
        try EngineLimits.check("windowSweeps", windowSweeps, in: EnergyWindow.blocks, EngineLimits.maxSweeps)
        try EngineLimits.check("maxSwapSweeps", maxSwapSweeps, in: AdaptiveEquilibration.minimumWindows * windowSweeps, EngineLimits.maxSweeps)
        try EngineLimits.check("checkSweeps", checkSweeps, in: 20, EngineLimits.maxSweeps)
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
    /// for the Monte Carlo. `progress(stage, done, total)` reports long runs.
    public static func prepare(_ p: PreparationProtocol, seed: UInt64, index: UInt64 = 0, mixture: Mixture = .paper,
                               cancellation: CancellationFlag? = nil,
                               progress: ((String, Int, Int) -> Void)? = nil) throws -> PreparedConfiguration {
        // The stages run back to back on one sweep counter; settable fields are checked here.
        try EngineLimits.check("meltSweeps", p.meltSweeps, in: 0, EngineLimits.maxSweeps)
        try EngineLimits.check("windowSweeps", p.windowSweeps, in: EnergyWindow.blocks, EngineLimits.maxSweeps)
        try EngineLimits.check("maxSwapSweeps", p.maxSwapSweeps, in: AdaptiveEquilibration.minimumWindows * p.windowSweeps, EngineLimits.maxSweeps)
        try EngineLimits.check("checkSweeps", p.checkSweeps, in: 20, EngineLimits.maxSweeps)
        try EngineLimits.check("sampleInterval", p.sampleInterval, in: 1, EngineLimits.maxSweeps)
        try EngineLimits.check("meltSweeps + maxSwapSweeps + checkSweeps", p.meltSweeps + p.maxSwapSweeps + p.checkSweeps, in: 20, EngineLimits.maxSweeps)
        var start = RandomStream(seed: seed, purpose: .liquidPreparation, indices: [index])
        let liquid = try Configuration.random(n: p.n, mixture: mixture, stream: &start)
        let hot = try MonteCarloParameters(temperature: max(p.meltTemperature, p.temperature), maxDisplacement: p.maxDisplacement)
        let sim = try MonteCarloSimulation(configuration: liquid, parameters: hot,
                                           stream: RandomStream(seed: seed, purpose: .equilibration, indices: [index]), mixture: mixture)
        try sim.run(until: p.meltSweeps, cancellation: cancellation, progress: { progress?("melt", $0, $1) })
        let equilibration = try swapStage(sim, p, cancellation: cancellation, progress: progress)
        let swapAcceptance = sim.swapAcceptanceRate
        sim.setParameters(try MonteCarloParameters(temperature: p.temperature, maxDisplacement: p.maxDisplacement))
        sim.resetCounters()
        let first = sim.sweep
        var samples: [(sweep: Int, energyPerParticle: Double)] = []
        try sim.run(until: first + p.checkSweeps, cancellation: cancellation,
                    progress: { d, _ in progress?("check", d - first, p.checkSweeps) },
                    afterSweep: { s in
                        if (s.sweep - first) % p.sampleInterval == 0 { samples.append((s.sweep, s.potentialEnergy / Double(s.count))) }
                    })
        let check = EquilibriumCheck(temperature: p.temperature, samples: samples, acceptanceRate: sim.acceptanceRate,
                                     swapAcceptanceRate: swapAcceptance)
        return PreparedConfiguration(configuration: sim.configuration, check: check, equilibration: equilibration, samples: samples)
    }

    /// The adaptive swap stage: windows of `windowSweeps` with swap moves at T, each sampled
    /// `samplesPerWindow` times, until two successive windows agree (`AdaptiveEquilibration`)
    /// or the budget `maxSwapSweeps` is spent. Stops early, unfinished, when cancelled.
    static func swapStage(_ sim: MonteCarloSimulation, _ p: PreparationProtocol, cancellation: CancellationFlag?,
                          progress: ((String, Int, Int) -> Void)?) throws -> AdaptiveEquilibration {
        sim.setParameters(try MonteCarloParameters(temperature: p.temperature, maxDisplacement: p.maxDisplacement, swapFraction: p.swapFraction))
        sim.resetCounters()
        var record = AdaptiveEquilibration(windowSweeps: p.windowSweeps, maxSwapSweeps: p.maxSwapSweeps, swapPairs: p.swapPairs)
        let every = max(1, p.windowSweeps / PreparationProtocol.samplesPerWindow), step = max(1, p.maxSwapSweeps / 100)
        var tally = SwapTally(), done = 0
        while true {
            let first = sim.sweep
            var energies: [Double] = []
            for k in 1...p.windowSweeps {
                if cancellation?.isCancelled == true { record.tally = tally; return record }
                if p.swapFraction > 0 { sim.performSwapSweep(pairs: p.swapPairs, tally: &tally) } else { sim.performSweep() }
                if k % every == 0 { energies.append(sim.potentialEnergy / Double(sim.count)) }
                done += 1
                if done % step == 0 { progress?("swap", done, p.maxSwapSweeps) }
            }
            if record.add(EnergyWindow(firstSweep: first, sweeps: p.windowSweeps, energies: energies)) != .runAnotherWindow { break }
        }
        record.tally = tally
        return record
    }
}
