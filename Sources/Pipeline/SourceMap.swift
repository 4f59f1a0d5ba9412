/// Finds the line of a key in TOML source text. TOMLKit does not expose value positions, so we
/// scan the text once, tracking the current table header, and record the line of every
/// `key = value` under its full dotted path. Array-of-tables elements get an index:
/// `expectation[2].name`. Good enough for error messages; multi-line strings are skipped.
import Foundation

struct SourceMap: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var arrayCounts: [String: Int] = [:]
        var inMultiline = false
        for (n, raw) in text.components(separatedBy: "\n").enumerated() {
            let lineNumber = n + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            let quotes = line.components(separatedBy: "\"\"\"").count - 1
            if inMultiline {
                if quotes % 2 == 1 { inMultiline = false }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let name = Self.keyPath(String(line.dropFirst(2).prefix { $0 != "]" })).joined(separator: ".")
                let i = arrayCounts[name, default: 0]
                arrayCounts[name] = i + 1
                table = ["\(name)[\(i)]"]
                lines[table[0], default: lineNumber] = lineNumber
                continue
            }
            if line.hasPrefix("[") {
                let parts = Self.keyPath(String(line.dropFirst().prefix { $0 != "]" }))
                table = Self.resolve(parts, arrayCounts: arrayCounts)
                record(table, lineNumber)
                continue
            }
            guard let eq = Self.assignment(line) else { continue }
            let key = Self.keyPath(String(line[..<eq]))
            let path = table + key
            record(path, lineNumber)
            if quotes % 2 == 1 { inMultiline = true }
            // Inline tables: `inputs = { a = "x", b = "y" }` → record a and b on the same line.
            let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("{") {
                for item in rest.dropFirst().dropLast().split(separator: ",") {
                    let s = String(item)
                    if let e = Self.assignment(s) { record(path + Self.keyPath(String(s[..<e])), lineNumber) }
                }
            }
        }
    }

    private mutating func record(_ path: [String], _ line: Int) {
        // Prefix paths point at their first mention (dotted keys define parents implicitly).
        for i in 1...max(1, path.count) where i <= path.count {
            let p = path.prefix(i).joined(separator: ".")
            if lines[p] == nil { lines[p] = line }
        }
        lines[path.joined(separator: ".")] = line
    }

    /// `a."b.c" . d` → ["a", "b.c", "d"].
    static func keyPath(_ s: String) -> [String] {
        var parts: [String] = []
        var cur = ""
        var quote: Character? = nil
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { cur.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(cur.trimmingCharacters(in: .whitespaces)); cur = ""
            } else {
                cur.append(c)
            }
        }
        parts.append(cur.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// Position of the `=` of a `key = value` line outside quotes.
    static func assignment(_ s: String) -> String.Index? {
        var quote: Character? = nil
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == "=" { return i }
            i = s.index(after: i)
        }
        return nil
    }

    /// A sub-table of an array-of-tables element (`[expectation.extra]`) refers to its last element.
    private static func resolve(_ parts: [String], arrayCounts: [String: Int]) -> [String] {
        if let first = parts.first, let n = arrayCounts[first] { return ["\(first)[\(n - 1)]"] + parts.dropFirst() }
        return parts
    }

    /// Line of the deepest known prefix of `path` (e.g. "stage.eq.temperature"), or nil.
    func line(of path: [String]) -> Int? {
        var p = path
        while !p.isEmpty {
            if let l = lines[p.joined(separator: ".")] { return l }
            p.removeLast()
        }
        return nil
    }
}
