import Testing
import Statistics

@Suite struct ScanOptimumTests {
    @Test func vertexOfASampledParabola() {
        let x = stride(from: 0.5, through: 5.0, by: 0.5).map { $0 }
        #expect(abs(parabolaRefinedMaximum(x: x, y: x.map { 0.6 - 0.05 * ($0 - 2.2) * ($0 - 2.2) }) - 2.2) < 1e-12)
    }

    @Test func maximumAtAnEdgeIsTheGridEnd() {
        let x = [0.5, 1.0, 1.5]
        #expect(parabolaRefinedMaximum(x: x, y: [0.3, 0.2, 0.1]) == 0.5)
        #expect(parabolaRefinedMaximum(x: x, y: [0.1, 0.2, 0.3]) == 1.5)
        #expect(parabolaRefinedMaximum(x: [], y: []).isNaN)
    }

    @Test func twoEqualTopSamplesPeakHalfwayBetweenThem() {
        // Through (1, 0), (2, 1), (3, 1): y = −x²/2 + 5x/2 − 2, vertex at x = 2.5.
        #expect(abs(parabolaRefinedMaximum(x: [1, 2, 3, 4], y: [0, 1, 1, 0]) - 2.5) < 1e-14)
    }
}
