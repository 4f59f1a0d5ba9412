import Model
import Randomness

/// How an equilibrium configuration is prepared: a random liquid melted at a high temperature,
/// quenched to T and equilibrated with translational plus species-swap moves, then run with
/// translational moves only while the energy is sampled for the equilibrium check.
public struct PreparationProtocol: Sendable, Equatable {
    public var n: Int
    public var temperature: Double
    /// Melting temperature and sweeps for the random start (removes overlaps).
    public var meltTemperature = 2.0
    public var meltSweeps = 200
    /// Sweeps at T with swap moves (swap trials per sweep = swapFraction · N).
    public var swapSweeps: Int
    public var swapFraction = 0.2
    /// Sweeps at T with translational moves only; the check uses the energy sampled here.
    public var checkSweeps: Int
    /// Sweeps between energy samples in the check window.
    public var sampleInterval = 10
    public var maxDisplacement = MonteCarloParameters.paperMaxDisplacement

    public init(n: Int, temperature: Double, swapSweeps: Int, checkSweeps: Int) throws {
        try EngineLimits.check("n", n, in: 1, EngineLimits.maxParticles)
        guard temperature.isFinite, temperature > 0 else {
            throw MonteCarloError.invalidParameter(field: "temperature", value: "\(temperature)", allowed: "a finite number > 0")
        }
        try EngineLimits.check("swapSweeps", swapSweeps, in: 0, EngineLimits.maxSweeps)
        try EngineLimits.check("checkSweeps", checkSweeps, in: 20, EngineLimits.maxSweeps)
        self.n = n; self.temperature = temperature; self.swapSweeps = swapSweeps; self.checkSweeps = checkSweeps
    }
}

/// An equilibrated configuration with the numbers of its equilibrium check.
public struct PreparedConfiguration: Sendable {
    public var configuration: Configuration
    public var check: EquilibriumCheck
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
        try EngineLimits.check("swapSweeps", p.swapSweeps, in: 0, EngineLimits.maxSweeps)
        try EngineLimits.check("checkSweeps", p.checkSweeps, in: 20, EngineLimits.maxSweeps)
        try EngineLimits.check("sampleInterval", p.sampleInterval, in: 1, EngineLimits.maxSweeps)
        try EngineLimits.check("meltSweeps + swapSweeps + checkSweeps", p.meltSweeps + p.swapSweeps + p.checkSweeps, in: 20, EngineLimits.maxSweeps)
        var start = RandomStream(seed: seed, purpose: .liquidPreparation, indices: [index])
        let liquid = try Configuration.random(n: p.n, mixture: mixture, stream: &start)
        let hot = try MonteCarloParameters(temperature: max(p.meltTemperature, p.temperature), maxDisplacement: p.maxDisplacement)
        let sim = try MonteCarloSimulation(configuration: liquid, parameters: hot,
                                           stream: RandomStream(seed: seed, purpose: .equilibration, indices: [index]), mixture: mixture)
        try sim.run(until: p.meltSweeps, cancellation: cancellation, progress: { progress?("melt", $0, $1) })
        var swapAcceptance = 0.0
        if p.swapSweeps > 0 {
            sim.setParameters(try MonteCarloParameters(temperature: p.temperature, maxDisplacement: p.maxDisplacement, swapFraction: p.swapFraction))
            sim.resetCounters()
            try sim.run(until: sim.sweep + p.swapSweeps, cancellation: cancellation,
                        progress: { d, _ in progress?("swap", d - p.meltSweeps, p.swapSweeps) })
            swapAcceptance = sim.swapAcceptanceRate
        }
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
        return PreparedConfiguration(configuration: sim.configuration, check: check, samples: samples)
    }
}
