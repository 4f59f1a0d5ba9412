import Testing
import InformationImbalance

@Suite struct PearsonTests {
    @Test func perfectCorrelationAndAntiCorrelation() throws {
        #expect(abs(try pearsonCoefficient([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-15)
        #expect(abs(try pearsonCoefficient([1, 2, 3, 4], [8, 6, 4, 2]) + 1) < 1e-15)
    }

    /// A = (1, 2, 3, 4), B = (1, 3, 2, 4): deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5),
    /// Σ products = 4, σ_A² = σ_B² = 5/4, so ρ = (4/4)/(5/4) = 0.8.
    @Test func handComputedValue() throws {
        #expect(abs(try pearsonCoefficient([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-15)
    }

    /// A = (0, 0, 1, 1), B = (0, 1, 0, 1) are uncorrelated; a constant has no ρ.
    @Test func uncorrelatedAndConstant() throws {
        #expect(abs(try pearsonCoefficient([0, 0, 1, 1], [0, 1, 0, 1])) < 1e-15)
        #expect(try pearsonCoefficient([2, 2, 2], [1, 2, 3]).isNaN)
    }

    @Test func rejectsMismatchedLengths() {
        #expect(throws: InformationImbalanceError.pointCountMismatch(first: 2, second: 3)) {
            try pearsonCoefficient([1, 2], [1, 2, 3])
        }
    }
}
