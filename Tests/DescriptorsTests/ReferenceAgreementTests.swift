import Model
import Testing
import TestSupport
@testable import Descriptors

/// The fast path (cell lists, SIMD exp, gathered neighbourhoods) against the O(N²) reference,
/// for every raw field and every one of the 60 features.
@Suite struct ReferenceAgreementTests {
    func compare(_ c: Configuration, radius: Double) throws {
        let descriptors = try StructuralDescriptors(coarseGrainingRadius: radius)
        let fast = try descriptors.compute(c)
        let slow = ReferenceDescriptors(c, ells: descriptors.ells, radius: radius)
        #expect(fast.local.coordination == slow.z)
        for i in 0..<c.count {
            #expect(close(fast.local.energy[i], slow.u[i]), "u[\(i)]: \(fast.local.energy[i]) vs \(slow.u[i])")
            #expect(close(fast.local.bondOrder[i], slow.psi6[i]), "psi6[\(i)]")
            #expect(close(fast.local.stericOrder[i], slow.theta[i]), "theta[\(i)]: \(fast.local.stericOrder[i]) vs \(slow.theta[i])")
        }
        #expect(fast.features.count == slow.features.count)
        var worst = 0.0, worstColumn = ""
        for (k, (a, b)) in zip(fast.features, slow.features).enumerated() {
            let e = abs(a - b) / max(1, abs(a), abs(b))
            if e > worst { worst = e; worstColumn = fast.names[k % fast.featureCount] }
        }
        #expect(worst < 1e-10, "largest relative difference \(worst) in \(worstColumn)")
    }

    @Test func liquidLikeConfiguration() throws {
        try compare(jitteredMixture(n: 300), radius: 6)
    }

    /// Ideal gas: overlaps (huge u) and sparse shells with z < 3 exercise the edge conventions.
    @Test func idealGasConfiguration() throws {
        let gas = Fixtures.randomMixture(n: 200, seed: 5)
        try compare(gas, radius: 5)
        let z = try StructuralDescriptors(coarseGrainingRadius: 5).localDescriptors(gas).coordination
        #expect(z.contains { $0 < 3 }, "the fixture should contain sparse shells")
    }
}
