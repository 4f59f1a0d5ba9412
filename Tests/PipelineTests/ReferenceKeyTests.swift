// An expectation's `reference` names a value key with the study's reference prefix (one source
// for reference numbers), the renamed key gets a message naming the new one, the summary table
// labels the column as the study says, and a known deviation may be declared per profile.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ReferenceKeyTests {
    /// The toy registry with declared value keys and a study-declared reference prefix ("lit.").
    var registry: StageRegistry {
        var r = toyRegistry(Counter())
        r.valueKeys = ValueKeySet(patterns: ["theta.peak", "ratio", "lit.theta.peak", "lit.{ratio|label}"])
        r.reference = ReferenceValues(prefix: "lit.", label: "Literature", example: "theta.peak", renamedKeys: ["published": "reference"])
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

    @Test func aReferenceKeyIsKept() throws {
        #expect(try manifest("reference = \"lit.theta.peak\"").expectations.first?.reference == "lit.theta.peak")
    }

    @Test func aNumberIsRejectedWithFileLineAndField() throws {
        let e = try #require(errors("reference = 0.56").first)
        #expect(e.file == "m.toml" && e.line == 9 && e.field == "expectation[0].reference")
        #expect(e.message.contains("numbers are not accepted") && e.message.contains("'lit.'") && e.message.contains("\"lit.theta.peak\""))
    }

    @Test func aKeyWithoutTheStudysPrefixIsRejected() throws {
        let e = try #require(errors("reference = \"theta.peak\"").first)
        #expect(e.field == "expectation[0].reference" && e.message.contains("starting with 'lit.'"))
        #expect(errors("reference = \"lit.\"").count == 1)
        // The default prefix belongs to studies that declare none.
        #expect(errors("reference = \"reference.theta.peak\"").count == 1)
    }

    @Test func anUndeclaredReferenceKeyIsRejectedWithASuggestion() throws {
        let e = try #require(errors("reference = \"lit.theta.peek\"").first)
        #expect(e.field == "expectation[0].reference" && e.line == 9)
        #expect(e.message.contains("no literature value 'lit.theta.peek'") && e.message.contains("did you mean 'lit.theta.peak'?"))
    }

    @Test func aRenamedKeyNamesTheNewOne() throws {
        let e = try #require(errors("published = \"lit.theta.peak\"").first)
        #expect(e.field == "expectation[0].published" && e.line == 9)
        #expect(e.message == "renamed: write reference = \"lit.theta.peak\" (the key 'published' is no longer read)")
        // Without a rename declared, the key is just unknown.
        let other = try #require(errors("quoted = 1").first)
        #expect(other.message.hasPrefix("unknown key; allowed:") && other.message.contains("reference"))
    }

    @Test func theSummaryTableShowsTheNamedValueUnderTheStudysLabel() {
        var values = ValueStore()
        values.set("theta.peak", 0.5)
        values.set("lit.theta.peak", 0.0293666667)
        values.set("lit.label", "S > M > L")
        let named = Expectation(name: "a", quantity: "theta.peak", target: .range(0, nil), reference: "lit.theta.peak")
        let text = Expectation(name: "b", quantity: "theta.peak", target: .range(0, nil), reference: "lit.label")
        let absent = Expectation(name: "c", quantity: "theta.peak", target: .range(0, nil), reference: "lit.ratio")
        let none = Expectation(name: "d", quantity: "theta.peak", target: .range(0, nil))
        let r = ExpectationChecker(values: values).check([named, text, absent, none])
        #expect(r.map(\.referenceText) == ["0.0294", "S > M > L", "–", "–"])
        #expect(r.allSatisfy { $0.verdict == .pass })
        var renderer = ReportRenderer(values: values, results: r, profile: "default", outputDirectory: URL(fileURLWithPath: "/tmp"))
        #expect(renderer.summaryTable().contains("| Check | Quantity | Ours | Expected | Reference | Verdict |"))
        renderer.referenceLabel = "Literature"
        #expect(renderer.summaryTable().contains("| Check | Quantity | Ours | Expected | Literature | Verdict |"))
    }

    /// The tool is generic: its sources and README name no particular study's reference.
    @Test func theToolNamesNoStudy() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var count = 0
        for target in ["Pipeline", "PipelineSlurm", "Report"] {
            let dir = sources.appendingPathComponent(target)
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
                #expect(text.range(of: "paper", options: .caseInsensitive) == nil, "Sources/\(target)/\(f) names a study")
                count += 1
            }
        }
        #expect(count > 50)
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
