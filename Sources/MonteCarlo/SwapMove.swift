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
            let dq = swapEnergyChange(i, j)
            if dq <= 0 || Double(stream.next() >> 11) * 0x1p-53 < exp(-QuantizedPairEnergy.energy(dq) * beta) {
                species[i] = b; species[j] = a
                updatePairParameters(of: i); updatePairParameters(of: j)
                acceptedSwaps += 1
            }
        }
    }

    /// ΔE of exchanging the species of i and j, in fixed-point units. The i–j pair itself keeps
    /// its energy (the pair type is symmetric), so it is left out of both sums.
    func swapEnergyChange(_ i: Int, _ j: Int) -> Int64 {
        let a = Int(species[i]), b = Int(species[j])
        return particleEnergy(i, species: b, excluding: j) &- particleEnergy(i, species: a, excluding: j)
            &+ particleEnergy(j, species: a, excluding: i) &- particleEnergy(j, species: b, excluding: i)
    }

    /// After i changed species: the pair parameters of its row, and of its entry in each
    /// neighbour's row (the list is symmetric, so i's neighbours are the rows that hold i).
    func updatePairParameters(of i: Int) {
        let stride = list.stride, si = Int(species[i])
        for k in (i * stride)..<(i * stride + Int(list.counts[i])) {
            let m = Int(list.index[k]), sm = Int(species[m])
            list.inverseSigma2[k] = energy.inverseSigma2[3 * si + sm]; list.epsilon[k] = energy.epsilon[3 * si + sm]
            for e in (m * stride)..<(m * stride + Int(list.counts[m])) where Int(list.index[e]) == i {
                list.inverseSigma2[e] = energy.inverseSigma2[3 * sm + si]; list.epsilon[e] = energy.epsilon[3 * sm + si]
            }
        }
    }
}
