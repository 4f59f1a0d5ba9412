import Foundation
import Model
import Testing
@testable import Descriptors

/// Θ and the other shell descriptors on hand-built neighbourhoods with known angles.
@Suite struct StericOrderTests {
    let m = Mixture.paper
    let degree = Double.pi / 180

    /// A centre at (10, 10) with neighbours at unit-ish distances and the given polar angles.
    func shell(centre: Species, neighbours: [(Species, Double, Double)]) -> Configuration {
        var x = [10.0], y = [10.0], s = [centre]
        for (species, distance, angle) in neighbours {
            x.append(10 + distance * cos(angle * degree)); y.append(10 + distance * sin(angle * degree)); s.append(species)
        }
        return Configuration(boxLength: 20, x: x, y: y, species: s)
    }

    func local(_ c: Configuration) throws -> LocalDescriptors {
        try StructuralDescriptors(coarseGrainingRadius: 5).localDescriptors(c)
    }

    /// Identical particles: the touching triangle is equilateral, θ_ref = 60°. Neighbours at
    /// 0°, 90°, 200° leave gaps 90°, 110°, 160°: Θ = (30° + 50° + 100°) / 3 = 60°.
    @Test func fourIdenticalParticles() throws {
        let c = shell(centre: .large, neighbours: [(.large, m.sigmaLL, 0), (.large, 1.1 * m.sigmaLL, 200), (.large, 0.95 * m.sigmaLL, 90)])
        let d = try local(c)
        #expect(d.coordination[0] == 3)
        #expect(abs(d.stericOrder[0] - 60 * degree) < 1e-12)
    }

    /// Small centre, large neighbours: σ_SL = 1 and σ_LL = 2 sin(π/5), so the cosine law gives
    /// θ_ref = 72°. Gaps 100°, 130°, 130° → Θ = (28° + 58° + 58°) / 3 = 48°.
    @Test func smallCentreWithLargeNeighbours() throws {
        let c = shell(centre: .small, neighbours: [(.large, 1, 0), (.large, 1.2, 100), (.large, 0.9, 230)])
        let d = try local(c)
        #expect(d.coordination[0] == 3)
        #expect(abs(d.stericOrder[0] - 48 * degree) < 1e-12)
        // Five large particles at 72° intervals are exactly the reference packing.
        let pentagon = shell(centre: .small, neighbours: (0..<5).map { (.large, 1.0, 72.0 * Double($0) + 10) })
        let p = try local(pentagon)
        #expect(p.coordination[0] == 5)
        #expect(abs(p.stericOrder[0]) < 1e-12)
    }

    /// Large centre, small neighbours: θ_ref = 36° (σ_SS = 2 sin(π/10)); with the mixed pair
    /// (S then L) the reference comes from σ_LS, σ_LL, σ_SL.
    @Test func mixedReferenceAngles() throws {
        let sLS = m.sigma(.large, .small), sLL = m.sigmaLL, sSL = m.sigmaLS
        let mixed = acos((sLS * sLS + sLL * sLL - sSL * sSL) / (2 * sLS * sLL))
        // Gaps: S(0°)→S(40°) 40°, S(40°)→L(150°) 110°, L(150°)→S(360°) 210°.
        let c = shell(centre: .large, neighbours: [(.small, 1, 0), (.small, 1, 40), (.large, 1.2, 150)])
        let d = try local(c)
        let expected = (abs(40 * degree - 36 * degree) + abs(110 * degree - mixed) + abs(210 * degree - mixed)) / 3
        #expect(d.coordination[0] == 3)
        #expect(abs(d.stericOrder[0] - expected) < 1e-12)
    }

    /// Few neighbours: z = 0 → Θ = Ψ6 = 0; z = 1 → one gap of 2π; z = 2 → gaps g and 2π − g.
    @Test func sparseShellConventions() throws {
        let alone = try local(shell(centre: .large, neighbours: [(.large, 5, 0)]))
        #expect(alone.coordination[0] == 0 && alone.stericOrder[0] == 0 && alone.bondOrder[0] == 0)
        let one = try local(shell(centre: .large, neighbours: [(.large, 1.2, 33)]))
        #expect(one.coordination[0] == 1)
        #expect(abs(one.stericOrder[0] - (2 * Double.pi - 60 * degree)) < 1e-12)
        #expect(abs(one.bondOrder[0] - 1) < 1e-12)
        let two = try local(shell(centre: .large, neighbours: [(.large, 1.2, 10), (.large, 1.2, 130)]))
        #expect(two.coordination[0] == 2)
        #expect(abs(two.stericOrder[0] - (abs(120 * degree - 60 * degree) + abs(240 * degree - 60 * degree)) / 2) < 1e-12)
    }

    /// Ψ6 by hand: neighbours at 0° and 30° give e^{0} + e^{iπ} = 0; at 0° and 60°, 2/2 = 1.
    @Test func bondOrientationalOrderByHand() throws {
        let opposite = try local(shell(centre: .large, neighbours: [(.large, 1.2, 0), (.large, 1.2, 30)]))
        #expect(abs(opposite.bondOrder[0]) < 1e-12)
        let aligned = try local(shell(centre: .large, neighbours: [(.large, 1.2, 0), (.large, 1.2, 60)]))
        #expect(abs(aligned.bondOrder[0] - 1) < 1e-12)
    }
}
