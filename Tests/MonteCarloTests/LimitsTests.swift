import Model
@testable import MonteCarlo
import Randomness
import Testing
import TestSupport

/// Issue 14, items 7 and 10: bounded counts, and no trajectory from coincident particles.
@Suite struct MonteCarloLimitsTests {
    @Test func runRefusesATargetBeyondTheEngine() throws {
        let sim = try meltedSimulation(n: 100, sweeps: 0)
        let before = sim.sweep
        #expect { try sim.run(until: Int.max) } throws: { e in
            "\(e)" == "invalid target sweep = 9223372036854775807: expected a whole number in 0…100000000000 (10^11)"
        }
        #expect(sim.sweep == before)
    }

    @Test func preparationRefusesHugeCounts() {
        #expect { try PreparationProtocol(n: Int.max, temperature: 1, windowSweeps: 10, maxSwapSweeps: 30, checkSweeps: 20) } throws: { e in
            "\(e)".contains("invalid n = 9223372036854775807") && "\(e)".contains("10^7")
        }
        #expect { try PreparationProtocol(n: 100, temperature: 1, windowSweeps: 10, maxSwapSweeps: Int.max, checkSweeps: 20) } throws: { e in "\(e)".contains("maxSwapSweeps") }
        #expect { try PreparationProtocol(n: 100, temperature: 1, windowSweeps: 100, maxSwapSweeps: 250, checkSweeps: 20) } throws: { e in
            "\(e)".contains("maxSwapSweeps") && "\(e)".contains("300")
        }
        var p = try! PreparationProtocol(n: 100, temperature: 1, windowSweeps: 10, maxSwapSweeps: 30, checkSweeps: 20)
        p.meltSweeps = Int.max // would overflow the stage offsets
        #expect { try Preparation.prepare(p, seed: 1) } throws: { e in "\(e)".contains("meltSweeps") }
    }

    @Test func coincidentParticlesAreRefusedNamingBoth() {
        var c = Fixtures.randomMixture(n: 100, seed: 4)
        c.x[42] = c.x[7]; c.y[42] = c.y[7]
        #expect { try MonteCarloSimulation(configuration: c, parameters: MonteCarloParameters(temperature: 1), seed: 1) } throws: { e in
            "\(e)".contains("particles 7 and 42")
        }
    }
}
