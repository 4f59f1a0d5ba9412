// An expectation's `paper` names a `paper.*` value key (one source for the paper's numbers), and
// a known deviation may be declared per profile inside one expectation.
import Foundation
import Testing
@testable import Pipeline

@Suite struct PaperKeyTests {
    /// The toy registry with declared value keys, so quantities and paper keys are checked at load.
    var registry: StageRegistry {
        var r = toyRegistry(Counter())
        r.valueKeys = ValueKeySet(patterns: ["theta.peak", "ratio", "paper.theta.peak", "paper.{ratio|label}"])
        return r
    }

    func manifest(_ expectation: String, profile: String? = nil) throws -> Manifest {
        try Manifest.parse(text: """
        [profiles.default]
        [profiles.paper]
        [stage.a]
        kind = "number"
        [[expectation]]
        name = "peak"
        quantity = "theta.peak"
        min = 0.0
        \(expectation)
        """, file: "m.toml", profile: profile, registry: registry)
    }

    func errors(_ expectation: String, profile: String? = nil) -> [ManifestError] {
        do { _ = try manifest(expectation, profile: profile); return [] } catch let e as ManifestErrors { return e.errors } catch { return [] }
    }

    @Test func aPaperKeyIsKept() throws {
        #expect(try manifest("paper = \"paper.theta.peak\"").expectations.first?.paper == "paper.theta.peak")
    }

    @Test func aNumberIsRejectedWithFileLineAndField() throws {
        let e = try #require(errors("paper = 0.56").first)
        #expect(e.file == "m.toml" && e.line == 9 && e.field == "expectation[0].paper")
        #expect(e.message.contains("numbers are not accepted") && e.message.contains("'paper.'"))
    }

    @Test func aKeyWithoutThePaperPrefixIsRejected() throws {
        let e = try #require(errors("paper = \"theta.peak\"").first)
        #expect(e.field == "expectation[0].paper" && e.message.contains("starting with 'paper.'"))
        #expect(errors("paper = \"paper.\"").count == 1)
    }

    @Test func anUndeclaredPaperKeyIsRejectedWithASuggestion() throws {
        let e = try #require(errors("paper = \"paper.theta.peek\"").first)
        #expect(e.field == "expectation[0].paper" && e.line == 9)
        #expect(e.message.contains("no paper value 'paper.theta.peek'") && e.message.contains("did you mean 'paper.theta.peak'?"))
    }

    @Test func theSummaryTableShowsTheNamedValue() {
        var values = ValueStore()
        values.set("theta.peak", 0.5)
        values.set("paper.theta.peak", 0.0293666667)
        values.set("paper.label", "S > M > L")
        let named = Expectation(name: "a", quantity: "theta.peak", target: .range(0, nil), paper: "paper.theta.peak")
        let text = Expectation(name: "b", quantity: "theta.peak", target: .range(0, nil), paper: "paper.label")
        let absent = Expectation(name: "c", quantity: "theta.peak", target: .range(0, nil), paper: "paper.ratio")
        let none = Expectation(name: "d", quantity: "theta.peak", target: .range(0, nil))
        let r = ExpectationChecker(values: values).check([named, text, absent, none])
        #expect(r.map(\.paperText) == ["0.0294", "S > M > L", "–", "–"])
        #expect(r.allSatisfy { $0.verdict == .pass })
    }

    @Test func aPerProfileDeviationAppliesToItsProfileOnly() throws {
        let text = """
        profiles = ["default", "paper"]
        known_deviation.default = "too warm"
        """
        #expect(try manifest(text, profile: "default").expectations.first?.knownDeviation == "too warm")
        let paper = try #require(try manifest(text, profile: "paper").expectations.first)
        #expect(paper.knownDeviation == nil)
        // Checked as a plain expectation under paper, as a known deviation under default.
        var values = ValueStore()
        values.set("theta.peak", -1)
        #expect(ExpectationChecker(values: values).check(paper).verdict == .fail)
        let def = try #require(try manifest(text, profile: "default").expectations.first)
        #expect(ExpectationChecker(values: values).check(def).verdict == .knownDeviation)
        // The inline-table spelling is the same.
        #expect(try manifest("known_deviation = { paper = \"why\" }", profile: "paper").expectations.first?.knownDeviation == "why")
        // A plain string still applies to every profile.
        #expect(try manifest("known_deviation = \"always\"", profile: "paper").expectations.first?.knownDeviation == "always")
    }

    @Test func aPerProfileDeviationNamesDeclaredProfilesOfTheExpectation() throws {
        let unknown = try #require(errors("known_deviation = { dflt = \"why\" }").first)
        #expect(unknown.field == "expectation[0].known_deviation.dflt" && unknown.message.contains("unknown profile 'dflt'"))
        #expect(unknown.message.contains("declared: default, paper"))
        let outside = try #require(errors("profiles = [\"paper\"]\nknown_deviation = { default = \"why\" }").first)
        #expect(outside.message.contains("not in this expectation's profiles"))
        let wrong = try #require(errors("known_deviation = { default = 1 }").first)
        #expect(wrong.field == "expectation[0].known_deviation" && wrong.message.contains("table of profile"))
        #expect(errors("known_deviation = 3").count == 1)
    }
}
