// Measures what equilibration with species swaps costs at a temperature (issue 15, part 3): a
// random liquid melted at T = 2 is quenched to T and run with translational moves plus swap
// trials (0.2 N per sweep, as the equilibrate stage does); prints E/N and the swap acceptance per
// window, and the engine's speed for that mix of moves. Short runs only: it sized the paper
// profile's swap budget (report/equilibration/README.md), it does not equilibrate.
// Usage: equilibration-probe T SWEEPS [WINDOW] [N] [SEED]
import Dispatch
import Foundation
import Model
import MonteCarlo
import Randomness

let args = CommandLine.arguments.dropFirst().map { $0 }
guard args.count >= 2, let temperature = Double(args[0]), temperature > 0, let sweeps = Int(args[1]), sweeps > 0 else {
    FileHandle.standardError.write(Data("usage: equilibration-probe T SWEEPS [WINDOW=1000] [N=4000] [SEED=1]\n".utf8))
    exit(2)
}
let window = args.count > 2 ? Int(args[2]) ?? 1000 : 1000
let n = args.count > 3 ? Int(args[3]) ?? 4000 : 4000
let seed = args.count > 4 ? UInt64(args[4]) ?? 1 : 1

var start = RandomStream(seed: seed, purpose: .liquidPreparation, indices: [0])
let liquid = try Configuration.random(n: n, mixture: .paper, stream: &start)
let sim = try MonteCarloSimulation(configuration: liquid, parameters: MonteCarloParameters(temperature: 2.0), seed: seed)
try sim.run(until: 200)
sim.setParameters(try MonteCarloParameters(temperature: temperature, swapFraction: 0.2))
sim.resetCounters()
print("# T = \(temperature), N = \(n), seed \(seed): sweeps after the quench, E/N at the window's end, swap acceptance per swap trial in the window (null moves of equal species included)")
print("sweeps,energy_per_particle,swap_acceptance,trials_per_s")
var sweepsDone = 0
while sweepsDone < sweeps {
    let before = (swaps: sim.swapTrials, accepted: sim.acceptedSwaps, trials: sim.trials)
    let t0 = DispatchTime.now().uptimeNanoseconds
    try sim.run(until: sim.sweep + window)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    sweepsDone += window
    let swaps = sim.swapTrials - before.swaps, accepted = sim.acceptedSwaps - before.accepted
    let trials = Double(sim.trials - before.trials) + Double(swaps)
    print(String(format: "%d,%.6f,%.3e,%.3e", sweepsDone, sim.potentialEnergy / Double(n),
                 swaps == 0 ? 0 : Double(accepted) / Double(swaps), trials / seconds))
    fflush(stdout)
}
