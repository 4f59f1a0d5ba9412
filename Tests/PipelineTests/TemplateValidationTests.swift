// Issue 24 item 9: a report source's forbidden links and bad directives are found before any
// compute, at their line in the source (not in the rendered file).
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct TemplateValidationTests {
    static let resources = ResourceGuard(allowed: [URL(fileURLWithPath: "/r/report/build/p"), URL(fileURLWithPath: "/r/figures/p")],
                                         base: URL(fileURLWithPath: "/r/report/build/p"))

    static func problems(_ source: String) -> [ReportError] {
        ReportRenderer.validate(source: source, file: "report.md", knownProfiles: ["p", "q"], resources: resources)
    }

    @Test func aForbiddenLinkIsFoundAtItsSourceLine() {
        // Without {{expectations}} the rendered file gains the summary table: its lines would be off.
        let e = Self.problems("# Title\n\nText {{value a.b}}.\n\n![x](/etc/passwd)\n")
        #expect(e.map(\.line) == [5])
        #expect(e.first?.message.contains("outside the report's files") == true)
        #expect(e.first?.file == "report.md")
    }

    @Test func linksInEveryProfilesBlockAndInCaptionsAreChecked() {
        let source = """
        # T
        {{only q}}
        <img src="/etc/shadow">
        {{end only}}
        {{figure fig01 "caption ![y](../../../secret.txt)"}}
        ![ok](../../../figures/p/fig01.png) [web](https://example.org) `![code](/etc/passwd)`
        """
        #expect(Self.problems(source).map(\.line) == [3, 5])
    }

    @Test func badDirectivesAreFoundWithoutAnyValue() {
        let source = """
        # T
        {{valeu a}}
        {{value a format="%s"}}
        {{only nosuch}}
        {{end only}}
        {{only p}}
        """
        let e = Self.problems(source)
        #expect(e.map(\.line) == [2, 3, 4, 6])
        #expect(e[0].message.contains("unknown directive 'valeu'"))
        #expect(e[1].message.contains("format \"%s\" not allowed"))
        #expect(e[2].message.contains("unknown profile 'nosuch'"))
        #expect(e[3].message.contains("never closed"))
    }

    @Test func aGoodSourcePasses() {
        let source = """
        # T
        {{expectations}}
        {{only p}}
        Value {{value a format="%.3f"}} ± {{value a sem}}; {{check c}}; {{table t}}; {{profile}}.
        {{end only}}
        {{figure fig01 "A caption" label="Fig. 1"}}
        {{provenance}}
        """
        #expect(Self.problems(source).isEmpty)
    }
}
