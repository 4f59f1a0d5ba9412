import Foundation
@testable import MonteCarlo
import Randomness
import Testing

/// The adaptive stop of the swap stage on synthetic energy series, and on a real quench.
@Suite struct AdaptiveEquilibrationTests {
    /// Energies of one window: `mean` plus Gaussian noise of width `noise`, drifting by `slope` per sample.
    func window(_ k: Int, samples: Int = 100, mean: Double, slope: Double = 0, noise: Double, rng: inout RandomStream) -> EnergyWindow {
        let energies = (0..<samples).map { s in mean + slope * Double(k * samples + s) + noise * rng.gaussian() }
        return EnergyWindow(firstSweep: k * samples, sweeps: samples, energies: energies)
    }

    @Test func windowMeanAndBlockErrorByHand() {
        // Ten samples make ten blocks of one: mean 4.5, SE = √(Σ(x − 4.5)² / 9 / 10) = √(82.5 / 90).
        let w = EnergyWindow(firstSweep: 0, sweeps: 10, energies: (0..<10).map(Double.init))
        #expect(w.meanEnergyPerParticle == 4.5)
        #expect(abs(w.error - (82.5 / 90).squareRoot()) < 1e-12)
        let d = WindowDrift(from: w, to: EnergyWindow(firstSweep: 10, sweeps: 10, energies: (0..<10).map { Double($0) + 3 }))
        #expect(d.drift == 3)
        #expect(abs(d.significance - 3 / (2 * 82.5 / 90).squareRoot()) < 1e-12)
        #expect(!d.isFlat)
    }

    @Test func stopsWhenTheEnergyIsFlat() {
        var rng = RandomStream(seed: 1, purpose: .testData)
        var record = AdaptiveEquilibration(windowSweeps: 100, maxSwapSweeps: 1000, swapPairs: .adjacent)
        var decisions: [AdaptiveEquilibration.Decision] = []
        repeat { decisions.append(record.add(window(record.windows.count, mean: -1.5, noise: 0.01, rng: &rng))) }
        while decisions.last == .runAnotherWindow
        #expect(decisions.last == .equilibrated)
        #expect(record.isEquilibrated)
        #expect(record.windows.count >= 3 && record.windows.count < record.maxWindows)
        #expect(record.drifts.count == record.windows.count - 1)
        #expect(record.finalDrift!.significance < WindowDrift.threshold)
        #expect(record.swapSweeps == 100 * record.windows.count)
    }

    @Test func failsWhenTheBudgetRunsOutOnADriftingSeries() {
        // A drift of 0.01 per window against window errors of about 0.0015: never flat.
        var rng = RandomStream(seed: 2, purpose: .testData)
        var record = AdaptiveEquilibration(windowSweeps: 100, maxSwapSweeps: 650, swapPairs: .all)
        var decision = AdaptiveEquilibration.Decision.runAnotherWindow
        while decision == .runAnotherWindow { decision = record.add(window(record.windows.count, mean: -1.5, slope: -1e-4, noise: 0.01, rng: &rng)) }
        #expect(decision == .budgetExhausted)
        #expect(!record.isEquilibrated)
        #expect(record.windows.count == 6) // 650 sweeps hold six whole windows
        #expect(record.drifts.allSatisfy { !$0.isFlat })
    }

    @Test func aShortBudgetAfterADeepQuenchIsReportedNotEquilibrated() throws {
        // Melted at T = 2 and quenched to 0.3: the energy falls steeply over the first windows.
        var p = try PreparationProtocol(n: 100, temperature: 0.3, windowSweeps: 10, maxSwapSweeps: 30, checkSweeps: 20)
        p.meltSweeps = 20
        let prepared = try Preparation.prepare(p, seed: 4)
        let e = prepared.equilibration
        #expect(!e.isEquilibrated)
        #expect(e.windows.count == 3 && e.swapSweeps == 30)
        #expect(e.finalDrift!.drift < 0)
        #expect(e.tally.unlikeTrials > 0 && e.tally.trials[SwapPairType.smallLarge.rawValue] == 0)
    }

    /// A flat first comparison does not count: window 1 is burn-in.
    @Test func theFirstWindowIsBurnIn() {
        var record = AdaptiveEquilibration(windowSweeps: 10, maxSwapSweeps: 100, swapPairs: .adjacent)
        let flat = EnergyWindow(firstSweep: 0, sweeps: 10, energies: (0..<10).map { Double($0 % 2) })
        #expect(record.add(flat) == .runAnotherWindow)
        #expect(record.add(flat) == .runAnotherWindow)
        #expect(record.drifts.first?.isFlat == true)
        #expect(record.add(flat) == .equilibrated)
    }

    @Test func protocolRefusesABudgetBelowThreeWindows() {
        #expect { try PreparationProtocol(n: 100, temperature: 1, windowSweeps: 50, maxSwapSweeps: 149, checkSweeps: 20) } throws: { e in
            "\(e)".contains("maxSwapSweeps") && "\(e)".contains("150")
        }
        #expect { try PreparationProtocol(n: 100, temperature: 1, windowSweeps: 5, maxSwapSweeps: 100, checkSweeps: 20) } throws: { e in
            "\(e)".contains("windowSweeps")
        }
    }
}
