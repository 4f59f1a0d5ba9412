import Descriptors
import Foundation
import Model
import Randomness

/// All 60 features for N = 4000 at the paper's density (issue 3 requires ≤ 1 s on one core),
/// and the same with every core. Input: the paper's species counts, shuffled, on a jittered
/// triangular lattice, so the neighbour shells (z ≈ 6) and the R_N circles (~1300 particles)
/// are those of the dense liquid.
func benchDescriptors() throws {
    let configuration = try jitteredMixture(n: 4000, seed: 2024)
    let descriptors = try StructuralDescriptors()
    _ = try descriptors.compute(configuration, parallel: false) // warm-up
    var best = Double.infinity, bestParallel = Double.infinity, bestCPU = Double.infinity
    for _ in 0..<3 {
        let cpu0 = callingThreadCPUSeconds()
        best = min(best, try seconds { _ = try descriptors.compute(configuration, parallel: false) })
        bestCPU = min(bestCPU, callingThreadCPUSeconds() - cpu0)
        bestParallel = min(bestParallel, try seconds { _ = try descriptors.compute(configuration, parallel: true) })
    }
    report("descriptors.seconds_n4000", best, "s")
    // CPU time of the calling thread: the one-core cost even when other jobs share the machine.
    report("descriptors.cpu_seconds_n4000", bestCPU, "s")
    report("descriptors.seconds_n4000_all_cores", bestParallel, "s")
    let local = seconds { _ = try? descriptors.localDescriptors(configuration, parallel: false) }
    report("descriptors.local_seconds_n4000", local, "s")
}

/// A liquid-like N-particle configuration of the paper's mixture.
private func jitteredMixture(n: Int, seed: UInt64) throws -> Configuration {
    var stream = RandomStream(seed: seed, purpose: .testData, indices: [3])
    return try Configuration.jitteredLattice(n: n, stream: &stream)
}

/// CPU seconds consumed so far by the calling thread.
private func callingThreadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
