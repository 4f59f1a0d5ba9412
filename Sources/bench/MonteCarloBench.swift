import Dispatch
import Model
import MonteCarlo
import Randomness

/// Throughput of translational Metropolis trials at N = 4000, T = 0.5 (issue 2 requires
/// ≥ 4e6 trials/s per core), and the parallel efficiency of independent trajectories.
func benchMonteCarlo() throws {
    let n = 4000, temperature = 0.5
    var start = RandomStream(seed: 2024, purpose: .liquidPreparation)
    let liquid = try Configuration.random(n: n, stream: &start)
    let hot = try MonteCarloSimulation(configuration: liquid, parameters: MonteCarloParameters(temperature: 2.0),
                                       stream: RandomStream(seed: 2024, purpose: .equilibration))
    for _ in 0..<100 { hot.performSweep() }
    hot.setParameters(try MonteCarloParameters(temperature: temperature))
    for _ in 0..<200 { hot.performSweep() }
    let equilibrated = hot.configuration

    func trajectory(_ k: Int, sweeps: Int) throws -> Double {
        let sim = try MonteCarloSimulation(configuration: equilibrated, parameters: MonteCarloParameters(temperature: temperature),
                                           stream: RandomStream(seed: 2024, purpose: .relaxationRun, indices: [UInt64(k)]))
        let t = seconds { for _ in 0..<sweeps { sim.performSweep() } }
        return Double(sweeps * n) / t
    }
    let sweeps = 400
    let single = try trajectory(0, sweeps: sweeps)
    report("mc.trials_per_s_per_core", single, "trials/s")
    var rates = [Double](repeating: 0, count: 2)
    let wall = seconds {
        rates.withUnsafeMutableBufferPointer { out in
            DispatchQueue.concurrentPerform(iterations: 2) { k in out[k] = (try? trajectory(k + 1, sweeps: sweeps)) ?? 0 }
        }
    }
    let total = Double(2 * sweeps * n) / wall
    report("mc.parallel_efficiency", total / (2 * single), "ratio")
}
