import Model
import Testing
import TestSupport
@testable import Descriptors

@Suite struct ParameterTests {
    @Test func invalidParametersNameTheirField() {
        for ells in [[], [0.5, 0], [-1], [.nan], [1, 1]] as [[Double]] {
            #expect { try StructuralDescriptors(ells: ells) } throws: { ($0 as? DescriptorError)?.field == "ells" }
        }
        #expect { try StructuralDescriptors(coarseGrainingRadius: 0) } throws: { ($0 as? DescriptorError)?.field == "coarseGrainingRadius" }
        #expect { try StructuralDescriptors(neighbourCutoffRatio: -1) } throws: { ($0 as? DescriptorError)?.field == "neighbourCutoffRatio" }
    }

    @Test func defaultsAreThePapers() throws {
        let d = try StructuralDescriptors()
        #expect(d.ells == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
        #expect(d.coarseGrainingRadius == 20)
        #expect(d.neighbourCutoffRatio == 1.5)
    }

    /// R_N must stay below L/2, or a particle's circle would include a periodic image twice.
    @Test func radiusTooLargeForTheBox() throws {
        let small = Fixtures.randomMixture(n: 100) // L ≈ 9.9
        #expect { try StructuralDescriptors().compute(small) } throws: { ($0 as? DescriptorError)?.field == "coarseGrainingRadius" }
    }

    /// One thread or many: bit-identical results.
    @Test func parallelEqualsSerialBitForBit() throws {
        let c = jitteredMixture(n: 600)
        let d = try StructuralDescriptors(coarseGrainingRadius: 8)
        let a = try d.compute(c, parallel: false), b = try d.compute(c, parallel: true)
        #expect(a.features == b.features)
        #expect(a.local == b.local)
    }
}
