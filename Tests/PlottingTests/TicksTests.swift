import Foundation
import Testing
@testable import Plotting

@Suite struct TicksTests {
    @Test func unitIntervalGivesFifths() {
        let t = Ticks.linear(0, 1)
        #expect(t.count == 6)
        for (k, v) in t.enumerated() { #expect(abs(v - 0.2 * Double(k)) < 1e-12) }
    }

    @Test func linearTicksAreNiceStepsInsideTheRange() {
        for (lo, hi) in [(-3.7, 12.2), (0.83, 1.01), (1e-4, 7e-4), (-250.0, -10.0)] {
            let t = Ticks.linear(lo, hi)
            #expect(t.count >= 3 && t.count <= 11, "\(lo)…\(hi): \(t)")
            #expect(t.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 })
            let steps = zip(t, t.dropFirst()).map { $1 - $0 }
            let step = steps[0]
            #expect(steps.allSatisfy { abs($0 - step) < 1e-9 * abs(step) })
            let mantissa = step / pow(10, floor(log10(step) + 1e-12))
            #expect([1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step)")
        }
    }

    @Test func milliToOneGivesDecades() {
        let t = Ticks.logMajor(1e-3, 1)
        #expect(t.count == 4)
        for (k, v) in t.enumerated() { #expect(abs(v / pow(10, Double(k - 3)) - 1) < 1e-12) }
        #expect(Ticks.decadeLabel(1e-3) == "10<sup>\u{2212}3</sup>")
        #expect(Ticks.decadeLabel(100) == "10<sup>2</sup>")
    }

    @Test func logMinorTicksAreTwoToNineTimesDecades() {
        let m = Ticks.logMinor(1, 100)
        let expected = (2...9).map { Double($0) } + (2...9).map { Double($0) * 10 }
        #expect(m.count == expected.count)
        for (a, b) in zip(m, expected) { #expect(abs(a - b) < 1e-9) }
    }

    @Test func manyDecadesAreThinned() {
        let t = Ticks.logMajor(1e-12, 1e12, maxCount: 8)
        #expect(t.count <= 9 && t.count >= 5)
    }

    @Test func negativeLabelsUseTrueMinus() {
        #expect(Ticks.linearLabel(-0.5, step: 0.5) == "\u{2212}0.5")
        #expect(Ticks.linearLabel(0.25, step: 0.25) == "0.25")
        #expect(Ticks.linearLabel(20, step: 10) == "20")
        #expect(!Ticks.linearLabel(-3, step: 1).contains("-"))
    }
}
