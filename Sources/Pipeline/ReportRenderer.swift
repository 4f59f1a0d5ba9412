/// Renders the literate report: replaces directives in markdown with computed content.
///   {{figure NAME "caption"}}          image with caption and anchor #fig-NAME
///   {{value KEY format="%.3f" sem}}    a number (with "± SE" from KEY.sem when `sem` is given)
///   {{table NAME}}                     a pipe table from the value store
///   {{check NAME}}                     the verdict of one expectation, inline
///   {{expectations}}                   the summary table (inserted after the title if absent)
///   {{provenance}}                     the provenance section
///   {{profile}}                        the profile name
///   {{only P1 P2 …}} … {{end only}}    lines kept only for the listed profiles (each marker on a
///                                      line of its own; directives in dropped lines are not evaluated)
/// Directives inside fenced code blocks are left alone. Every problem (unknown directive,
/// missing value, figure or expectation) is collected and thrown with its line.
import Foundation

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

    public init(values: ValueStore, results: [ExpectationResult], profile: String?, outputDirectory: URL,
                provenance: Provenance? = nil, declaredExpectations: Set<String> = [], knownProfiles: Set<String> = []) {
        self.values = values
        self.results = results
        self.profile = profile
        self.outputDirectory = outputDirectory
        self.provenance = provenance
        self.declaredExpectations = declaredExpectations
        self.knownProfiles = knownProfiles
    }

    /// The rendered markdown, or `ReportErrors` naming each bad directive and its line.
    public func render(source: String, file: String) throws -> String {
        var errors: [ReportError] = []
        var out: [String] = []
        var inFence = false
        var hasSummary = false
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
                    if names.isEmpty {
                        errors.append(ReportError(file: file, line: n + 1, directive: trimmed, message: "usage: {{only PROFILE …}}"))
                    }
                    for name in names where !knownProfiles.isEmpty && !knownProfiles.contains(name) {
                        errors.append(ReportError(file: file, line: n + 1, directive: trimmed,
                                                  message: "unknown profile '\(name)'; known: \(knownProfiles.sorted().joined(separator: ", "))"))
                    }
                    block = (n + 1, names.contains(profile ?? "base"))
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
                    if Self.tokens(body).first == "expectations" { hasSummary = true }
                    rendered += try directive(body)
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

    private func directive(_ body: String) throws -> String {
        let t = Self.tokens(body)
        guard let name = t.first else { throw FieldMessage("empty directive") }
        let args = Array(t.dropFirst())
        var options: [String: String] = [:]
        var positional: [String] = []
        for a in args {
            if let eq = a.firstIndex(of: "="), !a.hasPrefix("\"") {
                options[String(a[..<eq])] = Self.unquote(String(a[a.index(after: eq)...]))
            } else {
                positional.append(Self.unquote(a))
            }
        }
        switch name {
        case "figure":
            guard let fig = positional.first else { throw FieldMessage("usage: {{figure NAME \"caption\"}}") }
            guard let url = values.figures[fig] else { throw FieldMessage("no figure '\(fig)' in the value store") }
            let caption = positional.count > 1 ? positional[1] : fig
            return "![\(caption)](\(Self.relativePath(from: outputDirectory, to: url))){#fig-\(fig)}"
        case "value":
            guard let key = positional.first else { throw FieldMessage("usage: {{value KEY format=\"%.3f\"}}") }
            guard let v = values[key] else { throw FieldMessage("no value '\(key)' in the value store") }
            let format = options["format"]
            var text = try Self.format(v, format)
            if positional.contains("sem") {
                guard let s = values[key + ".sem"] else { throw FieldMessage("no value '\(key).sem' in the value store") }
                text += " ± " + (try Self.format(s, format))
            }
            return text
        case "table":
            guard let key = positional.first else { throw FieldMessage("usage: {{table NAME}}") }
            guard case .table(let table)? = values[key] else { throw FieldMessage("no table '\(key)' in the value store") }
            return Self.markdown(table)
        case "check":
            guard let key = positional.first else { throw FieldMessage("usage: {{check NAME}}") }
            guard let r = results.first(where: { $0.expectation.name == key }) else {
                if declaredExpectations.contains(key) { return "*(check \(key) does not apply to profile \(profile ?? "base"))*" }
                throw FieldMessage("no expectation '\(key)' in the manifest")
            }
            return Self.inline(r)
        case "expectations":
            return summaryTable()
        case "provenance":
            guard let p = provenance else { throw FieldMessage("no provenance was given to the renderer") }
            return p.markdown
        case "profile":
            return profile ?? "base"
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

    /// The summary table: quantity, ours, expected, paper, verdict.
    public func summaryTable() -> String {
        guard !results.isEmpty else { return "*No expectations for profile \(profile ?? "base").*" }
        let failed = results.filter { $0.verdict.failsBuild }.count
        var lines = ["**Expectations (profile \(profile ?? "base")): \(results.count - failed) of \(results.count) hold\(failed > 0 ? ", \(failed) FAILED" : "").**", "",
                     "| Check | Quantity | Ours | Expected | Paper | Verdict |", "|---|---|---|---|---|---|"]
        for r in results {
            let e = r.expectation
            lines.append("| \(Self.cell(e.name)) | \(Self.cell(e.description ?? e.quantity)) | \(Self.cell(r.ours ?? "–")) | \(Self.cell(r.expectedText)) | \(Self.cell(r.paperText)) | \(Self.cell(r.verdict.label)) |")
        }
        let notes = results.filter { $0.expectation.knownDeviation != nil }
        if !notes.isEmpty {
            lines.append("")
            for r in notes { lines.append("- *\(r.expectation.name)* (\(r.verdict.rawValue)): \(r.expectation.knownDeviation!)") }
        }
        return lines.joined(separator: "\n")
    }

    /// Compact, for running text: verdict, name, ours and expected. The description, the
    /// paper's value and a deviation's explanation are in the summary table and its notes.
    static func inline(_ r: ExpectationResult) -> String {
        "**[\(r.verdict.label)]** (*\(r.expectation.name)*: ours \(r.ours ?? "–"); expected \(r.expectedText))"
    }

    static func markdown(_ t: ReportTable) -> String {
        var lines = ["| " + t.columns.map(cell).joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: t.columns.count)]
        for row in t.rows { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
        if let c = t.caption { lines += ["", ": \(c)"] }
        return lines.joined(separator: "\n")
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

    static func format(_ v: ReportValue, _ format: String?) throws -> String {
        switch v {
        case .number(let x): return format.map { String(format: $0, x) } ?? fmt(x)
        case .integer(let i): return format.map { $0.contains("d") ? String(format: $0, i) : String(format: $0, Double(i)) } ?? String(i)
        case .text(let s): return s
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
