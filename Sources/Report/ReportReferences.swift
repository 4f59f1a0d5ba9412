/// What a literate report source refers to, found without rendering it: so the value keys and
/// expectation names it quotes are checked when the manifest loads, before any compute is spent.
import Foundation
import Pipeline

/// One `{{value KEY}}`, `{{table KEY}}` or `{{check NAME}}` of the source.
public struct ReportReference: Sendable, Equatable {
    public enum Kind: String, Sendable { case value, table, check }
    public var kind: Kind
    public var name: String
    /// 1-based line in the source.
    public var line: Int
}

extension ReportRenderer {
    /// Every value, table and check directive outside fenced code, in every `{{only}}` block
    /// (a key must exist whichever profile renders it), and every `[[value]]` of a figure caption.
    /// A `sem` value also refers to `KEY.sem`.
    public static func references(in source: String) -> [ReportReference] {
        var out: [ReportReference] = []
        var inFence = false
        for (n, line) in source.components(separatedBy: "\n").enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle(); continue }
            if inFence { continue }
            var rest = Substring(line)
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                let t = tokens(String(rest[open.upperBound..<close.lowerBound]))
                rest = rest[close.upperBound...]
                if t.first == "figure", case let positional = arguments(Array(t.dropFirst())).positional, positional.count > 1 {
                    // A bad caption directive is reported by `validate`; here only the keys it names.
                    _ = try? substitutingCaption(positional[1]) { p, _ in
                        out += valueReferences(p, line: n + 1)
                        return ""
                    }
                }
                guard let head = t.first, let kind = ReportReference.Kind(rawValue: head), t.count > 1 else { continue }
                if kind == .value {
                    out += valueReferences(arguments(Array(t.dropFirst())).positional, line: n + 1)
                } else {
                    out.append(ReportReference(kind: kind, name: unquote(t[1]), line: n + 1))
                }
            }
        }
        return out
    }

    /// The key of a value directive's arguments, and with `sem` also `KEY.sem`.
    static func valueReferences(_ positional: [String], line: Int) -> [ReportReference] {
        guard let name = positional.first else { return [] }
        return [ReportReference(kind: .value, name: name, line: line)]
            + (positional.dropFirst().contains("sem") ? [ReportReference(kind: .value, name: name + ".sem", line: line)] : [])
    }
}

extension ReportRenderer {
    /// What is wrong with a report source, found before any compute, each problem with its line
    /// in the source: directives (unknown names, usage, formats, `{{only}}` blocks and profiles,
    /// in every block) and every image or link target the source writes, captions included,
    /// against `resources` (the same check the rendered report gets).
    public static func validate(source: String, file: String, knownProfiles: Set<String>, resources: ResourceGuard,
                                published: PublishedBaselines = PublishedBaselines(directory: nil)) -> [ReportError] {
        var renderer = ReportRenderer(values: ValueStore(), results: [], profile: nil, outputDirectory: resources.base,
                                      knownProfiles: knownProfiles)
        renderer.placeholders = true
        renderer.published = published
        var errors: [ReportError] = []
        do { _ = try renderer.render(source: source, file: file) } catch let e as ReportErrors { errors += e.errors } catch {
            errors.append(ReportError(file: file, line: 1, directive: "(file)", message: "\(error)"))
        }
        let literal = source.components(separatedBy: "\n").map(quotedText).joined(separator: "\n")
        do { try resources.check(literal, file: file) } catch let e as ReportErrors { errors += e.errors } catch {
            errors.append(ReportError(file: file, line: 1, directive: "(file)", message: "\(error)"))
        }
        return errors.sorted { $0.line < $1.line }
    }

    /// `line` with each `{{…}}` replaced by the quoted text inside it (captions, labels): what the
    /// source itself writes into the markdown, on the same line.
    static func quotedText(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let parts = rest[open.upperBound..<close.lowerBound].split(separator: "\"", omittingEmptySubsequences: false)
            out += stride(from: 1, to: parts.count, by: 2).map { parts[$0] }.joined(separator: " ")
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
