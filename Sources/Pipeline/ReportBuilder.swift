/// Builds `report/build/<profile>/`: checks expectations, renders the markdown, writes
/// `report.md`, `expectations.json` and `report.html`. The full report is written even when an
/// expectation fails; `ReportOutcome.failed` then tells the CLI to exit non-zero.
import Foundation

/// What a report build produced.
public struct ReportOutcome: Sendable {
    public var results: [ExpectationResult]
    public var markdown: URL
    public var html: URL?
    public var expectationsJSON: URL
    /// True when an expectation failed or its value was missing.
    public var failed: Bool { ExpectationChecker.failed(results) }
}

/// Machine-readable verdicts (`expectations.json`).
struct ExpectationsFile: Codable {
    struct Entry: Codable {
        var name: String
        var quantity: String
        var description: String?
        var ours: String?
        var value: Double?
        var standardError: Double?
        var expected: String
        var paper: String
        var verdict: Verdict
        var detail: String
        var knownDeviation: String?
    }
    var profile: String
    var failed: Bool
    var counts: [String: Int]
    var expectations: [Entry]
}

public enum ReportBuilder {
    /// Renders `source` for `profile` into `outputDirectory` (created). Throws `ReportErrors` for
    /// bad directives or missing values (nothing written then), or an I/O / pandoc error.
    public static func build(source: URL, profile: String?, values: ValueStore, expectations: [Expectation],
                             declaredExpectations: Set<String> = [], knownProfiles: Set<String> = [], provenance: Provenance?,
                             outputDirectory: URL, html: Bool = true) throws -> ReportOutcome {
        let results = ExpectationChecker(values: values).check(expectations)
        let renderer = ReportRenderer(values: values, results: results, profile: profile, outputDirectory: outputDirectory,
                                      provenance: provenance, declaredExpectations: declaredExpectations.union(expectations.map(\.name)),
                                      knownProfiles: knownProfiles)
        let text = try String(contentsOf: source, encoding: .utf8)
        let markdown = try renderer.render(source: text, file: source.path)
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let md = outputDirectory.appendingPathComponent("report.md")
        try Data(markdown.utf8).write(to: md, options: .atomic)

        var counts: [String: Int] = [:]
        for r in results { counts[r.verdict.rawValue, default: 0] += 1 }
        let file = ExpectationsFile(profile: profile ?? "base", failed: ExpectationChecker.failed(results), counts: counts,
                                    expectations: results.map {
            .init(name: $0.expectation.name, quantity: $0.expectation.quantity, description: $0.expectation.description,
                  ours: $0.ours, value: $0.value, standardError: $0.standardError, expected: $0.expectedText, paper: $0.paperText,
                  verdict: $0.verdict, detail: $0.detail, knownDeviation: $0.expectation.knownDeviation)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = outputDirectory.appendingPathComponent("expectations.json")
        try encoder.encode(file).write(to: json, options: .atomic)

        var htmlURL: URL? = nil
        if html {
            let url = outputDirectory.appendingPathComponent("report.html")
            try Pandoc.html(markdown: md, output: url, title: "Reproduction report (\(profile ?? "base"))")
            htmlURL = url
        }
        return ReportOutcome(results: results, markdown: md, html: htmlURL, expectationsJSON: json)
    }
}
