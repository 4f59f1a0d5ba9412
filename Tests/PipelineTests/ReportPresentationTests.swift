// The report reads at a glance (issue 16 §2): numbers rounded to their uncertainty, verdict
// badges with a legend and links to their rows, numbered figures, a stylesheet, and a table of
// contents that does not repeat the title.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ReportPresentationTests {
    @Test(arguments: [
        (0.4567, 0.0112, "0.457 ± 0.011"),
        (-0.4567, 0.0112, "-0.457 ± 0.011"),
        (1.23456, 0.0096, "1.2346 ± 0.0096"),
        (12.34, 1.05, "12.3 ± 1.1"),
        (0.12, 0.0996, "0.12 ± 0.10"),       // two figures of the error carry into the next decade
        (3.14159, 0.25, "3.14 ± 0.25"),
        (56789.0, 1234.0, "56800 ± 1200"),
        (-0.0001, 0.011, "0.000 ± 0.011"),    // no "-0.000"
        (0.4567, 0.0, "0.457 ± 0"),           // zero error: three significant figures
        (2.0, 0.5, "2.00 ± 0.50"),
    ])
    func valuesAreRoundedToTheirStandardError(x: Double, e: Double, text: String) {
        #expect(ReportText.withError(x, e) == text)
    }

    @Test func valuesWithoutErrorShowThreeSignificantFigures() {
        #expect(ReportText.threeSignificant(0.45678) == "0.457")
        #expect(ReportText.threeSignificant(-12.345) == "-12.3")
        #expect(ReportText.threeSignificant(1234.5) == "1230")
        #expect(ReportText.threeSignificant(0.5) == "0.500")
        #expect(ReportText.threeSignificant(4000) == "4000")       // counts stay integers
        #expect(ReportText.threeSignificant(0.0001234) == "1.23e-04")
        #expect(ReportText.threeSignificant(.nan) == "NaN")
    }

    @Test func anchorsKeepDocumentedNamesAndDropMarkup() {
        #expect(ReportText.anchor("fig01_relaxation") == "fig01_relaxation")   // #fig-fig01_relaxation still works
        #expect(ReportText.anchor("a b\"><script>") == "a-b---script-")
        #expect(ReportText.escape("<b>*x*</b> [l](u) a|b\nc") == "\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) a\\|b c")
    }

    @Test func theDirectiveFormatWinsWithoutAnErrorAndBadFormatsAreErrors() throws {
        var v = ValueStore()
        v.set("a", 0.123456)
        v.set("b", 0.123456, sem: 0.0042)
        let r = ReportRenderer(values: v, results: [], profile: "p", outputDirectory: URL(fileURLWithPath: "/tmp"))
        let md = try r.render(source: "{{value a}} {{value a format=\"%.1f\"}} {{value b sem format=\"%.1f\"}}", file: "r.md")
        #expect(md.contains("0.123 0.1 0.1235 ± 0.0042"))
        #expect(throws: ReportErrors.self) { try r.render(source: "{{value a format=\"%s\"}}", file: "r.md") }
    }

    @Test func verdictsAreBadgesLinkedToTheirRowsAndThePageIsStyled() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let figure = dir.appendingPathComponent("figures/p/fig1.png")
        try FileManager.default.createDirectory(at: figure.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ReportSafetyTests.png.write(to: figure)
        let source = dir.appendingPathComponent("report.md")
        try """
        # The Title Of The Report

        ## Results

        A {{check a}}, b {{check b}}, c {{check c}}, d {{check d}}, e {{check e}}.

        {{figure fig1 "First caption"}}

        {{figure fig1 "Second caption" label="Fig. 4"}}

        ## Discussion

        Text.
        """.write(to: source, atomically: true, encoding: .utf8)
        var values = ValueStore()
        values.set("one", 1.0)
        values.setFigure("fig1", figure)
        let expectations = [
            Expectation(name: "a", quantity: "one", target: .value(1)),
            Expectation(name: "b", quantity: "one", target: .value(2), knownDeviation: "why"),
            Expectation(name: "c", quantity: "one", target: .value(1), knownDeviation: "why not"),
            Expectation(name: "d", quantity: "one", target: .value(3)),
            Expectation(name: "e", quantity: "absent", target: .value(3)),
        ]
        let outcome = try ReportBuilder.build(source: source, profile: "p", values: values, expectations: expectations, provenance: nil,
                                              outputDirectory: dir.appendingPathComponent("build/p"))
        let html = try String(contentsOf: try #require(outcome.html), encoding: .utf8)
        for v in ["pass", "known-deviation", "unexpected-pass", "fail", "missing"] {
            #expect(html.contains("class=\"verdict verdict-\(v)\""), "\(v)")
        }
        for name in ["a", "b", "c", "d", "e"] {
            #expect(html.contains("id=\"check-\(name)\"") && html.contains("href=\"#check-\(name)\""), "\(name)")
        }
        #expect(html.contains("Verdicts:"))                               // the legend
        #expect(html.contains("Figure 1. First caption") && html.contains("Fig. 4. Second caption"))
        #expect(html.contains(".verdict-pass {") && html.contains("nav#TOC"))  // the stylesheet is embedded
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        let toc = try #require(html.range(of: "<nav id=\"TOC\"").map { html[$0.lowerBound...] }?.prefix { _ in true })
        let nav = String(toc[..<toc.range(of: "</nav>")!.upperBound])
        #expect(nav.contains("Results") && nav.contains("Discussion"))
        #expect(!nav.contains("The Title Of The Report"))                  // the title is not in the contents
        #expect(html.contains("<h1 class=\"title\">The Title Of The Report</h1>"))

        // What `repro report` prints at the end.
        let lines = outcome.summary.components(separatedBy: "\n")
        #expect(lines.first == "expectations: 1 pass, 1 known deviation, 1 unexpected pass, 1 fail, 1 missing")
        #expect(lines.contains { $0.hasPrefix("  known deviation ") && $0.contains("b  |1 − 2| = 1 > 0 — why") })
        #expect(lines.contains { $0.hasPrefix("  ✘ FAIL ") && $0.contains("d  |1 − 3|") })
        #expect(lines.contains { $0.hasPrefix("  ✘ MISSING ") && $0.contains("no value 'absent'") })
        #expect(!lines.contains { $0.contains(" a  ") })                     // passes are only counted
        #expect(lines.last == "report: \(outcome.html!.path)")
        #expect(ReportOutcome.firstSentence("At T = 0.40 the order differs. More text.") == "At T = 0.40 the order differs")
    }

    @Test func aNaNValueIsWrittenAsNullNotAnEncodingError() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("report.md")
        try "# T\n".write(to: source, atomically: true, encoding: .utf8)
        var values = ValueStore()
        values.set("tau", .nan, sem: .infinity)
        let outcome = try ReportBuilder.build(source: source, profile: "p", values: values,
                                              expectations: [Expectation(name: "tau", quantity: "tau", target: .value(1))],
                                              provenance: nil, outputDirectory: dir.appendingPathComponent("build"), html: false)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.expectationsJSON)) as! [String: Any]
        let entry = (json["expectations"] as! [[String: Any]])[0]
        #expect(entry["verdict"] as? String == "fail" && entry["value"] == nil && entry["ours"] as? String == "NaN ± ?")
    }
}
