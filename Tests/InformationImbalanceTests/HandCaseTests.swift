import Testing
import InformationImbalance

@Suite struct HandCaseTests {
    /// Every nearest neighbour has rank 1 in an identical space: Δ = (2/N²)·N = 2/N.
    @Test(arguments: [2, 3, 10, 257])
    func identicalSpacesGiveTwoOverN(n: Int) throws {
        let a = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: 3, seed: 8))
        let pair = try informationImbalances(between: a, and: a)
        #expect(pair.forward == 2 / Double(n))
        #expect(pair.backward == 2 / Double(n))
    }

    /// For independent spaces r^B_{ij(i)} is uniform on 1…N−1: mean N/2 (so E[Δ] = 1) and variance
    /// ≈ N²/12, hence sd(Δ) = (2/N²)·√(N·N²/12) = 1/√(3N) if the N ranks were independent. 5 sd.
    @Test func independentSpacesGiveAboutOne() throws {
        let n = 2000
        let a = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: 2, seed: 31))
        let b = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: 1, seed: 32))
        let pair = try informationImbalances(between: a, and: b)
        let tolerance = 5 / (3 * Double(n)).squareRoot()
        #expect(abs(pair.forward - 1) < tolerance)
        #expect(abs(pair.backward - 1) < tolerance)
    }

    /// An increasing affine map of a scalar (which is all standardization does) keeps every
    /// distance order, so Δ is unchanged both ways; scaling by a power of two is even exact.
    @Test func increasingAffineMapOfAScalarLeavesDeltaUnchanged() throws {
        let data = TestData.correlated(points: 500, features: 2, seed: 77)
        let p = data.target
        let base = try informationImbalances(between: data.features, and: try FeatureSpace(scalar: p))
        for map in [{ (v: Double) in 4 * v }, { (v: Double) in 3.7 * v + 11.2 }, { (v: Double) in v / 8 - 1 }] {
            let q = try FeatureSpace(scalar: p.map(map))
            #expect(try informationImbalances(between: data.features, and: q) == base)
        }
    }

    /// Only affine maps are safe: a nonlinear increasing map can reorder distances. Points 0, 1, 1.9:
    /// neighbour of 1 is 1.9 (0.9 < 1); after v ↦ v³ (0, 1, 6.859) it is 0. Ranks by hand for
    /// A = (0, 1, 1.9) and B = A³: j_A = (1, 2, 1), ranks in B from 0: 1; from 1: 2; from 2: 1 → Δ(A→B) = 2·4/9.
    @Test func nonlinearMonotoneMapCanChangeDelta() throws {
        let a = try FeatureSpace(scalar: [0, 1, 1.9])
        let b = try FeatureSpace(scalar: [0, 1, 1.9 * 1.9 * 1.9])
        #expect(try informationImbalance(from: a, to: b) == 8.0 / 9)
        #expect(try informationImbalance(from: a, to: a) == 6.0 / 9)
    }

    /// Fig. 3(a)-like hand case with four points on two axes, ranks worked out by hand.
    /// A = (0, 1, 3, 7), B = (0, 5, 1, 2). j_A: 0→1, 1→0, 2→1, 3→2.
    /// Ranks in B: from 0 of 1: d = (5, 1, 2) → 3; from 1 of 0: d_1· = (5, ·, 4, 3) → 3;
    /// from 2 of 1: d_2· = (1, 4, ·, 1) → 3; from 3 of 2: d_3· = (2, 3, 1, ·) → 1. Sum 10 → Δ = 20/16.
    @Test func fourPointsByHand() throws {
        let a = try FeatureSpace(scalar: [0, 1, 3, 7]), b = try FeatureSpace(scalar: [0, 5, 1, 2])
        #expect(try informationImbalance(from: a, to: b) == 20.0 / 16)
    }
}
