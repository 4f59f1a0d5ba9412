import Foundation
@testable import Pipeline
@testable import Report
import Testing
@testable import Reproduction

/// No measured number is typed by hand into the report or a known-deviation reason: every
/// decimal number in prose (outside `{{…}}` directives, math and code) must be on the allow-list
/// of definitional constants below, else it comes from the computation through a directive.
@Suite struct ReportNumberLintTests {
    static let report = ManifestTests.manifest.deletingLastPathComponent().appendingPathComponent("report.md")

    /// Phrases whose number is a definition, not a result (each kept as a whole phrase, so the same
    /// digits elsewhere still fail). Keep it short; say where the constant lives.
    static let allowed: [String] = [
        "arXiv:2408.12705",          // the paper's identifier, not a number
        "δ_max = 0.12",               // stage parameter max_displacement (the paper's; no profile changes it)
        "0.2·N swap trials",          // stage parameter swap_fraction (no profile changes it)
        "ℓ = 0.5, 1, …, 5",           // the paper's ℓ grid (StructuralDescriptors.paperElls)
        "ρ̄ at ℓ = 0.5",              // its first point, named as a feature
        "ρ̄ at ℓ ≤ 1",                // its first two points
        "at ℓ ≈ 0.5–1",               // the same two points
        "on a grid of step 0.25",     // the fine ℓ grid of the ell_scan stage
    ]

    /// The decimal numbers of `text` in prose: not in a directive, `$…$` math or `` `…` `` code,
    /// nor in an allowed phrase. Numbers: 0.17, 4×10⁶, 10⁻³, 98 %.
    static func handTypedNumbers(in text: String) -> [String] {
        var prose = ""
        var inFence = false
        for line in text.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle(); continue }
            if !inFence { prose += line + "\n" }
        }
        prose = captionsKept(prose)
        for pattern in [#"\{\{.*?\}\}"#, #"\$\$.*?\$\$"#, #"\$[^$\n]*\$"#, #"`[^`\n]*`"#] {
            prose = prose.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        prose = prose.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)  // phrases span lines
        for phrase in allowed { prose = prose.replacingOccurrences(of: phrase, with: " ") }
        let number = #"(?<![\p{L}\d_.\-/])(\d+(\.\d+)?\s?×\s?10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+|10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d+\.\d+|\d+\s?%)"#
        let regex = try! NSRegularExpression(pattern: number)
        let ns = prose as NSString
        return regex.matches(in: prose, range: NSRange(location: 0, length: ns.length)).map { m in
            let from = max(0, m.range.location - 30), to = min(ns.length, m.range.location + m.range.length + 10)
            return ns.substring(with: NSRange(location: from, length: to - from))
        }
    }

    /// `text` with each `{{figure NAME "caption" …}}` replaced by its caption, less the caption's
    /// `[[value …]]` quotes: a caption is prose, however it is delimited.
    static func captionsKept(_ text: String) -> String {
        let directive = try! NSRegularExpression(pattern: #"\{\{(.*?)\}\}"#)
        var out = text
        for m in directive.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let t = ReportRenderer.tokens(String(text[Range(m.range(at: 1), in: text)!]))
            let positional = ReportRenderer.arguments(Array(t.dropFirst())).positional
            guard t.first == "figure", positional.count > 1 else { continue }
            let caption = positional[1].replacingOccurrences(of: #"\[\[.*?\]\]"#, with: " ", options: .regularExpression)
            out.replaceSubrange(Range(m.range, in: out)!, with: " " + caption + " ")
        }
        return out
    }

    @Test func theLintFindsNumbersInProseOnly() {
        let found = Self.handTypedNumbers(in: """
        At T = 0.35 it is 0.085, τα ≈ 4×10⁶, a rate 10⁻³ and 98 % of the drop.
        {{value pq.delta_q_to_p format="%.2f"}} $r < 2.5\\,\\sigma$ `x = 0.5` δ_max = 0.12 Fig. 4, d = 10.
        {{figure fig04 "Grey: the paper at T = 0.30; k = [[value model.wave_number format=%.1f]]." label="Fig. 4"}}
        ```
        0.99
        ```
        """)
        #expect(found.count == 6)
        #expect(found.last?.contains("T = 0.30") == true)
        #expect(!found.contains { $0.contains("6.") })
        #expect(found.allSatisfy { !$0.contains("0.12") && !$0.contains("0.99") })
    }

    @Test func theReportTypesNoMeasuredNumber() throws {
        let found = Self.handTypedNumbers(in: try String(contentsOf: Self.report, encoding: .utf8))
        #expect(found.isEmpty, "hand-typed numbers in report/report.md (quote them with {{value …}}):\n\(found.joined(separator: "\n"))")
    }

    /// Every expectation of the shipped manifest once, whichever profiles it applies to.
    static func expectationsOfEveryProfile() throws -> [Pipeline.Expectation] {
        var seen: [String: Pipeline.Expectation] = [:]
        for profile in try Manifest.load(url: ManifestTests.manifest, profile: nil, registry: PaperStages.registry()).profiles {
            for e in try Manifest.load(url: ManifestTests.manifest, profile: profile, registry: PaperStages.registry()).expectations {
                seen[e.name] = e
            }
        }
        return seen.values.sorted { $0.name < $1.name }
    }

    @Test func noKnownDeviationReasonTypesANumber() throws {
        var found: [String] = []
        for e in try Self.expectationsOfEveryProfile() {
            for (profile, reason) in (e.knownDeviations ?? [:]).sorted(by: { $0.key < $1.key }) {
                found += Self.handTypedNumbers(in: reason).map { "\(e.name) (\(profile)): …\($0)…" }
            }
        }
        #expect(found.isEmpty, "hand-typed numbers in known_deviation reasons of report/manifest.toml:\n\(found.joined(separator: "\n"))")
    }

    /// Descriptions are shown in the summary table: a number there is a tolerance (the expectation's
    /// own fields, shown beside it) or a measured value, so descriptions say neither.
    @Test func noExpectationDescriptionTypesANumber() throws {
        var found: [String] = []
        for e in try Self.expectationsOfEveryProfile() {
            found += Self.handTypedNumbers(in: e.description ?? "").map { "\(e.name): …\($0)…" }
        }
        #expect(found.isEmpty, "hand-typed numbers in expectation descriptions of report/manifest.toml:\n\(found.joined(separator: "\n"))")
    }
}
