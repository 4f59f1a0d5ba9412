/// Checks every image and link target of the rendered markdown before pandoc runs: pandoc's
/// embedding reads any local path (even `/etc/passwd`) into the HTML and fetches remote images,
/// so only fragments, web links, data URIs and files under the allowed directories pass.
import Foundation
import Pipeline

public struct ResourceGuard: Sendable {
    /// Directories whose files the report may embed or link (the build directory, the figures).
    public var allowed: [URL]
    /// Relative targets resolve from here (the rendered markdown's directory).
    public var base: URL

    public init(allowed: [URL], base: URL) {
        self.allowed = allowed.map { $0.standardizedFileURL.resolvingSymlinksInPath() }
        self.base = base
    }

    /// Throws `ReportErrors` listing every refused target with its line of `markdown`.
    public func check(_ markdown: String, file: String) throws {
        var errors: [ReportError] = []
        var fence: String? = nil
        for (n, raw) in markdown.components(separatedBy: "\n").enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            for marker in ["```", "~~~"] where trimmed.hasPrefix(marker) {
                if fence == nil { fence = marker } else if fence == marker { fence = nil }
            }
            if fence != nil || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { continue }
            let line = Self.plain(raw)
            for (target, image) in Self.targets(line) {
                if let why = refusal(target, image: image) {
                    errors.append(ReportError(file: file, line: n + 1, directive: target, message: why))
                }
            }
            for tag in ["<script", "<iframe", "<object", "<embed", "<link", "<style"] where line.lowercased().contains(tag) {
                errors.append(ReportError(file: file, line: n + 1, directive: tag + ">",
                                          message: "raw HTML element not allowed in the report (it would run or load outside content)"))
            }
        }
        if !errors.isEmpty { throw ReportErrors(errors: errors) }
    }

    /// Why `target` is refused, or nil.
    func refusal(_ target: String, image: Bool) -> String? {
        let lower = target.lowercased()
        if target.isEmpty || target.hasPrefix("#") { return nil }
        if lower.hasPrefix("data:") { return nil }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") {
            return image ? "remote image refused: the report is offline; put the file under \(allowedText)" : nil
        }
        if let colon = target.firstIndex(of: ":"), !target[..<colon].contains("/") {
            return "scheme '\(target[..<colon])' refused; allowed: #anchor, http(s):, mailto:, data:, or a file under \(allowedText)"
        }
        let path = (target.split(separator: "#", maxSplits: 1).first.map(String.init) ?? target)
            .split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        let decoded = path.removingPercentEncoding ?? path
        let url = (decoded.hasPrefix("/") ? URL(fileURLWithPath: decoded) : base.appendingPathComponent(decoded))
            .standardizedFileURL.resolvingSymlinksInPath()
        let parts = url.pathComponents
        for dir in allowed where parts.starts(with: dir.pathComponents) { return nil }
        return "file '\(url.path)' is outside the report's files; only files under \(allowedText) may be embedded or linked"
    }

    private var allowedText: String { allowed.map(\.path).joined(separator: " and ") }

    /// The line without inline code spans and backslash-escaped characters (both are literal text).
    static func plain(_ line: String) -> String {
        var out = ""
        var chars = Array(line)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "\\" { if !chars.isEmpty { chars = chars.dropFirst(); out.append(" ") }; continue }
            if c == "`" {
                var ticks = 1
                while chars.first == "`" { ticks += 1; chars = chars.dropFirst() }
                let closer = String(repeating: "`", count: ticks)
                let rest = String(chars)
                if let r = rest.range(of: closer) {
                    chars = Array(rest[r.upperBound...])[...]
                    out.append(" ")
                    continue
                }
                out.append(contentsOf: String(repeating: "`", count: ticks))
                continue
            }
            out.append(c)
        }
        return out
    }

    /// Targets of inline links and images `[..](t)` / `![..](t)`, reference definitions
    /// `[x]: t`, and raw HTML attributes (src, href, poster, data, url(…)). Bool: is an image.
    static func targets(_ line: String) -> [(String, Bool)] {
        var found: [(String, Bool)] = []
        let c = Array(line)
        var i = 0
        while i + 1 < c.count {
            if c[i] == "]", c[i + 1] == "(" {
                // An image when the matching '[' is preceded by '!'.
                var depth = 0, j = i, image = false
                while j >= 0 {
                    if c[j] == "]" { depth += 1 } else if c[j] == "[" { depth -= 1; if depth == 0 { image = j > 0 && c[j - 1] == "!"; break } }
                    j -= 1
                }
                var k = i + 2
                while k < c.count, c[k] == " " { k += 1 }
                var target = ""
                if k < c.count, c[k] == "<" {
                    k += 1
                    while k < c.count, c[k] != ">" { target.append(c[k]); k += 1 }
                } else {
                    var parens = 0
                    while k < c.count, c[k] != " " {
                        if c[k] == "(" { parens += 1 } else if c[k] == ")" { if parens == 0 { break }; parens -= 1 }
                        target.append(c[k]); k += 1
                    }
                }
                found.append((target, image))
                i = k
            }
            i += 1
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("["), !trimmed.hasPrefix("[^"), let r = trimmed.range(of: "]:") {  // not a footnote
            let rest = trimmed[r.upperBound...].trimmingCharacters(in: .whitespaces)
            if let t = rest.split(separator: " ").first { found.append((String(t).trimmingCharacters(in: CharacterSet(charactersIn: "<>")), true)) }
        }
        for tag in rawTags(line) {
            // An autolink `<scheme:…>` is a link target of its own.
            if tag.range(of: #"^<[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil {
                found.append((String(tag.dropFirst()), false))
                continue
            }
            let lower = tag.lowercased()
            for attribute in ["src=", "href=", "poster=", "data=", "srcset=", "url("] {
                var from = lower.startIndex
                while let r = lower.range(of: attribute, range: from..<lower.endIndex) {
                    var rest = tag[r.upperBound...].drop { $0 == " " }
                    let quote = rest.first.flatMap { "\"'".contains($0) ? $0 : nil }
                    if quote != nil { rest = rest.dropFirst() }
                    let value = rest.prefix { ch in quote.map { ch != $0 } ?? !" >)".contains(ch) }
                    found.append((String(value), attribute != "href="))
                    from = r.upperBound
                }
            }
        }
        return found
    }

    /// Raw HTML tags of a line (`<name …>`); escaped `\<` was already removed by `plain`.
    static func rawTags(_ line: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let first = after.first, first.isLetter || first == "/" else { rest = after; continue }
            let end = after.firstIndex(of: ">") ?? after.endIndex
            tags.append(String(rest[open..<end]))
            rest = after[end...]
        }
        return tags
    }
}
