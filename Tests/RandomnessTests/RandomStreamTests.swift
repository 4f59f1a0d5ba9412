import Testing
@testable import Randomness

@Suite struct RandomStreamTests {
    @Test func sameIdentityGivesSameSequence() {
        var a = RandomStream(seed: 42, purpose: .isoconfigurationalRun, indices: [3, 7])
        var b = RandomStream(seed: 42, purpose: .isoconfigurationalRun, indices: [3, 7])
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }

    @Test func differentIndicesSeedOrPurposeGiveDifferentStreams() {
        let first = { (s: RandomStream) -> UInt64 in var s = s; return s.next() }
        let base = first(RandomStream(seed: 42, purpose: .isoconfigurationalRun, indices: [3, 7]))
        #expect(base != first(RandomStream(seed: 42, purpose: .isoconfigurationalRun, indices: [7, 3])))
        #expect(base != first(RandomStream(seed: 43, purpose: .isoconfigurationalRun, indices: [3, 7])))
        #expect(base != first(RandomStream(seed: 42, purpose: .equilibration, indices: [3, 7])))
    }

    @Test func restoringStateContinuesTheSequence() {
        var a = RandomStream(seed: 1, purpose: .testData)
        for _ in 0..<17 { _ = a.next() }
        var b = RandomStream(state: a.state)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func uniformMomentsAreThoseOfU01() {
        var r = RandomStream(seed: 9, purpose: .testData)
        let n = 200_000
        var sum = 0.0, sq = 0.0
        for _ in 0..<n { let u = r.uniform(); #expect(u >= 0 && u < 1); sum += u; sq += u * u }
        // mean 1/2 ± 5σ with σ = (1/12/n)^½ ≈ 6.5e-4
        #expect(abs(sum / Double(n) - 0.5) < 3.3e-3)
        #expect(abs(sq / Double(n) - 1.0 / 3) < 3.3e-3)
    }

    @Test func gaussianHasUnitVariance() {
        var r = RandomStream(seed: 11, purpose: .testData)
        let n = 200_000
        var sum = 0.0, sq = 0.0
        for _ in 0..<n { let g = r.gaussian(); sum += g; sq += g * g }
        #expect(abs(sum / Double(n)) < 0.012)
        #expect(abs(sq / Double(n) - 1) < 0.02)
    }
}
