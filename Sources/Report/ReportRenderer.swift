/// Renders the literate report: replaces directives in markdown with computed content.
///   {{figure NAME "caption"}}          "Figure k." + caption, anchor #fig-NAME (label="Fig. 1"
///                                      replaces "Figure k"); the caption quotes values as
///                                      [[value KEY format=%.2f]] (`FigureCaptions`)
///   {{value KEY format="%.3f" sem}}    a number; with `sem`, "x ± SE" rounded to the SE's two
///                                      significant figures (the format is then ignored); else
///                                      the format, or three significant figures
///   {{value PROFILE:KEY …}}            the same from PROFILE's published baseline
///                                      (`PublishedBaselines`); an error when it has none
///   {{table NAME}}                     a pipe table from the value store
///   {{check NAME}}                     the verdict of one expectation, inline
///   {{expectations}}                   the summary table (inserted after the title if absent)
///   {{provenance}}                     the provenance section
///   {{profile}}                        the profile name
///   {{only P1 P2 …}} … {{end only}}    lines kept only for the listed profiles (each marker on a
///                                      line of its own; directives in dropped lines are not evaluated);
///                                      `published` / `unpublished` among the names also require that
///                                      the rendered profile has / has no published baseline
/// Directives inside fenced code blocks are left alone. Every problem (unknown directive,
/// missing value, figure or expectation) is collected and thrown with its line. Text that comes
/// from data (manifest names and descriptions, profile, value-store strings and tables) is
/// escaped with `ReportText.escape`: it can never become markup, an image or raw HTML.
import Foundation
import Pipeline

/// A problem in the report source.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var directive: String
    public var message: String
    public var description: String { "\(file):\(line): \(directive): \(message)" }
}

/// All problems in a report source.
public struct ReportErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ReportError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

public struct ReportRenderer: Sendable {
    public var values: ValueStore
    public var results: [ExpectationResult]
    public var profile: String?
    /// Where the rendered markdown will live; figure links are made relative to it.
    public var outputDirectory: URL
    public var provenance: Provenance?
    /// Names of all expectations in the manifest (any profile), so a check not applying to this
    /// profile renders as such instead of being an error.
    public var declaredExpectations: Set<String>
    /// Profiles of the manifest; when non-empty, `{{only …}}` may name only these (catches typos).
    public var knownProfiles: Set<String>
    /// Checks directives without looking anything up, keeping every `{{only}}` block: validates a
    /// source before any value exists (`validate`).
    var placeholders = false
    /// The published baselines `{{value PROFILE:KEY}}` and `{{only … published}}` read.
    public var published = PublishedBaselines(directory: nil)
    /// Header of the summary table's column of reference values (`StageRegistry.reference`).
    public var referenceLabel = ReferenceValues().label

    public init(values: ValueStore, results: [ExpectationResult], profile: String?, outputDirectory: URL,
                provenance: Provenance? = nil, declaredExpectations: Set<String> = [], knownProfiles: Set<String> = []) {
        self.values = values
        self.results = results
        self.profile = profile
        self.outputDirectory = outputDirectory
        self.provenance = provenance
        self.declaredExpectations = declaredExpectations
        self.knownProfiles = knownProfiles
        var used: Set<String> = []
        var ids: [String: String] = [:]
        for r in results where ids[r.expectation.name] == nil {
            let stem = "check-" + ReportText.anchor(r.expectation.name)
            var id = stem, k = 2
            while used.contains(id) { id = "\(stem)-\(k)"; k += 1 }
            used.insert(id)
            ids[r.expectation.name] = id
        }
        anchors = ids
    }

    /// Expectation name → id of its row in the summary table (ASCII, unique).
    let anchors: [String: String]

    /// The rendered markdown, or `ReportErrors` naming each bad directive and its line.
    public func render(source: String, file: String) throws -> String {
        var errors: [ReportError] = []
        var out: [String] = []
        var inFence = false
        var hasSummary = false
        var figures = 0
        let lines = source.components(separatedBy: "\n")
        // (line of the opening marker, whether its lines are kept) while inside {{only …}}.
        var block: (line: Int, keep: Bool)? = nil
        for (n, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") { inFence.toggle() }
            if !inFence, let marker = Self.blockMarker(trimmed) {
                switch marker {
                case .only(let names):
                    if let open = block {
                        errors.append(ReportError(file: file, line: n + 1, directive: trimmed,
                                                  message: "{{only}} blocks do not nest; the block opened on line \(open.line) is still open"))
                    }
                    let (keep, problems) = keepsBlock(names)
                    for m in problems { errors.append(ReportError(file: file, line: n + 1, directive: trimmed, message: m)) }
                    block = (n + 1, placeholders || keep)
                case .end:
                    if block == nil {
                        errors.append(ReportError(file: file, line: n + 1, directive: trimmed, message: "{{end only}} without {{only …}}"))
                    }
                    block = nil
                }
                continue
            }
            if let b = block, !b.keep { continue }
            if inFence { out.append(line); continue }
            var rendered = ""
            var rest = Substring(line)
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                rendered += rest[..<open.lowerBound]
                let body = String(rest[open.upperBound..<close.lowerBound])
                do {
                    let isSummary = Self.tokens(body).first == "expectations"
                    rendered += try directive(body, figures: &figures, rowAnchors: isSummary && !hasSummary)
                    if isSummary { hasSummary = true }
                } catch let m as FieldMessage {
                    errors.append(ReportError(file: file, line: n + 1, directive: "{{\(body)}}", message: m.text))
                } catch {
                    errors.append(ReportError(file: file, line: n + 1, directive: "{{\(body)}}", message: "\(error)"))
                }
                rest = rest[close.upperBound...]
            }
            out.append(rendered + rest)
        }
        if let open = block {
            errors.append(ReportError(file: file, line: open.line, directive: "{{only}}", message: "block is never closed with {{end only}}"))
        }
        if !errors.isEmpty { throw ReportErrors(errors: errors) }
        if !hasSummary {
            // The report opens with the summary: after the first top-level heading, else at the top.
            let at = out.firstIndex { $0.hasPrefix("# ") }.map { $0 + 1 } ?? 0
            out.insert(contentsOf: ["", summaryTable(), ""], at: at)
        }
        return out.joined(separator: "\n")
    }

    private func directive(_ body: String, figures: inout Int, rowAnchors: Bool) throws -> String {
        let t = Self.tokens(body)
        guard let name = t.first else { throw FieldMessage("empty directive") }
        let (positional, options) = Self.arguments(Array(t.dropFirst()))
        switch name {
        case "figure":
            guard let fig = positional.first else { throw FieldMessage("usage: {{figure NAME \"caption\"}}") }
            let caption = try positional.count > 1 ? self.caption(positional[1]) : ReportText.escape(fig)
            if placeholders { return "" }
            guard let url = values.figures[fig] else { throw FieldMessage("no figure '\(fig)' in the value store") }
            figures += 1
            let label = options["label"] ?? "Figure \(figures)"
            return "![\(label). \(caption)](\(Self.relativePath(from: outputDirectory, to: url))){#fig-\(ReportText.anchor(fig))}"
        case "value":
            return try quotedValue(positional, options)
        case "table":
            guard let key = positional.first else { throw FieldMessage("usage: {{table NAME}}") }
            if placeholders { return "" }
            guard case .table(let table)? = values[key] else { throw FieldMessage("no table '\(key)' in the value store") }
            return Self.markdown(table)
        case "check":
            guard let key = positional.first else { throw FieldMessage("usage: {{check NAME}}") }
            if placeholders { return "" }
            guard let r = results.first(where: { $0.expectation.name == key }) else {
                if declaredExpectations.contains(key) {
                    return "*(check \(ReportText.escape(key)) does not apply to profile \(ReportText.escape(profile ?? "base")))*"
                }
                throw FieldMessage("no expectation '\(key)' in the manifest")
            }
            return inline(r)
        case "expectations":
            return summaryTable(rowAnchors: rowAnchors)
        case "provenance":
            if placeholders { return "" }
            guard let p = provenance else { throw FieldMessage("no provenance was given to the renderer") }
            return p.markdown
        case "profile":
            return ReportText.escape(profile ?? "base")
        default:
            throw FieldMessage("unknown directive '\(name)'; known: figure, value, table, check, expectations, provenance, profile, only … end only")
        }
    }

    enum BlockMarker { case only([String]), end }

    /// `{{only A B}}` or `{{end only}}` filling a whole (trimmed) line, else nil.
    static func blockMarker(_ line: String) -> BlockMarker? {
        guard line.hasPrefix("{{"), line.hasSuffix("}}"), line.components(separatedBy: "{{").count == 2 else { return nil }
        let t = tokens(String(line.dropFirst(2).dropLast(2)))
        if t == ["end", "only"] { return .end }
        if t.first == "only" { return .only(Array(t.dropFirst())) }
        return nil
    }

    /// The summary table: check, quantity, ours, expected, reference (`referenceLabel`), verdict; then the legend and
    /// the explanations of declared deviations. `rowAnchors`: give each row its `#check-…` id
    /// (once per document; inline checks link there).
    public func summaryTable(rowAnchors: Bool = true) -> String {
        let e = ReportText.escape
        guard !results.isEmpty else { return "*No expectations for profile \(e(profile ?? "base")).*" }
        let failed = results.filter { $0.verdict.failsBuild }.count
        var lines = ["**Expectations (profile \(e(profile ?? "base"))): \(results.count - failed) of \(results.count) hold\(failed > 0 ? ", \(failed) FAILED" : "").**", "",
                     "| Check | Quantity | Ours | Expected | \(e(referenceLabel)) | Verdict |", "|---|---|---|---|---|---|"]
        for r in results {
            let x = r.expectation
            let name = rowAnchors ? "[\(e(x.name))]{#\(anchors[x.name]!)}" : e(x.name)
            lines.append("| \(name) | \(e(x.description ?? x.quantity)) | \(e(r.ours ?? "–")) | \(e(r.expectedText)) | \(e(r.referenceText)) | \(Self.badge(r.verdict)) |")
        }
        lines += ["", "Verdicts: " + Self.legend.map { "\(Self.badge($0.0)) \($0.1)" }.joined(separator: "; ") + "."]
        let notes = results.filter { $0.expectation.knownDeviation != nil }
        if !notes.isEmpty {
            lines.append("")
            for r in notes { lines.append("- *\(e(r.expectation.name))* (\(r.verdict.rawValue)): \(e(r.expectation.knownDeviation!))") }
        }
        return lines.joined(separator: "\n")
    }

    static let legend: [(Verdict, String)] = [
        (.pass, "within the expected range"), (.knownDeviation, "misses it as declared, explained below (does not fail the build)"),
        (.unexpectedPass, "a declared deviation that holds after all"), (.fail, "misses it (fails the build)"),
        (.missing, "no value was computed (fails the build)"),
    ]

    /// A coloured badge: a span with class `verdict verdict-<verdict>` (see `ReportStyle`).
    static func badge(_ v: Verdict) -> String {
        "[\(v.label)]{.verdict .verdict-\(v.rawValue.replacingOccurrences(of: " ", with: "-"))}"
    }

    /// Compact, for running text: the verdict badge (a link to the check's row in the summary
    /// table), name, ours and expected. The description, the reference value and a deviation's
    /// explanation are in the summary table and its notes.
    func inline(_ r: ExpectationResult) -> String {
        let e = ReportText.escape
        return "[\(Self.badge(r.verdict))](#\(anchors[r.expectation.name]!)) (*\(e(r.expectation.name))*: ours \(e(r.ours ?? "–")); expected \(e(r.expectedText)))"
    }

    static func markdown(_ t: ReportTable) -> String {
        let e = ReportText.escape
        var lines = ["| " + t.columns.map(e).joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: t.columns.count)]
        for row in t.rows { lines.append("| " + row.map(e).joined(separator: " | ") + " |") }
        if let c = t.caption { lines += ["", ": \(e(c))"] }
        return lines.joined(separator: "\n")
    }

    static func format(_ v: ReportValue, _ format: String?) throws -> String {
        if let format, format.range(of: #"^%[-+ 0#]*[0-9]*(\.[0-9]+)?[dfeEgG]$"#, options: .regularExpression) == nil {
            throw FieldMessage("format \"\(format)\" not allowed; use one printf conversion like %.3f, %.2e, %.3g or %d")
        }
        switch v {
        case .number(let x): return format.map { String(format: $0, x) } ?? ReportText.threeSignificant(x)
        case .integer(let i): return format.map { $0.contains("d") ? String(format: $0, i) : String(format: $0, Double(i)) } ?? String(i)
        case .text(let s): return ReportText.escape(s)
        case .table: throw FieldMessage("is a table; use {{table …}}")
        }
    }

    /// Splits on spaces outside double quotes; quotes are kept on the token.
    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quoted = false
        for c in s {
            if c == "\"" { quoted.toggle(); cur.append(c) } else if c == " " && !quoted {
                if !cur.isEmpty { out.append(cur); cur = "" }
            } else { cur.append(c) }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// Positional arguments (unquoted) and `name=value` options of a directive.
    static func arguments(_ args: [String]) -> (positional: [String], options: [String: String]) {
        var options: [String: String] = [:]
        var positional: [String] = []
        for a in args {
            if let eq = a.firstIndex(of: "="), !a.hasPrefix("\"") {
                options[String(a[..<eq])] = Self.unquote(String(a[a.index(after: eq)...]))
            } else {
                positional.append(Self.unquote(a))
            }
        }
        return (positional, options)
    }

    static func unquote(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
    }

    /// Path of `target` relative to directory `base` (both absolute).
    static func relativePath(from base: URL, to target: URL) -> String {
        let b = base.standardizedFileURL.pathComponents, t = target.standardizedFileURL.pathComponents
        var i = 0
        while i < b.count, i < t.count, b[i] == t[i] { i += 1 }
        return (Array(repeating: "..", count: b.count - i) + t[i...]).joined(separator: "/")
    }
}
