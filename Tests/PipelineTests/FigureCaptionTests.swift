// Issue 25 §3: a figure caption quotes its numbers as [[value KEY …]] (directives do not nest),
// rendered and escaped like {{value}}, and checked before compute like every other directive.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct FigureCaptionTests {
    static let out = URL(fileURLWithPath: "/r/report/build/p")

    static func render(_ source: String, _ values: ValueStore) throws -> String {
        var v = values
        v.setFigure("fig04", URL(fileURLWithPath: "/r/figures/p/fig04.png"))
        return try ReportRenderer(values: v, results: [], profile: "p", outputDirectory: out).render(source: "# T\n{{expectations}}\n" + source, file: "report.md")
    }

    @Test func aCaptionQuotesComputedValues() throws {
        var v = ValueStore()
        v.set("paper.temperature", 0.3)
        v.set("model.wave_number", 6.2832)
        let md = try Self.render(#"{{figure fig04 "Grey: the paper at T = [[value paper.temperature format=%.2f]], k = [[value model.wave_number format=%.1f]]." label="Fig. 4"}}"#, v)
        #expect(md.contains("![Fig. 4. Grey: the paper at T = 0.30, k = 6.3.](../../../figures/p/fig04.png){#fig-fig04}"))
    }

    @Test func aQuotedTextValueIsEscaped() throws {
        var v = ValueStore()
        v.set("best", "<img src=x>](/etc/passwd)")
        let md = try Self.render(#"{{figure fig04 "Best: [[value best]]"}}"#, v)
        #expect(md.contains(#"Best: \<img src=x\>\](/etc/passwd)"#))
        #expect(!md.replacingOccurrences(of: #"\<"#, with: "").contains("<"))  // no unescaped markup
    }

    @Test func aMissingValueInACaptionIsAnErrorAtItsLine() {
        #expect {
            _ = try Self.render("\n" + #"{{figure fig04 "T = [[value temprature]]"}}"#, ValueStore())
        } throws: { e in
            let errors = (e as? ReportErrors)?.errors ?? []
            return errors.count == 1 && errors[0].line == 4 && errors[0].message.contains("no value 'temprature'")
        }
    }

    @Test func badCaptionDirectivesAreFoundBeforeCompute() {
        let source = """
        # T
        {{figure fig04 "a [[check c]] b"}}
        {{figure fig04 "T = [[value t format=%s]]"}}
        {{figure fig04 "T = [[value t"}}
        {{figure fig04 "T = [[value other:t]]"}}
        {{figure fig04 "T = [[value t format=%.2f]], [[value q:t sem]]"}}
        """
        let e = ReportRenderer.validate(source: source, file: "report.md", knownProfiles: ["p", "q"], resources: TemplateValidationTests.resources)
        #expect(e.map(\.line) == [2, 3, 4, 5, 6])
        #expect(e[0].message.contains("may quote only [[value KEY"))
        #expect(e[1].message.contains("format \"%s\" not allowed"))
        #expect(e[2].message.contains("'[[' without ']]'"))
        #expect(e[3].message.contains("unknown profile 'other'"))
        #expect(e[4].message.contains("profile 'q' has no published baseline"))
    }

    @Test func captionKeysAreReferences() {
        let refs = ReportRenderer.references(in: "# T\n" + #"{{figure fig04 "T = [[value a format=%.2f]], [[value b sem]]" label="Fig. 4"}} {{value c}}"#)
        #expect(refs.map(\.name) == ["a", "b", "b.sem", "c"])
        #expect(refs.allSatisfy { $0.kind == .value && $0.line == 2 })
    }
}
