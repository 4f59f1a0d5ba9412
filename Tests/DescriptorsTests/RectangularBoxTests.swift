import Model
import Testing
@testable import Descriptors

/// Issue 27 §1: a rectangular box. A square configuration tiled 2 × 1 (or 1 × 2) holds, around
/// every particle of either copy, the same neighbourhood as the original up to R_N < L/2, so each
/// particle of both copies has the original particle's 60 features.
@Suite struct RectangularBoxTests {
    func tiled(_ c: Configuration, alongX: Bool) -> Configuration {
        let l = c.boxLength
        return Configuration(lx: alongX ? 2 * l : l, ly: alongX ? l : 2 * l,
                             x: c.x + c.x.map { alongX ? $0 + l : $0 }, y: c.y + c.y.map { alongX ? $0 : $0 + l },
                             species: c.species + c.species)
    }

    @Test(arguments: [true, false])
    func tiledConfigurationGivesEveryCopyTheOriginalFeatures(alongX: Bool) throws {
        let c = jitteredMixture(n: 400, seed: 7)
        let t = tiled(c, alongX: alongX)
        #expect(!t.isSquare)
        let descriptors = try StructuralDescriptors(coarseGrainingRadius: 8) // < L/2 = 9.88
        let a = try descriptors.compute(c), b = try descriptors.compute(t)
        #expect(a.featureCount == 60 && b.featureCount == 60 && b.particleCount == 2 * c.count)
        var worst = 0.0
        for copy in 0..<2 {
            for i in 0..<c.count {
                let j = copy * c.count + i
                #expect(a.local.coordination[i] == b.local.coordination[j])
                for f in 0..<60 {
                    let u = a.features[i * 60 + f], v = b.features[j * 60 + f]
                    worst = max(worst, abs(u - v) / max(1, abs(u)))
                }
            }
        }
        #expect(worst < 1e-12, "largest relative difference \(worst)")
    }

    /// The minimum image is taken per axis: two particles near opposite x edges of a long box
    /// are neighbours, and the same pair near opposite y edges of the long side is not.
    @Test func minimumImageIsPerAxis() {
        let c = Configuration(lx: 10, ly: 30, x: [0.5, 9.5, 0.5], y: [0.5, 0.5, 29.5], species: [.small, .small, .small])
        #expect(c.separation(0, 1).dx == -1 && c.separation(0, 2).dy == -1)
        let far = Configuration(lx: 10, ly: 30, x: [0.5, 0.5], y: [0.5, 9.5], species: [.small, .small])
        #expect(far.separation(0, 1).dy == 9)
    }

    /// R_N must stay below half of the shorter side, and the message says which side.
    @Test func coarseGrainingRadiusIsCheckedAgainstTheShorterSide() throws {
        let t = tiled(jitteredMixture(n: 400, seed: 7), alongX: true)
        #expect { try StructuralDescriptors(coarseGrainingRadius: 12).compute(t) } throws: { e in
            "\(e)".contains("min(Lx, Ly)/2")
        }
    }
}
