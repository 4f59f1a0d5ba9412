import Dispatch
import Foundation
import Model
import MonteCarlo

/// Throughput of translational Metropolis trials at N = 4000, T = 0.5, of this engine and of the
/// previous one (`TranslationKernel.reference`) from the same state in the same run, and the
/// parallel efficiency of independent trajectories.
///
/// Per-core speed is measured in thread CPU time and reported as the best of several blocks,
/// so other processes on a shared machine bias it less than wall time; the wall-clock rate is
/// reported alongside.
func benchMonteCarlo() throws {
    let n = 4000, temperature = 0.5
    var protocol_ = try PreparationProtocol(n: n, temperature: temperature, windowSweeps: 70, maxSwapSweeps: 210, checkSweeps: 100)
    protocol_.meltSweeps = 100
    let start = try Preparation.prepare(protocol_, seed: 2024).configuration
    let parameters = try MonteCarloParameters(temperature: temperature)

    let sim = try MonteCarloSimulation(configuration: start, parameters: parameters, seed: 2024, index: 1)
    let blockSweeps = 50, blocks = 8
    var best = 0.0, wallTotal = 0.0, energy = 0.0
    let rebuilds0 = sim.rebuilds
    for _ in 0..<blocks {
        let c0 = monteCarloThreadCPUSeconds()
        wallTotal += seconds { for _ in 0..<blockSweeps { sim.performSweep() } }
        best = max(best, Double(blockSweeps * n) / (monteCarloThreadCPUSeconds() - c0))
        energy += sim.potentialEnergy / Double(n * blocks)
    }
    report("mc.trials_per_s_per_core", best, "trials/s")
    // Where a trial's time goes: the ΔE kernel alone on one particle (arithmetic; its row stays
    // in L1) and on random particles (plus memory), neither accepting nor rebuilding.
    for (name, one) in [("mc.energy_change_one_particle", true), ("mc.energy_change_random_particles", false)] {
        let evaluations = 1_000_000, c0 = monteCarloThreadCPUSeconds()
        let sink = sim.energyChangeThroughputProbe(evaluations: evaluations, oneParticle: one)
        report(name, Double(evaluations) / (monteCarloThreadCPUSeconds() - c0) + Double(sink & 0) , "evaluations/s")
    }
    // The previous engine (Double lanes of 4, summed in list order) from the same state, same run.
    let reference = try MonteCarloSimulation(configuration: sim.configuration, parameters: parameters, seed: 2024, index: 2)
    reference.kernel = .reference
    var referenceBest = 0.0
    for _ in 0..<blocks {
        let c0 = monteCarloThreadCPUSeconds()
        for _ in 0..<blockSweeps { reference.performSweep() }
        referenceBest = max(referenceBest, Double(blockSweeps * n) / (monteCarloThreadCPUSeconds() - c0))
    }
    report("mc.reference_trials_per_s_per_core", referenceBest, "trials/s")
    report("mc.speedup_over_reference", best / referenceBest, "ratio")
    report("mc.trials_per_s_wall", Double(blocks * blockSweeps * n) / wallTotal, "trials/s")
    report("mc.acceptance_rate", sim.acceptanceRate, "fraction")
    // Physics check against other engines: mean potential energy per particle over the blocks.
    report("mc.energy_per_particle", energy, "epsilon")
    report("mc.list_rebuilds_per_sweep", Double(sim.rebuilds - rebuilds0) / Double(blocks * blockSweeps), "rebuilds")
    report("mc.list_entries_per_particle", sim.meanListLength, "entries")
    report("mc.rows_without_image", sim.rowsWithoutImage, "fraction")
    let r0 = monteCarloThreadCPUSeconds()
    for _ in 0..<20 { sim.setParameters(parameters) }  // reloads 9 table entries and rebuilds the list
    report("mc.list_rebuild_ms", (monteCarloThreadCPUSeconds() - r0) / 20 * 1e3, "ms")

    // Preparation sweeps: N translational trials plus 0.2 N adjacent-size swap trials.
    let prep = try MonteCarloSimulation(configuration: sim.configuration,
                                        parameters: MonteCarloParameters(temperature: temperature, swapFraction: 0.2), seed: 2024, index: 3)
    var tally = SwapTally(), bestSwap = 0.0
    for _ in 0..<4 {
        let c0 = monteCarloThreadCPUSeconds()
        for _ in 0..<20 { prep.performSwapSweep(pairs: .adjacent, tally: &tally) }
        bestSwap = max(bestSwap, 20 / (monteCarloThreadCPUSeconds() - c0))
    }
    report("mc.swap_sweeps_per_s_per_core", bestSwap, "sweeps/s")
    // What `repro status` needs (EngineSpeed.swapTrialCost): one swap trial in translational
    // trials, from the two speeds of this run (a swap sweep is N translations + 0.2 N swaps).
    report("mc.swap_trial_cost", (best / Double(n) / bestSwap - 1) / 0.2, "translations")

    // Two independent trajectories on two threads versus one after the other (wall clock).
    let sweeps = 200
    func trajectory(_ k: Int) {
        guard let s = try? MonteCarloSimulation(configuration: start, parameters: parameters, seed: 2024, index: UInt64(10 + k)) else { return }
        for _ in 0..<sweeps { s.performSweep() }
    }
    let serial = seconds { trajectory(0); trajectory(1) }
    let parallel = seconds { DispatchQueue.concurrentPerform(iterations: 2) { trajectory($0) } }
    report("mc.parallel_efficiency", serial / (2 * parallel), "ratio")
}

/// CPU seconds consumed by the calling thread.
private func monteCarloThreadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
