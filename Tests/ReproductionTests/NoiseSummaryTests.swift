import Foundation
import Testing
@testable import Reproduction

@Suite struct NoiseSummaryTests {
    @Test func identicalHalvesAgreePerfectly() throws {
        let p = (0..<50).map { sin(Double($0) * 0.7) + Double($0) * 0.01 }
        let a = try NoiseSummary.halfEnsembleAgreement(p, p)
        #expect(abs(a.pearson - 1) < 1e-12)
        #expect(abs(a.forward - 2.0 / 50) < 1e-15 && abs(a.backward - 2.0 / 50) < 1e-15)
    }
}
