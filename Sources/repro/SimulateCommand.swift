import ArgumentParser
import Dispatch
import Foundation
import Model
import MonteCarlo

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run Metropolis Monte Carlo of the 2D ternary glass former (paper Sec. II A).",
        discussion: """
        Without --from, prepares a random liquid (melted at T = 2), quenches it to --temperature and \
        equilibrates it with translational and species-swap moves for --prepare-sweeps sweeps, then runs \
        --sweeps sweeps of translational moves (δ_max = 0.12). Prints the mean potential energy per particle \
        over the run, the acceptance rate and the speed. Ctrl-C stops cleanly after the current sweep.
        """)

    @Option(help: "Number of particles when preparing a liquid (a multiple of 25; ignored with --from unless given, then it must match).")
    var n: Int?
    @Option(help: "Temperature T (> 0).")
    var temperature: Double
    @Option(help: "Sweeps (N trials each) of the production run.")
    var sweeps: Int = 1000
    @Option(help: "Seed of every random stream.")
    var seed: UInt64 = 1
    @Option(help: "Start from this extended-XYZ configuration instead of preparing a liquid.")
    var from: String?
    @Option(help: "Sweeps with swap moves at T when preparing a liquid.")
    var prepareSweeps: Int = 2000
    @Option(help: "Output extended-XYZ file (unwrapped positions).")
    var out: String

    func validate() throws {
        guard temperature.isFinite, temperature > 0 else { throw ValidationError("--temperature must be a finite number > 0, got \(temperature)") }
        guard sweeps >= 1 else { throw ValidationError("--sweeps must be ≥ 1, got \(sweeps)") }
        guard prepareSweeps >= 0 else { throw ValidationError("--prepare-sweeps must be ≥ 0, got \(prepareSweeps)") }
        if let n { guard n > 0, n % 25 == 0 else { throw ValidationError("--n must be a positive multiple of 25 (44/20/36 % S/M/L), got \(n)") } }
    }

    func run() throws {
        let flag = cancelOnSignals()
        let start: Configuration
        if let from {
            start = try ExtendedXYZ.read(from: URL(fileURLWithPath: from))
            if let n, n != start.count { throw ValidationError("--n \(n) does not match the \(start.count) particles in \(from)") }
        } else {
            let p = try PreparationProtocol(n: n ?? 4000, temperature: temperature, swapSweeps: prepareSweeps, checkSweeps: 200)
            let prepared = try Preparation.prepare(p, seed: seed, cancellation: flag, progress: progressLine)
            let c = prepared.check
            print(String(format: "prepared: E/N = %.5f ± %.5f, drift %.2e ± %.1e per sweep (%.1fσ), acceptance %.3f, swap acceptance %.3f",
                         c.meanEnergyPerParticle, c.meanEnergyError, c.slopePerSweep, c.slopeError, c.driftSignificance,
                         c.acceptanceRate, c.swapAcceptanceRate))
            start = prepared.configuration
        }
        let sim = try MonteCarloSimulation(configuration: start, parameters: MonteCarloParameters(temperature: temperature), seed: seed, index: 1)
        var energy = 0.0, samples = 0
        let every = max(1, sweeps / 200)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let outcome = try sim.run(until: sweeps, cancellation: flag, progress: { d, t in progressLine("run", d, t) },
                                  afterSweep: { s in if s.sweep % every == 0 { energy += s.potentialEnergy; samples += 1 } })
        let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        try ExtendedXYZ.write(sim.configuration, to: URL(fileURLWithPath: out),
                              comment: ["temperature": "\(temperature)", "sweeps": "\(sim.sweep)", "seed": "\(seed)"])
        if case .cancelled(let s) = outcome { print("interrupted after \(s) sweeps; configuration written to \(out)") }
        print(String(format: "mean potential energy per particle: %.6f", samples > 0 ? energy / Double(samples) / Double(sim.count) : sim.potentialEnergy / Double(sim.count)))
        print(String(format: "acceptance rate: %.4f", sim.acceptanceRate))
        print(String(format: "speed: %.3g trials/s (%d sweeps of %d particles in %.1f s)", Double(sim.trials) / wall, sim.sweep, sim.count, wall))
        if case .cancelled = outcome { throw ExitCode(130) }
    }
}

/// A cancellation flag set by SIGINT or SIGTERM (handled on a dispatch queue, not in the signal
/// handler), so long runs stop at a sweep boundary and write their checkpoints.
func cancelOnSignals() -> CancellationFlag {
    let flag = CancellationFlag()
    for s in [SIGINT, SIGTERM] {
        signal(s, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
        source.setEventHandler {
            FileHandle.standardError.write(Data("\nstopping at the next sweep (checkpoints are written)…\n".utf8))
            flag.cancel()
        }
        source.resume()
        signalSources.append(source)
    }
    return flag
}
nonisolated(unsafe) private var signalSources: [DispatchSourceSignal] = []

/// One progress line on stderr about every 10 % of a stage.
func progressLine(_ stage: String, _ done: Int, _ total: Int) {
    guard total > 0, done * 10 / total != (done - max(1, total / 100)) * 10 / total || done == total else { return }
    FileHandle.standardError.write(Data("\(stage): \(done)/\(total) sweeps\n".utf8))
}
