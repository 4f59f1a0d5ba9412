import Model
import Randomness

/// One preparation in progress: the trajectory and its `PreparationState`, run phase by phase
/// (melt → swap stage → check run), resumable from a checkpoint at any sweep.
final class PreparationRun {
    let p: PreparationProtocol
    let seed: UInt64, index: UInt64
    let checkpoint: CheckpointPolicy?
    var cancellation: CancellationFlag?
    var progress: ((String, Int, Int) -> Void)?
    let sim: MonteCarloSimulation
    var state: PreparationState
    /// Continued from a checkpoint rather than started from a random liquid.
    let isResumed: Bool

    /// The engine parameters of each phase: hot melt, swap moves at T, translations only at T.
    static func parameters(_ phase: PreparationState.Phase, _ p: PreparationProtocol) throws -> MonteCarloParameters {
        switch phase {
        case .melt: try MonteCarloParameters(temperature: max(p.meltTemperature, p.temperature), maxDisplacement: p.maxDisplacement)
        case .swap: try MonteCarloParameters(temperature: p.temperature, maxDisplacement: p.maxDisplacement, swapFraction: p.swapFraction)
        case .check: try MonteCarloParameters(temperature: p.temperature, maxDisplacement: p.maxDisplacement)
        }
    }

    /// Continues from the newest intact checkpoint at `checkpoint.url` if there is one, else
    /// starts from a random liquid.
    init(_ p: PreparationProtocol, seed: UInt64, index: UInt64, mixture: Mixture, checkpoint: CheckpointPolicy?,
         warn: (String) -> Void = Checkpoint.warnOnStandardError) throws {
        self.p = p; self.seed = seed; self.index = index; self.checkpoint = checkpoint
        let resumed = try checkpoint.flatMap { c in
            try Checkpoint.readLatest(at: c.url, warn: warn) { contents, path in
                let state = try PreparationState.decode(contents.payload, path: path, p, seed: seed, index: index)
                let sim = try MonteCarloSimulation(checkpoint: contents, parameters: PreparationRun.parameters(state.phase, p),
                                                   mixture: mixture, path: path)
                return (sim, state)
            }
        }
        isResumed = resumed != nil
        if let resumed {
            (sim, state) = resumed
        } else {
            var start = RandomStream(seed: seed, purpose: .liquidPreparation, indices: [index])
            let liquid = try Configuration.random(n: p.n, mixture: mixture, stream: &start)
            sim = try MonteCarloSimulation(configuration: liquid, parameters: PreparationRun.parameters(.melt, p),
                                           stream: RandomStream(seed: seed, purpose: .equilibration, indices: [index]), mixture: mixture)
            state = PreparationState(p)
        }
    }

    func compute() throws -> PreparedConfiguration {
        if state.phase == .melt {
            try finish(sim.run(until: p.meltSweeps, checkpoint: checkpoint, cancellation: cancellation,
                               progress: { self.progress?(PreparationState.Phase.melt.progressName, $0, $1) }, payload: payload))
            try enter(.swap)
        }
        if state.phase == .swap {
            try swapStage()
            try enter(.check)
        }
        try checkRun()
        let check = EquilibriumCheck(temperature: p.temperature, samples: state.samples, acceptanceRate: sim.acceptanceRate,
                                     swapAcceptanceRate: state.swapAcceptance)
        return PreparedConfiguration(configuration: sim.configuration, check: check, equilibration: state.record, samples: state.samples)
    }

    /// Sweeps done in the current phase, as `progress` counts them.
    var phaseDone: Int {
        switch state.phase {
        case .melt: sim.sweep
        case .swap: state.done
        case .check: sim.sweep - state.checkFirst
        }
    }

    func payload() -> [UInt8] { state.encode(p, seed: seed, index: index) }

    func writeCheckpoint() throws {
        if let c = checkpoint { try Checkpoint.write(sim, payload: payload(), to: c.url) }
    }

    func finish(_ outcome: RunOutcome) throws {
        if case .cancelled(let sweep) = outcome { throw MonteCarloError.cancelled(sweep: sweep) }
    }

    /// Starts the next phase: its parameters (rebuilding the neighbour list) and fresh counters.
    func enter(_ phase: PreparationState.Phase) throws {
        if phase == .check { state.swapAcceptance = sim.swapAcceptanceRate }
        sim.setParameters(try PreparationRun.parameters(phase, p))
        sim.resetCounters()
        state.phase = phase
        state.windowFirst = sim.sweep
        state.checkFirst = sim.sweep
    }

    /// The adaptive swap stage: windows of `windowSweeps` with swap moves at T, each sampled
    /// `samplesPerWindow` times, until two successive windows agree (`AdaptiveEquilibration`)
    /// or the budget `maxSwapSweeps` is spent.
    func swapStage() throws {
        let every = max(1, p.windowSweeps / PreparationProtocol.samplesPerWindow)
        let step = max(1, min(MonteCarloSimulation.progressSweeps, p.maxSwapSweeps / 100))
        while true {
            while sim.sweep - state.windowFirst < p.windowSweeps {
                if cancellation?.isCancelled == true { try writeCheckpoint(); throw MonteCarloError.cancelled(sweep: sim.sweep) }
                if p.swapFraction > 0 { sim.performSwapSweep(pairs: p.swapPairs, tally: &state.tally) } else { sim.performSweep() }
                if (sim.sweep - state.windowFirst) % every == 0 { state.windowEnergies.append(sim.potentialEnergy / Double(sim.count)) }
                state.done += 1
                if state.done % step == 0 { progress?(PreparationState.Phase.swap.progressName, state.done, p.maxSwapSweeps) }
                if let c = checkpoint, sim.sweep % c.interval == 0 { try writeCheckpoint() }
            }
            let window = EnergyWindow(firstSweep: state.windowFirst, sweeps: p.windowSweeps, energies: state.windowEnergies)
            state.windowFirst = sim.sweep; state.windowEnergies = []
            if state.record.add(window) != .runAnotherWindow { break }
        }
        state.record.tally = state.tally
    }

    /// Translational moves only at T, the energy sampled every `sampleInterval` sweeps.
    func checkRun() throws {
        let first = state.checkFirst
        try finish(sim.run(until: first + p.checkSweeps, checkpoint: checkpoint, cancellation: cancellation,
                           progress: { d, _ in self.progress?(PreparationState.Phase.check.progressName, d - first, self.p.checkSweeps) },
                           afterSweep: { s in
                               if (s.sweep - first) % self.p.sampleInterval == 0 {
                                   self.state.sampleSweeps.append(s.sweep)
                                   self.state.sampleEnergies.append(s.potentialEnergy / Double(s.count))
                               }
                           },
                           payload: payload))
    }
}
