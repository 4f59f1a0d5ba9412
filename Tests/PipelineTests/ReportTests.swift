// The literate report: directives rendered, missing values are located errors, the summary
// table opens the report, files written (markdown, verdicts JSON, HTML via pandoc).
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ReportTests {
    let expectations = [
        Expectation(name: "peak", quantity: "theta.peak", target: .value(2), tolerance: .absolute(0.5), reference: "paper.theta.peak",
                    description: "Θ̄ Pearson peak ℓ"),
        Expectation(name: "pq", quantity: "delta.qp", target: .value(0.21), tolerance: .absolute(0.01), reference: "paper.delta.qp"),
        Expectation(name: "beta", quantity: "beta.l", target: .range(nil, 1), knownDeviation: "short trajectories"),
    ]

    func store(figure: URL? = nil) -> ValueStore {
        var v = ValueStore()
        v.set("theta.peak", 2.25)
        v.set("delta.qp", 0.3, sem: 0.02)
        v.set("beta.l", 1.5)
        v.set("name", "Θ̄")
        v.set("ranks", ReportTable(columns: ["descriptor", "ρ"], rows: [["Θ̄", "0.56"], ["a|b", "0.4"]], caption: "Ranking"))
        if let figure { v.setFigure("fig1", figure) }
        return v
    }

    @Test func directivesAreRendered() throws {
        let out = URL(fileURLWithPath: "/tmp/r/report/build/default")
        let renderer = ReportRenderer(values: store(figure: URL(fileURLWithPath: "/tmp/r/figures/default/fig1.png")),
                                      results: ExpectationChecker(values: store()).check(expectations), profile: "default", outputDirectory: out)
        let md = try renderer.render(source: """
        # Title
        Peak at ℓ = {{value theta.peak format="%.2f"}} for {{value name}}; Δ = {{value delta.qp sem format="%.2f"}}.
        {{figure fig1 "Pearson correlation against ℓ"}}
        {{table ranks}}
        Check: {{check peak}} and {{check pq}}.
        Profile {{profile}}.
        ```
        {{value not.rendered.in.code}}
        ```
        """, file: "report.md")
        let lines = md.components(separatedBy: "\n")
        #expect(lines[0] == "# Title")
        #expect(lines[2].hasPrefix("**Expectations (profile default): 2 of 3 hold, 1 FAILED.**"))  // summary opens the report
        #expect(md.contains("Peak at ℓ = 2.25 for Θ̄; Δ = 0.300 ± 0.020."))  // rounded to the SE, not to the format
        #expect(md.contains("![Figure 1. Pearson correlation against ℓ](../../../figures/default/fig1.png){#fig-fig1}"))
        #expect(md.contains("| descriptor | ρ |\n|---|---|\n| Θ̄ | 0.56 |\n| a\\|b | 0.4 |\n\n: Ranking"))
        #expect(md.contains("[[✔ pass]{.verdict .verdict-pass}](#check-peak) (*peak*: ours 2.25; expected 2 ± 0.5)"))
        #expect(md.contains("[[✘ FAIL]{.verdict .verdict-fail}](#check-pq) (*pq*: ours 0.300 ± 0.020; expected 0.21 ± 0.01)"))
        #expect(md.contains("| [beta]{#check-beta} | beta.l | 1.50 | ≤ 1 | – | [known deviation]{.verdict .verdict-known-deviation} |"))
        #expect(md.contains("| [pq]{#check-pq} |") && md.contains("| [peak]{#check-peak} |"))
        #expect(md.contains("Profile default."))
        #expect(md.contains("{{value not.rendered.in.code}}"))
    }

    @Test func missingValuesAreErrorsNamingDirectiveAndLine() {
        let renderer = ReportRenderer(values: store(), results: [], profile: "default", outputDirectory: URL(fileURLWithPath: "/tmp"))
        do {
            _ = try renderer.render(source: "# T\n\nA {{value nope}}.\n{{figure fig9}}\n{{check unknown}}\n{{bogus}}\n", file: "report.md")
            Issue.record("no error")
        } catch let e as ReportErrors {
            #expect(e.errors.map(\.line) == [3, 4, 5, 6])
            #expect(e.errors[0].description == "report.md:3: {{value nope}}: no value 'nope' in the value store")
            #expect(e.errors[1].message == "no figure 'fig9' in the value store")
            #expect(e.errors[2].message == "no expectation 'unknown' in the manifest")
            #expect(e.errors[3].message.hasPrefix("unknown directive 'bogus'"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func explicitSummaryPlacementAndChecksOfOtherProfiles() throws {
        let renderer = ReportRenderer(values: store(), results: [], profile: "smoke", outputDirectory: URL(fileURLWithPath: "/tmp"),
                                      declaredExpectations: ["peak"])
        let md = try renderer.render(source: "# T\n{{check peak}}\n## Summary\n{{expectations}}", file: "r.md")
        #expect(md == "# T\n*(check peak does not apply to profile smoke)*\n## Summary\n*No expectations for profile smoke.*")
    }

    @Test func onlyBlocksKeepTheirLinesForTheirProfilesAlone() throws {
        let source = "# T\nshared\n{{only default paper}}\nwarm {{value theta.peak}}\n{{end only}}\n  {{only smoke}}\ncold {{value absent.in.this.profile}}\n{{end only}}\nend"
        func render(_ profile: String) throws -> String {
            try ReportRenderer(values: store(), results: [], profile: profile, outputDirectory: URL(fileURLWithPath: "/tmp"),
                               knownProfiles: ["default", "paper", "smoke"]).render(source: source, file: "r.md")
        }
        let d = try render("default")
        #expect(d.contains("warm 2.25") && !d.contains("cold") && !d.contains("only") && d.contains("shared") && d.contains("end"))
        // The smoke block cites a missing value: evaluated, hence an error, only where it is kept.
        #expect(throws: ReportErrors.self) { try render("smoke") }
    }

    @Test func malformedOnlyBlocksAreLocatedErrors() {
        let renderer = ReportRenderer(values: store(), results: [], profile: "default", outputDirectory: URL(fileURLWithPath: "/tmp"),
                                      knownProfiles: ["default", "smoke"])
        for (source, line, fragment) in [("a\n{{only defualt}}\nb\n{{end only}}", 2, "unknown profile 'defualt'"),
                                         ("a\n{{only default}}\nb", 2, "never closed"),
                                         ("a\n{{end only}}", 2, "without"),
                                         ("{{only default}}\n{{only smoke}}\n{{end only}}", 2, "do not nest")] {
            do {
                _ = try renderer.render(source: source, file: "r.md")
                Issue.record("no error for \(source)")
            } catch let e as ReportErrors {
                #expect(e.errors.contains { $0.line == line && $0.message.contains(fragment) }, "\(e)")
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func buildWritesMarkdownVerdictsAndHTML() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 1×1 PNG figure.
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!
        let figure = dir.appendingPathComponent("figures/default/fig1.png")
        try FileManager.default.createDirectory(at: figure.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: figure)
        let source = dir.appendingPathComponent("report/report.md")
        try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
        try """
        # Reproduction

        ## Results

        The peak {{check peak}} with $\\bar\\Theta$ and $$\\Delta(A \\to B) = \\frac{2}{N}\\langle r \\rangle$$

        {{figure fig1 "Figure one caption"}}

        {{provenance}}
        """.write(to: source, atomically: true, encoding: .utf8)
        let provenance = Provenance(gitCommit: "abc123", gitDirty: true, toolchain: "Swift 6.3.1", profile: "default", globalSeed: 7,
                                    stageSeconds: ["equilibrate": 12.5, "figures": 1], machine: "Linux x86_64", cores: 2, date: "2026-11-25")
        let out = dir.appendingPathComponent("report/build/default")
        let outcome = try ReportBuilder.build(source: source, profile: "default", values: store(figure: figure), expectations: expectations,
                                              provenance: provenance, outputDirectory: out)
        #expect(outcome.failed)  // pq fails: the CLI exits non-zero, after everything was written
        let md = try String(contentsOf: outcome.markdown, encoding: .utf8)
        #expect(md.contains("| Commit | `abc123` (working tree dirty) |"))
        #expect(md.contains("| equilibrate | 12.5 |"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.expectationsJSON)) as! [String: Any]
        #expect(json["failed"] as? Bool == true)
        let verdicts = (json["expectations"] as! [[String: Any]]).map { $0["verdict"] as! String }
        #expect(verdicts == ["pass", "fail", "known deviation"])
        let html = try String(contentsOf: try #require(outcome.html), encoding: .utf8)
        #expect(html.contains("<math"))                       // MathML, no network
        #expect(html.contains("id=\"results\""))              // heading anchors
        #expect(html.contains("id=\"TOC\""))                  // table of contents
        #expect(html.contains("Figure one caption"))
        #expect(html.contains("src=\"data:image/png;base64,"))  // figure embedded
        #expect(!html.contains("src=\"http"))
    }

    @Test func provenanceIsCollectedFromTheMachine() {
        let p = Provenance.collect(repository: URL(fileURLWithPath: "/nonexistent-repo"), profile: "smoke", globalSeed: 1, stageSeconds: [:])
        #expect(p.gitCommit == nil)
        #expect(p.cores == ProcessInfo.processInfo.activeProcessorCount)
        #expect(p.machine.contains("Linux"))
        #expect(p.markdown.hasPrefix("## Provenance"))
    }
}
