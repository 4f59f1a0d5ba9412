/// Builds `report/build/<profile>/`: checks expectations, renders the markdown, writes
/// `report.md`, `expectations.json` and `report.html`. The full report is written even when an
/// expectation fails; `ReportOutcome.failed` then tells the CLI to exit non-zero.
import Foundation
import Pipeline

/// What a report build produced.
public struct ReportOutcome: Sendable {
    public var results: [ExpectationResult]
    public var markdown: URL
    public var html: URL?
    public var expectationsJSON: URL
    /// True when an expectation failed or its value was missing.
    public var failed: Bool { ExpectationChecker.failed(results) }

    /// What `repro report` prints last: the verdict counts, every known deviation and failure
    /// with its one-line reason, and where the report is.
    public var summary: String {
        let order: [Verdict] = [.pass, .knownDeviation, .unexpectedPass, .fail, .missing]
        let counts = order.map { v in "\(results.filter { $0.verdict == v }.count) \(v.rawValue)" }
        var lines = ["expectations: " + counts.joined(separator: ", ")]
        let width = results.map(\.expectation.name.count).max() ?? 0
        for v in [Verdict.knownDeviation, .unexpectedPass, .fail, .missing] {
            for r in results where r.verdict == v {
                var reason = r.detail
                if let why = r.expectation.knownDeviation { reason += " — " + Self.firstSentence(why) }
                lines.append("  \(v.label.padding(toLength: 16, withPad: " ", startingAt: 0)) "
                             + "\(r.expectation.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(reason)")
            }
        }
        lines.append("report: \((html ?? markdown).path)")
        return lines.joined(separator: "\n")
    }

    /// Up to the first full stop or semicolon, at most 100 characters.
    static func firstSentence(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ")
        let cut = flat.range(of: #"[.;](\s|$)"#, options: .regularExpression).map { String(flat[..<$0.lowerBound]) } ?? flat
        return cut.count > 100 ? String(cut.prefix(99)) + "…" : cut
    }
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
        /// Optional so that builds written before the key was named `reference` still load.
        var reference: String?
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
    /// bad directives, missing values, or image/link targets outside `resourceDirectories`
    /// (nothing written then), or an I/O / pandoc error (previous files left in place).
    /// `referenceLabel`: the header of the reference column (default `ReferenceValues().label`).
    /// `resourceDirectories`: what the report may embed besides its own directory; nil = the
    /// directories of the value store's figures (e.g. `figures/<profile>/`).
    public static func build(source: URL, profile: String?, values: ValueStore, expectations: [Expectation],
                             declaredExpectations: Set<String> = [], knownProfiles: Set<String> = [], referenceLabel: String? = nil,
                             provenance: Provenance?,
                             outputDirectory: URL, resourceDirectories: [URL]? = nil, html: Bool = true,
                             pandoc: String = "pandoc") throws -> ReportOutcome {
        var renderer = ReportRenderer(values: values, results: ExpectationChecker(values: values).check(expectations), profile: profile,
                                      outputDirectory: outputDirectory, provenance: provenance,
                                      declaredExpectations: declaredExpectations.union(expectations.map(\.name)), knownProfiles: knownProfiles)
        renderer.published = PublishedBaselines(reportSource: source)
        if let referenceLabel { renderer.referenceLabel = referenceLabel }
        // Reasons are templates: rendered once, shown alike in the report, the JSON and the terminal.
        renderer.results = try renderer.renderingReasons(renderer.results, file: "known_deviation")
        let results = renderer.results
        let text = try String(contentsOf: source, encoding: .utf8)
        let markdown = try renderer.render(source: text, file: source.path)
        let figureDirectories = Set(values.figures.values.map { $0.deletingLastPathComponent().standardizedFileURL })
        let allowed = [outputDirectory] + (resourceDirectories ?? figureDirectories.sorted { $0.path < $1.path })
        let md = outputDirectory.appendingPathComponent("report.md")
        try ResourceGuard(allowed: allowed, base: outputDirectory).check(markdown, file: md.path)
        return try write(markdown: markdown, results: results, values: values, profile: profile, outputDirectory: outputDirectory,
                         html: html, pandoc: pandoc)
    }

    /// Writes `report.md`, `expectations.json`, `values.json` and `report.html` into
    /// `outputDirectory` (created). Everything is written under temporary names first and renamed
    /// at the end, so the files always belong to one run and none is ever half-written.
    static func write(markdown: String, results: [ExpectationResult], values: ValueStore, profile: String?, outputDirectory: URL,
                      html: Bool, pandoc: String) throws -> ReportOutcome {
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        for r in results { counts[r.verdict.rawValue, default: 0] += 1 }
        let file = ExpectationsFile(profile: profile ?? "base", failed: ExpectationChecker.failed(results), counts: counts,
                                    expectations: results.map {
            .init(name: $0.expectation.name, quantity: $0.expectation.quantity, description: $0.expectation.description,
                  ours: $0.ours, value: finite($0.value), standardError: finite($0.standardError), expected: $0.expectedText, reference: $0.referenceText,
                  verdict: $0.verdict, detail: $0.detail, knownDeviation: $0.expectation.knownDeviation)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let md = outputDirectory.appendingPathComponent("report.md")
        let json = outputDirectory.appendingPathComponent("expectations.json")
        let valuesJSON = outputDirectory.appendingPathComponent("values.json")
        let mdPartial = partial(md), jsonPartial = partial(json), valuesPartial = partial(valuesJSON)
        defer { for u in [mdPartial, jsonPartial, valuesPartial] { try? FileManager.default.removeItem(at: u) } }
        try Data(markdown.utf8).write(to: mdPartial)
        try encoder.encode(file).write(to: jsonPartial)
        try values.write(to: valuesPartial)  // every value the report could quote: what `repro diff` compares
        var htmlURL: URL? = nil
        if html {
            let url = outputDirectory.appendingPathComponent("report.html")
            let style = outputDirectory.appendingPathComponent(".report-style.html.partial")
            defer { try? FileManager.default.removeItem(at: style) }
            try Data(ReportStyle.headerInclude.utf8).write(to: style)
            try Pandoc.html(markdown: mdPartial, output: url, title: "Reproduction report (\(profile ?? "base"))",
                            resourceDirectory: outputDirectory, headerInclude: style,
                            promoteTitle: hasSingleTitle(markdown), executable: pandoc)
            htmlURL = url
        }
        try Pandoc.replace(valuesJSON, with: valuesPartial)
        try Pandoc.replace(json, with: jsonPartial)
        try Pandoc.replace(md, with: mdPartial)
        return ReportOutcome(results: results, markdown: md, html: htmlURL, expectationsJSON: json)
    }

    /// JSON has no NaN or infinity (JSONEncoder throws on them): such values are written as null.
    static func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }

    /// The temporary name `file` is written under before the rename.
    static func partial(_ file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("." + file.lastPathComponent + ".partial")
    }

    /// True when the first heading is the only level-1 heading (outside code): it is the title.
    static func hasSingleTitle(_ markdown: String) -> Bool {
        var inFence = false
        var levels: [Int] = []
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence || !line.hasPrefix("#") { continue }
            let hashes = line.prefix { $0 == "#" }.count
            if line.dropFirst(hashes).first == " " { levels.append(hashes) }
        }
        return levels.first == 1 && levels.filter { $0 == 1 }.count == 1
    }
}
