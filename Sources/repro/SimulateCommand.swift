import ArgumentParser
import Dispatch
import Foundation
import Reproduction

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run Metropolis Monte Carlo of the 2D ternary glass former (paper Sec. II A).",
        discussion: """
        Without --from, prepares a random liquid (melted at T = 2), quenches it to --temperature and \
        equilibrates it with translational and species-swap moves in windows of --window-sweeps until the \
        energy stops drifting (at most --max-swap-sweeps; still drifting then, it fails and writes nothing unless \
        --allow-unequilibrated), then runs --sweeps sweeps of translational moves \
        (δ_max = 0.12), with --swap-fraction · N swap trials per sweep on top when given. Prints the mean \
        potential energy per particle over the run, the acceptance rates (swaps by pair type) and the speed. \
        Ctrl-C stops cleanly after the current sweep.
        """)

    // parsing: .unconditional lets negative numbers through to validate() (a plain message there).
    @Option(parsing: .unconditional, help: "Number of particles when preparing a liquid (a multiple of 25; default \(SimulationStages.n.intDefault), as the equilibrate stage's n; ignored with --from unless given, then it must match).")
    var n: Int?
    @Option(parsing: .unconditional, help: "Temperature T (> 0).")
    var temperature: Double
    @Option(parsing: .unconditional, help: "Sweeps (N trials each) of the production run, 1…10^11.")
    var sweeps: Int = 1000
    @Option(parsing: .unconditional, help: "Seed of every random stream (0…2^64 − 1).")
    var seed: UInt64 = 1
    @Option(help: "Start from this extended-XYZ configuration instead of preparing a liquid.")
    var from: String?
    // Defaults and limits of the equilibrate stage's equilibration_window and max_swap_sweeps.
    @Option(parsing: .unconditional, help: "Sweeps of one window of the adaptive swap stage when preparing a liquid (≥ 10).")
    var windowSweeps: Int = SimulationStages.Equilibrate.window.intDefault
    @Option(parsing: .unconditional, help: "Budget of swap sweeps when preparing a liquid (≥ 3 windows, at most 10^11).")
    var maxSwapSweeps: Int = SimulationStages.Equilibrate.budget.intDefault
    @Option(parsing: .unconditional, help: "Sweeps of plain translational moves for the equilibrium check after the swap stage (≥ 20).")
    var checkSweeps: Int = SimulationStages.Equilibrate.checkSweeps.intDefault
    @Option(help: "Pairs a swap trial proposes: adjacent (S↔M, M↔L) or all.")
    var swapPairs: SwapPairs = .adjacent
    @Option(parsing: .unconditional, help: "Swap trials per particle per sweep during the production run (0…\(SimulationStages.swapFraction.maximum!); 0: translations only).")
    var swapFraction: Double = 0
    @Option(help: "Output extended-XYZ file (unwrapped positions).")
    var out: String
    @Flag(name: .customLong("allow-unequilibrated"), help: "When the swap stage spends --max-swap-sweeps with the energy still drifting, run and write anyway, with a warning (default: fail, nothing written).")
    var allowUnequilibrated = false

    func validate() throws {
        try checkField("--temperature", SimulationStages.temperature, .double(temperature))
        try checkRange("--sweeps", sweeps, 1, EngineLimits.maxSweeps)
        try checkField("--window-sweeps", SimulationStages.Equilibrate.window, .int(windowSweeps))
        try checkField("--max-swap-sweeps", SimulationStages.Equilibrate.budget, .int(maxSwapSweeps))
        let k = AdaptiveEquilibration.minimumWindows
        guard maxSwapSweeps >= k * windowSweeps else { throw ValidationError("--max-swap-sweeps: \(SimulationStages.swapBudgetProblem(window: windowSweeps, budget: maxSwapSweeps))") }
        try checkField("--check-sweeps", SimulationStages.Equilibrate.checkSweeps, .int(checkSweeps))
        try checkField("--swap-fraction", SimulationStages.swapFraction, .double(swapFraction))
        if let n {
            try checkField("--n", SimulationStages.n, .int(n))
            if let issue = SimulationStages.checkN(n).first { throw ValidationError("--n: \(issue.message)") }
        }
        try OutputCheck.require("--out", files: [URL(fileURLWithPath: out)])
    }

    func run() throws { try FileProblem.translatingErrors(simulate) }

    func simulate() throws {
        let flag = Interruption.install()
        let start: Configuration
        if let from {
            start = try ExtendedXYZ.read(from: URL(fileURLWithPath: from))
            try start.requireSquare(path: from)
            if let n, n != start.count { throw ValidationError("--n \(n) does not match the \(start.count) particles in \(from)") }
        } else {
            var p = try PreparationProtocol(n: n ?? SimulationStages.n.intDefault, temperature: temperature, windowSweeps: windowSweeps,
                                            maxSwapSweeps: maxSwapSweeps, checkSweeps: checkSweeps)
            p.swapPairs = swapPairs
            let prepared: PreparedConfiguration
            do {
                prepared = try Preparation.prepare(p, seed: seed, cancellation: flag, progress: progressLine)
            } catch MonteCarloError.cancelled { // nothing worth keeping yet
                FileHandle.standardError.write(Data("interrupted while preparing the liquid; nothing written\n".utf8))
                throw ExitCode(Interruption.exitStatus)
            }
            let c = prepared.check
            print(String(format: "prepared: E/N = %.5f ± %.5f, drift %.2e ± %.1e per sweep (%.1fσ), acceptance %.3f, swap acceptance %.3f",
                         c.meanEnergyPerParticle, c.meanEnergyError, c.slopePerSweep, c.slopeError, c.driftSignificance,
                         c.acceptanceRate, c.swapAcceptanceRate))
            let e = prepared.equilibration
            print(String(format: "swap stage: %d windows of %d sweeps, last drift %.2e ± %.1e per particle (%.1fσ), ",
                         e.windows.count, e.windowSweeps, e.finalDrift?.drift ?? .nan, e.finalDrift?.error ?? .nan,
                         e.finalDrift?.significance ?? .nan) + (e.isEquilibrated ? "equilibrated" : "NOT equilibrated within the budget"))
            print(swapLine(e.tally))
            if !e.isEquilibrated {
                let why = "the liquid at T = \(temperature) is not equilibrated: \(e.shortfall)"
                guard allowUnequilibrated else {  // the work ran and its check failed: status 1, not bad input
                    FileHandle.standardError.write(Data(("Error: \(why); nothing written to \(out). Raise --max-swap-sweeps "
                        + "(or --window-sweeps), or pass --allow-unequilibrated to run and write it anyway\n").utf8))
                    throw ExitCode(1)
                }
                FileHandle.standardError.write(Data("warning: \(why); continuing (--allow-unequilibrated)\n".utf8))
            }
            start = prepared.configuration
        }
        let sim = try MonteCarloSimulation(configuration: start, parameters: MonteCarloParameters(temperature: temperature, swapFraction: swapFraction),
                                           seed: seed, index: 1)
        var energy = 0.0, samples = 0, tally = SwapTally()
        let every = max(1, sweeps / 200)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let outcome: RunOutcome
        if swapFraction > 0 { // swap sweeps are not checkpointed: a plain loop
            while sim.sweep < sweeps, !flag.isCancelled {
                sim.performSwapSweep(pairs: swapPairs, tally: &tally)
                if sim.sweep % every == 0 { energy += sim.potentialEnergy; samples += 1; progressLine("run", sim.sweep, sweeps) }
            }
            outcome = flag.isCancelled ? .cancelled(sweep: sim.sweep) : .completed
        } else {
            outcome = try sim.run(until: sweeps, cancellation: flag, progress: { d, t in progressLine("run", d, t) },
                                  afterSweep: { s in if s.sweep % every == 0 { energy += s.potentialEnergy; samples += 1 } })
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        try ExtendedXYZ.write(sim.configuration, to: URL(fileURLWithPath: out),
                              comment: ["temperature": "\(temperature)", "sweeps": "\(sim.sweep)", "seed": "\(seed)"])
        if case .cancelled(let s) = outcome { print("interrupted after \(s) sweeps; configuration written to \(out)") }
        print(String(format: "mean potential energy per particle: %.6f", samples > 0 ? energy / Double(samples) / Double(sim.count) : sim.potentialEnergy / Double(sim.count)))
        print(String(format: "acceptance rate: %.4f", sim.acceptanceRate))
        if swapFraction > 0 { print(swapLine(tally)) }
        print(String(format: "speed: %.3g trials/s (%d sweeps of %d particles in %.1f s)", Double(sim.trials) / wall, sim.sweep, sim.count, wall))
        if case .cancelled = outcome { throw ExitCode(Interruption.exitStatus) }
    }
}

/// Swap acceptance among unlike pairs, overall and by pair type.
func swapLine(_ t: SwapTally) -> String {
    let types = SwapPairType.allCases.map { $0.label + String(format: " %.2e (%llu trials)", t.acceptance($0), t.trials[$0.rawValue]) }
    return String(format: "swap acceptance among unlike pairs: %.2e; ", t.unlikeAcceptance) + types.joined(separator: ", ")
        + String(format: "; per trial %.2e", t.acceptancePerTrial)
}

extension SwapPairs: ExpressibleByArgument {}

/// Throws a plain ValidationError unless `value` lies in `low…high`.
func checkRange(_ option: String, _ value: Int, _ low: Int, _ high: Int) throws {
    guard value >= low, value <= high else {
        throw ValidationError("\(option) must be a whole number in \(EngineLimits.range(low, high)), got \(value)")
    }
}
