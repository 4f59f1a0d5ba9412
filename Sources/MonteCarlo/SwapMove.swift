import Foundation
import Model
import Randomness

extension MonteCarloSimulation {
    /// Species-swap trials (preparation only): two random particles exchange species, accepted
    /// with min(1, e^(−ΔE/T)). The proposal is symmetric, so the Boltzmann distribution is kept;
    /// a pair of equal species is a null move (counted as a rejected trial).
    func swapTrials(_ trialCount: Int) {
        let n = UInt64(count), beta = 1 / parameters.temperature
        for _ in 0..<trialCount {
            let i = Int(stream.next().multipliedFullWidth(by: n).high)
            let j = Int(stream.next().multipliedFullWidth(by: n).high)
            swapTrials += 1
            let a = species[i], b = species[j]
            guard a != b else { continue }
            let deltaE = swapEnergyChange(i, j)
            if deltaE <= 0 || Double(stream.next() >> 11) * 0x1p-53 < exp(-deltaE * beta) {
                species[i] = b; species[j] = a
                acceptedSwaps += 1
            }
        }
    }

    /// ΔE of exchanging the species of i and j. The i–j pair itself keeps its energy (the pair
    /// type is symmetric), so it is left out of both sums.
    func swapEnergyChange(_ i: Int, _ j: Int) -> Double {
        let a = Int(species[i]), b = Int(species[j])
        return particleEnergy(i, species: b, excluding: j) - particleEnergy(i, species: a, excluding: j)
            + particleEnergy(j, species: a, excluding: i) - particleEnergy(j, species: b, excluding: i)
    }
}
