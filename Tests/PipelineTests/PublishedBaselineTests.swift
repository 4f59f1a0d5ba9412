// Values of other profiles come from their published baselines (report/published/<profile>/),
// `{{only … published|unpublished}}` asks whether the rendered profile has one, and
// known-deviation reasons are templates rendered with the build's values.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct PublishedBaselineTests {
    /// report/published/ with a `cold` baseline holding theta.pearson_margin (and its SE).
    func publishedDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cold"), withIntermediateDirectories: true)
        var cold = ValueStore()
        cold.set("theta.pearson_margin", -0.0451, sem: 0.012)
        cold.set("best_descriptor", "ρ̄ <b>")
        try cold.write(to: dir.appendingPathComponent("cold/values.json"))
        return dir
    }

    func renderer(_ published: URL?, profile: String = "default", reason: String? = nil) -> ReportRenderer {
        var v = ValueStore()
        v.set("margin", 0.021)
        v.set("temperature", 0.4)
        let e = Expectation(name: "margin-positive", quantity: "margin", target: .range(0.05, nil), knownDeviation: reason)
        var r = ReportRenderer(values: v, results: ExpectationChecker(values: v).check([e]), profile: profile,
                               outputDirectory: URL(fileURLWithPath: "/tmp"), knownProfiles: ["default", "cold", "paper"])
        r.published = PublishedBaselines(directory: published)
        return r
    }

    @Test func anotherProfilesValueComesFromItsBaseline() throws {
        let dir = try publishedDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let md = try renderer(dir).render(source: "# T\nCold: {{value cold:theta.pearson_margin format=\"%+.3f\"}}, "
                                          + "{{value cold:theta.pearson_margin sem}}, {{value cold:best_descriptor}}.", file: "r.md")
        #expect(md.contains("Cold: -0.045, -0.045 ± 0.012, ρ̄ \\<b\\>."))
    }

    @Test func aMissingBaselineKeyOrBadProfileIsAnErrorLikeAnUnknownKey() throws {
        let dir = try publishedDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try renderer(dir).render(source: "{{value paper:theta.pearson_margin}}\n{{value cold:theta.pearson_margn}}\n"
                                         + "{{value ../etc:x}}\n{{value nowhere:x}}", file: "r.md")
            Issue.record("rendered")
        } catch let e as ReportErrors {
            #expect(e.errors.map(\.line) == [1, 2, 3, 4])
            #expect(e.errors[0].message.contains("profile 'paper' has no published baseline") && e.errors[0].message.contains("published: cold"))
            #expect(e.errors[1].message.contains("did you mean 'cold:theta.pearson_margin'?"))
            #expect(e.errors[2].message.contains("a profile name is [A-Za-z0-9_-]+"))
            #expect(e.errors[3].message.contains("unknown profile 'nowhere'"))
        }
        // The same problems are found without rendering, for the checks before compute.
        let published = PublishedBaselines(directory: dir)
        #expect(published.problem(with: "cold:theta.pearson_margin", knownProfiles: ["cold"]) == nil)
        #expect(published.problem(with: "paper:theta.pearson_margin", knownProfiles: ["cold", "paper"])?.contains("no published baseline") == true)
        #expect(published.problem(with: "a/b:x", knownProfiles: [])?.contains("profile name") == true)
    }

    @Test func onlyBlocksCanAskWhetherTheProfileIsPublished() throws {
        let dir = try publishedDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = "a\n{{only paper unpublished}}\nnot run\n{{end only}}\n{{only published}}\nreviewed\n{{end only}}\nz"
        #expect(try renderer(dir, profile: "paper").render(source: source, file: "r.md").contains("not run"))
        #expect(!(try renderer(dir, profile: "default").render(source: source, file: "r.md")).contains("not run"))
        #expect(try renderer(dir, profile: "cold").render(source: source, file: "r.md").contains("reviewed"))
        #expect(!(try renderer(dir, profile: "paper").render(source: source, file: "r.md")).contains("reviewed"))
        #expect(throws: ReportErrors.self) { try renderer(dir).render(source: "{{only published unpublished}}\nx\n{{end only}}", file: "r.md") }
    }

    @Test func reasonsAreTemplatesRenderedInTheTableAndTheTerminal() throws {
        let dir = try publishedDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = renderer(dir, reason: "at T = {{value temperature format=%.2f}} the margin is {{value margin format=%.3f}} "
                         + "(cold: {{value cold:theta.pearson_margin format=%+.3f}}); more")
        let results = try r.renderingReasons(r.results, file: "manifest.toml")
        #expect(results[0].expectation.knownDeviation == "at T = 0.40 the margin is 0.021 (cold: -0.045); more")
        var rendered = r
        rendered.results = results
        #expect(rendered.summaryTable().contains("(known deviation): at T = 0.40 the margin is 0.021 (cold: -0.045)"))
        let outcome = ReportOutcome(results: results, markdown: URL(fileURLWithPath: "/tmp/r.md"), html: nil,
                                    expectationsJSON: URL(fileURLWithPath: "/tmp/e.json"))
        #expect(outcome.summary.contains("— at T = 0.40 the margin is 0.021 (cold: -0.045)"))
    }

    @Test func aBadReasonDirectiveIsAnErrorNamingTheExpectation() {
        let r = renderer(nil, reason: "margin {{value margn}} and {{check x}}")
        #expect(ReportRenderer.reasonProblems("a {{check x}} {{value y}} {{figure f}}").count == 2)
        do {
            _ = try r.renderingReasons(r.results, file: "manifest.toml")
            Issue.record("rendered")
        } catch let e as ReportErrors {
            #expect(e.errors.count == 1 && e.errors[0].directive == "known_deviation of 'margin-positive'")
            #expect(e.errors[0].message.contains("no value 'margn'"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
