// Expectation verdicts: pass, fail, known deviation (xfail), unexpected pass, missing; tolerances
// absolute, relative and in standard errors; ranges and one-sided bounds.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ExpectationTests {
    var values: ValueStore {
        var v = ValueStore()
        v.set("peak", 2.2, sem: 0.1)
        v.set("ratio", 1.05)
        v.set("best", "theta")
        v.set("count", 3)
        return v
    }

    func verdict(_ e: Expectation) -> Verdict { ExpectationChecker(values: values).check(e).verdict }

    @Test func absoluteAndRelativeTolerance() {
        #expect(verdict(Expectation(name: "a", quantity: "peak", target: .value(2.0), tolerance: .absolute(0.25))) == .pass)
        #expect(verdict(Expectation(name: "a", quantity: "peak", target: .value(2.0), tolerance: .absolute(0.15))) == .fail)
        #expect(verdict(Expectation(name: "r", quantity: "peak", target: .value(2.0), tolerance: .relative(0.11))) == .pass)
        #expect(verdict(Expectation(name: "r", quantity: "peak", target: .value(2.0), tolerance: .relative(0.09))) == .fail)
    }

    @Test func toleranceInStandardErrors() {
        // |2.2 − 2.0| = 0.2 = 2 SE with SE = 0.1.
        #expect(verdict(Expectation(name: "s", quantity: "peak", target: .value(2.0), tolerance: .standardErrors(2.5))) == .pass)
        #expect(verdict(Expectation(name: "s", quantity: "peak", target: .value(2.0), tolerance: .standardErrors(1.5))) == .fail)
        // No "<key>.sem" value: missing, which fails the build.
        let r = ExpectationChecker(values: values).check(Expectation(name: "s", quantity: "ratio", target: .value(1), tolerance: .standardErrors(2)))
        #expect(r.verdict == .missing)
        #expect(r.detail.contains("ratio.sem"))
    }

    @Test func rangesAndBounds() {
        #expect(verdict(Expectation(name: "r", quantity: "ratio", target: .range(0.9, 1.1))) == .pass)
        #expect(verdict(Expectation(name: "r", quantity: "ratio", target: .range(1.1, 1.2))) == .fail)
        #expect(verdict(Expectation(name: "r", quantity: "ratio", target: .range(1.1, 1.2), tolerance: .absolute(0.06))) == .pass)
        #expect(verdict(Expectation(name: "r", quantity: "ratio", target: .range(nil, 1.0))) == .fail)
        #expect(verdict(Expectation(name: "r", quantity: "ratio", target: .range(1.0, nil))) == .pass)
        #expect(verdict(Expectation(name: "e", quantity: "best", target: .equals(.string("theta")))) == .pass)
        #expect(verdict(Expectation(name: "e", quantity: "best", target: .equals(.string("rho")))) == .fail)
        #expect(verdict(Expectation(name: "i", quantity: "count", target: .value(3))) == .pass)
    }

    @Test func knownDeviationAndUnexpectedPass() {
        let xfail = Expectation(name: "k", quantity: "peak", target: .value(5), tolerance: .absolute(0.1), knownDeviation: "higher T")
        let xpass = Expectation(name: "k", quantity: "peak", target: .value(2.2), tolerance: .absolute(0.1), knownDeviation: "higher T")
        let results = ExpectationChecker(values: values).check([xfail, xpass])
        #expect(results.map(\.verdict) == [.knownDeviation, .unexpectedPass])
        #expect(!ExpectationChecker.failed(results))
    }

    @Test func missingValueFailsTheBuild() {
        let results = ExpectationChecker(values: values).check([Expectation(name: "m", quantity: "nope", target: .value(1))])
        #expect(results.first?.verdict == .missing)
        #expect(ExpectationChecker.failed(results))
    }

    @Test func parsedFromTheManifest() throws {
        let m = try Manifest.parse(text: """
        [stage.a]
        kind = "number"
        [[expectation]]
        name = "peak"
        quantity = "peak"
        expected = 2.0
        tolerance = 2.5
        tolerance_mode = "sem"
        reference = "reference.theta.peak"
        description = "optimal length of theta"
        [[expectation]]
        name = "falls"
        quantity = "ratio"
        max = 0.01
        known_deviation = "too few configurations"
        """, file: "m", profile: nil, registry: toyRegistry(Counter()))
        let r = ExpectationChecker(values: values).check(m.expectations)
        #expect(r.map(\.verdict) == [.pass, .knownDeviation])
        #expect(r[0].expectedText == "2 ± 2.5 SE")
        #expect(r[0].ours == "2.20 ± 0.10")
        #expect(r[1].expectedText == "≤ 0.01")
    }

    /// Issue 24 item 13: `min = 1, max = 0` loaded (and could only fail) while `range = [1, 0]`
    /// was refused. Both are refused with file, line and field.
    @Test func boundsThatNoValueCanMeetAreRefused() {
        func errors(_ target: String) -> [ManifestError] {
            let text = "[stage.a]\nkind = \"number\"\n[[expectation]]\nname = \"r\"\nquantity = \"ratio\"\n\(target)\n"
            do { _ = try Manifest.parse(text: text, file: "m.toml", profile: nil, registry: toyRegistry(Counter())); return [] }
            catch let e as ManifestErrors { return e.errors } catch { return [] }
        }
        let range = errors("range = [1, 0]"), bounds = errors("min = 1\nmax = 0")
        #expect(range.map { [$0.file, $0.field] } == [["m.toml", "expectation[0].range"]] && range.first?.line == 6)
        #expect(bounds.map { [$0.file, $0.field] } == [["m.toml", "expectation[0].max"]] && bounds.first?.line == 7)
        #expect(bounds.first?.message == "expected min ≤ max, got min = 1, max = 0")
        #expect(errors("min = nan").map(\.field) == ["expectation[0].min"])
        #expect(errors("min = 1\nmax = 1").isEmpty && errors("min = 1").isEmpty && errors("range = [0, 1]").isEmpty)
    }
}
