import Foundation
@testable import Pipeline
@testable import Report
import Testing
@testable import Reproduction

/// The shipped report rendered for the `paper` profile (T = 0.30) from fabricated values: every
/// sentence it keeps must hold at the paper's state point, and without a published baseline it
/// says plainly that the profile has not been run end to end.
@Suite struct PaperProfileReportTests {
    static let root = ManifestTests.manifest.deletingLastPathComponent().deletingLastPathComponent()

    /// A value for every declared key: the state point of `profile`, 0.5 elsewhere (a number no
    /// hand-typed sentence is checked for), a one-row table for tables.
    static func fabricatedValues(temperature: Double, profile: String) throws -> ValueStore {
        var v = ValueStore()
        let texts = ["best_descriptor": "Θ̄", "species_order_s_m_l": "S > M > L", "series.temperatures": "0.60, 0.50",
                     "equilibrium.swap_pairs": "adjacent", "profile": profile]
        let integers: Set<String> = ["n", "configurations", "runs", "t_beta", "t_alpha_sweeps", "max_d", "windows_max",
                                     "swap_sweeps_max", "window_sweeps"]
        for key in ReportSummary.keySet.keys {
            let last = String(key.split(separator: ".").last!)
            if key.hasPrefix("table.") || key.contains(".table.") {
                v.set(key, ReportTable(columns: ["a"], rows: [["b"]]))
            } else if let text = texts[key] ?? texts[last] ?? (key.hasSuffix("best_descriptor") ? "Θ̄" : nil) {
                v.set(key, text)
            } else if integers.contains(last) || integers.contains(key) {
                v.set(key, 7)
            } else {
                v.set(key, 0.5)
            }
        }
        v.set("temperature", temperature)
        v.set("paper.temperature", 0.30)
        v.set("paper.tau_alpha", 4e6)
        let source = try String(contentsOf: root.appendingPathComponent("report/report.md"), encoding: .utf8)
        let figure = try NSRegularExpression(pattern: #"\{\{figure (\S+)"#)
        for m in figure.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            let name = String(source[Range(m.range(at: 1), in: source)!])
            v.setFigure(name, root.appendingPathComponent("figures/\(profile)/\(name).png"))
        }
        return v
    }

    static func render(profile: String, temperature: Double, published: URL?, overrides: [String: Double] = [:]) throws -> String {
        let manifest = try Manifest.load(url: ManifestTests.manifest, profile: profile, registry: PaperStages.registry())
        var values = try fabricatedValues(temperature: temperature, profile: profile)
        for (key, x) in overrides { values.set(key, x) }
        var renderer = ReportRenderer(values: values, results: ExpectationChecker(values: values).check(manifest.expectations),
                                      profile: profile, outputDirectory: root.appendingPathComponent("report/build/\(profile)"),
                                      provenance: Provenance(gitCommit: nil, gitDirty: nil, toolchain: "test", profile: profile, globalSeed: 1,
                                                             stageSeconds: [:], machine: "test", cores: 2, date: "today"),
                                      declaredExpectations: manifest.declaredExpectationNames, knownProfiles: Set(manifest.profiles))
        renderer.published = PublishedBaselines(directory: published)
        renderer.results = try renderer.renderingReasons(renderer.results, file: "manifest")
        let source = try String(contentsOf: root.appendingPathComponent("report/report.md"), encoding: .utf8)
        return try renderer.render(source: source, file: "report.md")
    }

    @Test func thePaperReportHoldsAtThePapersTemperature() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)")
        let md = try Self.render(profile: "paper", temperature: 0.30, published: empty)
        let saysNotRun = md.contains("This profile has not yet been run end to end.")
        #expect(saysNotRun)
        for falseHere in ["cannot", "out of reach", "T = 0.40", "T = 0.35", "0.40", "0.35", "against 0.30", "a higher temperature"] {
            let says = md.contains(falseHere)
            #expect(!says, "the paper profile's report says '\(falseHere)'")
        }
    }

    @Test func aPublishedBaselineRemovesTheNotRunSentence() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("published-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("paper"), withIntermediateDirectories: true)
        try ValueStore().write(to: dir.appendingPathComponent("paper/values.json"))
        #expect(!(try Self.render(profile: "paper", temperature: 0.30, published: dir)).contains("not yet been run end to end"))
        // Other profiles never say it, published or not.
        #expect(!(try Self.render(profile: "default", temperature: 0.40, published: nil)).contains("not yet been run end to end"))
    }

    /// Figure captions quote the paper's state point and the model's constants from the values,
    /// in every profile: fabricated values that no caption could type show up in each.
    @Test(arguments: ["smoke", "ci", "default", "cold", "paper"])
    func captionsQuoteTheirNumbers(profile: String) throws {
        let md = try Self.render(profile: profile, temperature: 0.45, published: nil)
        let captions = md.components(separatedBy: "\n").filter { $0.hasPrefix("![") }
        #expect(captions.count == 12)
        #expect(captions.contains { $0.contains("Grey: the paper at T = 0.30.") })  // paper.temperature, fabricated as 0.30
        #expect(captions.contains { $0.contains("F_s^CR(k = 0.5, t)") })           // model.wave_number, fabricated as 0.5
        #expect(captions.filter { $0.contains("supervised II, d = 7") }.count == 2) // prediction.max_d, fabricated as 7
        #expect(!captions.contains { $0.contains("[[") || $0.contains("6.3") || $0.contains("d = 15") || $0.contains("d = 16") })
    }

    /// "Most points of the temperature series have fewer configurations than the main data set"
    /// (Limitations, every profile), and the per-profile counts the default and cold blocks state.
    @Test(arguments: ["smoke", "ci", "default", "cold", "paper"])
    func seriesConfigurationsAreAsTheReportSays(profile: String) throws {
        let m = try Manifest.load(url: ManifestTests.manifest, profile: profile, registry: PaperStages.registry())
        let main = try #require(m.stage("equilibrate")?.fanOut.count)
        let series = try #require(m.stage("series_equilibrate"))
        let counts = try #require(series.fanOut.replicasPerElement)
        #expect(counts.allSatisfy { $0 <= main } && counts.filter { $0 < main }.count * 2 > counts.count, "\(counts) against \(main)")
        if profile == "default" { #expect(counts.allSatisfy { $0 == 2 }) }                         // "two configurations each"
        if profile == "cold" { #expect(counts.suffix(1) == [main] && main == 4 && counts.dropLast().allSatisfy { $0 == 2 }) }
    }

    /// A value no check of the profile bounds is quoted without a direction it may not have. The
    /// smoke profile checks none of these, so its report is rendered with each of the contrary
    /// sign, and every clause that quotes one is read for a claim the value contradicts.
    @Test func uncheckedValuesAreQuotedWithoutADirection() throws {
        let contrary: [(key: String, value: Double, shown: String, claims: [String])] = [
            ("supervised.noise_rise", -0.0123, "0.0123", ["raise", "lower"]),
            ("prediction.unsupervised_minus_random_d10_15", -0.0234, "0.023", ["exceed", "beat", "below"]),
            ("species.p_ratio_s_to_l", 0.87, "0.87", ["farther"]),
            ("series.theta_minus_rho_hottest", -0.0456, "0.046", ["lead", "ahead"]),
            ("symmetry.max_abs_difference", 0.345, "0.345", ["lies near", "every feature"]),
            ("psi6_bar.delta_x_to_p_mean", 0.456, "0.456", ["Ψ̄₆ is independent"]),
            ("beta.prediction.supervised.dmax", 0.678, "0.678", ["below", "lower", "less"]),
        ]
        var overrides = Dictionary(uniqueKeysWithValues: contrary.map { ($0.key, $0.value) })
        overrides["supervised.noise_rise.sem"] = 0.0011
        let md = try Self.render(profile: "smoke", temperature: 0.8, published: nil, overrides: overrides)
        // Checks that do not apply render as "*(check NAME does not apply …)*": their names claim nothing.
        let text = md.replacingOccurrences(of: #"\*\(check [^)]*\)\*"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        let clauses = text.components(separatedBy: ". ").flatMap { $0.components(separatedBy: "; ") }
        for c in contrary {
            let quoting = clauses.filter { $0.contains(c.shown) }
            #expect(!quoting.isEmpty, "\(c.key) is not quoted")
            for clause in quoting {
                let claims = c.claims.filter { clause.localizedCaseInsensitiveContains($0) }
                #expect(claims.isEmpty, "'\(clause)' claims \(claims) though \(c.key) = \(c.value)")
            }
        }
    }

    @Test func everyProfileRendersFromItsDeclaredKeys() throws {
        for (profile, t) in [("smoke", 0.8), ("ci", 0.5), ("default", 0.4), ("cold", 0.35)] {
            let md = try Self.render(profile: profile, temperature: t, published: nil)
            #expect(md.contains("Selecting relevant structural features"))
        }
    }
}
