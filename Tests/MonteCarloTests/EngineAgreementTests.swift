import Foundation
import Model
@testable import MonteCarlo
import Randomness
import Testing

/// The quantized engine against the previous one (`TranslationKernel.reference`, Double pair
/// energies): from the same configuration, the mean potential energy and the acceptance rate
/// agree within statistical error. Error bars are standard errors of 20 block means of
/// independent trajectories; the test allows 4 combined standard errors.
@Suite struct EngineAgreementTests {
    @Test func meanEnergyAndAcceptanceAgreeWithThePreviousEngine() throws {
        let start = try meltedSimulation(n: 200, seed: 31, temperature: 0.8, sweeps: 100).configuration
        func blocks(_ kernel: TranslationKernel) throws -> (energy: [Double], acceptance: [Double]) {
            let sim = try MonteCarloSimulation(configuration: start, parameters: MonteCarloParameters(temperature: 0.8),
                                               stream: RandomStream(seed: kernel == .quantized ? 1 : 2, purpose: .testData))
            sim.kernel = kernel
            for _ in 0..<100 { sim.performSweep() } // forget the start
            var energy: [Double] = [], acceptance: [Double] = []
            for _ in 0..<20 {
                sim.resetCounters()
                var e = 0.0
                for s in 1...40 {
                    sim.performSweep()
                    if s % 10 == 0 { e += bruteEnergy(sim.configuration) / Double(sim.count) / 4 }
                }
                energy.append(e); acceptance.append(sim.acceptanceRate)
            }
            return (energy, acceptance)
        }
        func meanAndError(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1) / Double(x.count)).squareRoot())
        }
        let q = try blocks(.quantized), r = try blocks(.reference)
        for (name, a, b) in [("energy per particle", q.energy, r.energy), ("acceptance", q.acceptance, r.acceptance)] {
            let (ma, ea) = meanAndError(a), (mb, eb) = meanAndError(b)
            #expect(ea > 0 && eb > 0)
            #expect(abs(ma - mb) < 4 * (ea * ea + eb * eb).squareRoot(), "\(name): \(ma) ± \(ea) vs \(mb) ± \(eb)")
        }
    }
}
