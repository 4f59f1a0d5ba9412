/// What a literate report source refers to, found without rendering it: so the value keys and
/// expectation names it quotes are checked when the manifest loads, before any compute is spent.
import Foundation

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
    /// (a key must exist whichever profile renders it). A `sem` value also refers to `KEY.sem`.
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
                guard let head = t.first, let kind = ReportReference.Kind(rawValue: head), t.count > 1 else { continue }
                let name = unquote(t[1])
                out.append(ReportReference(kind: kind, name: name, line: n + 1))
                if kind == .value && t.dropFirst(2).contains("sem") {
                    out.append(ReportReference(kind: kind, name: name + ".sem", line: n + 1))
                }
            }
        }
        return out
    }
}
