import Model
import Testing
import TestSupport
@testable import Descriptors

/// Identical particles on a triangular lattice with spacing σ_LL. A triangular lattice cannot fill
/// a square periodic box exactly, so the rows next to the y seam are slightly distorted; the
/// checks use the rows whose neighbourhoods (1.5σ shell, or R_N plus the energy cutoff for the
/// coarse-grained features) lie entirely in the perfect part.
@Suite struct TriangularLatticeTests {
    let sigma = Mixture.paper.sigmaLL
    let lattice: Configuration
    let rows = 30, cols = 26
    init() { lattice = Fixtures.triangularLattice(cols: cols, rows: rows, spacing: Mixture.paper.sigmaLL) }

    /// Distance of row r from the seam between the last and the first row.
    func seamDistance(row r: Int) -> Double {
        let h = sigma * 3.0.squareRoot() / 2
        return min(Double(r) * h, Double(rows - 1 - r) * h)
    }

    @Test func perfectShellsAwayFromTheSeam() throws {
        let local = try StructuralDescriptors(coarseGrainingRadius: 5).localDescriptors(lattice)
        var checked = 0
        for i in 0..<lattice.count where (1..<(rows - 1)).contains(i / cols) {
            #expect(local.coordination[i] == 6)
            #expect(abs(local.bondOrder[i] - 1) < 1e-12)
            #expect(abs(local.stericOrder[i]) < 1e-12, "Θ[\(i)] = \(local.stericOrder[i])")
            checked += 1
        }
        #expect(checked == (rows - 2) * cols)
    }

    @Test func everyFeatureIsTheSameForEveryInteriorParticle() throws {
        let radius = 5.0
        let result = try StructuralDescriptors(coarseGrainingRadius: radius).compute(lattice)
        let margin = radius + Mixture.paper.cutoffRatio * sigma + sigma
        let interior = (0..<lattice.count).filter { seamDistance(row: $0 / cols) > margin }
        #expect(interior.count >= 5 * cols)
        let f = result.featureCount, first = interior[0]
        for i in interior.dropFirst() {
            for k in 0..<f {
                #expect(close(result.features[i * f + k], result.features[first * f + k], 1e-12), "\(result.names[k]) of \(i)")
            }
        }
        // z̄ of a perfect shell is 6 at every ℓ, and Θ̄ is 0.
        for k in 0..<result.ells.count {
            #expect(abs(result.features[first * f + result.column(.coordination, ell: k)] - 6) < 1e-12)
            #expect(abs(result.features[first * f + result.column(.stericOrder, ell: k)]) < 1e-12)
        }
    }
}
