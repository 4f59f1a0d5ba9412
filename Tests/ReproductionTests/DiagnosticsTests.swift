import Foundation
import InformationImbalance
import Testing
@testable import Reproduction

@Suite struct DiagnosticsTests {
    @Test func spearmanBrownLimits() {
        #expect(Diagnostics.reliability(halfCorrelation: 1) == 1)
        #expect(Diagnostics.reliability(halfCorrelation: 0) == 0)
        // Two halves correlated at 0.5: the full mean is reliable to 2/3.
        #expect(abs(Diagnostics.reliability(halfCorrelation: 0.5) - 2.0 / 3.0) < 1e-15)
    }

    @Test func identicalHalvesAgreePerfectly() throws {
        let p = (0..<50).map { sin(Double($0) * 0.7) + Double($0) * 0.01 }
        let a = try Diagnostics.halfEnsembleAgreement(p, p)
        #expect(abs(a.pearson - 1) < 1e-12)
        #expect(abs(a.forward - 2.0 / 50) < 1e-15 && abs(a.backward - 2.0 / 50) < 1e-15)
    }

    @Test func speciesShareOfAPurelySpeciesDrivenPropensityIsOne() {
        let species = (0..<30).map { $0 % 3 }
        #expect(abs(Diagnostics.speciesShare(p: species.map { [2.0, 1.0, 0.5][$0] }, species: species) - 1) < 1e-12)
        // The same values in every species: the label explains nothing.
        let p = (0..<30).map { Double($0 / 3) }
        #expect(abs(Diagnostics.speciesShare(p: p, species: species)) < 1e-12)
    }

    @Test func withinSpeciesPearsonRemovesTheSpeciesOffset() throws {
        // x follows p exactly inside each species, but with offsets that wreck the overall correlation.
        let species = (0..<60).map { $0 % 3 }
        let p = (0..<60).map { Double($0 / 3) }
        let x = zip(p, species).map { $0 + [0.0, -40, 25][$1] }
        let r = Diagnostics.withinSpeciesPearson(x, p, species: species)
        #expect(abs(r.pooled - 1) < 1e-12 && r.perSpecies.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(try pearsonCoefficient(x, p) < 0.9)
    }
}
