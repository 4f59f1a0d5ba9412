/// The subset of Python literals a `.npy` header can hold, read as `ast.literal_eval` reads them
/// (numpy parses the header that way): strings, True/False/None, numbers, tuples, lists and one
/// dict at the top, with any whitespace and comments between tokens.
enum PythonLiteral: Equatable {
    case string(String), bool(Bool), none
    /// An int; nil when it does not fit in 64 bits.
    case int(Int?)
    /// A float or complex literal, kept as written.
    case float(String)
    case tuple([PythonLiteral]), list([PythonLiteral])
    /// Keys and values in the order written (duplicates kept; `dictionary` resolves them).
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    static func == (a: PythonLiteral, b: PythonLiteral) -> Bool { a.repr == b.repr }

    /// Python's `repr`, for messages.
    var repr: String {
        switch self {
        case let .string(s): "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        case let .bool(b): b ? "True" : "False"
        case .none: "None"
        case let .int(v): v.map(String.init) ?? "(an int beyond 64 bits)"
        case let .float(text): text
        case let .tuple(items): items.count == 1 ? "(\(items[0].repr),)" : "(" + items.map(\.repr).joined(separator: ", ") + ")"
        case let .list(items): "[" + items.map(\.repr).joined(separator: ", ") + "]"
        case let .dict(pairs): "{" + pairs.map { "\($0.key.repr): \($0.value.repr)" }.joined(separator: ", ") + "}"
        }
    }

    /// A dict's entries as Python builds them: a repeated key keeps its first position and its
    /// last value.
    var dictionary: [(key: PythonLiteral, value: PythonLiteral)]? {
        guard case let .dict(pairs) = self else { return nil }
        var out: [(key: PythonLiteral, value: PythonLiteral)] = []
        for (k, v) in pairs {
            if let i = out.firstIndex(where: { $0.key == k }) { out[i].value = v } else { out.append((k, v)) }
        }
        return out
    }

    /// Parses `text` as one literal; the error says what was expected and where (1-based).
    static func parse(_ text: String, allowLongSuffix: Bool = false) throws(PythonLiteralError) -> PythonLiteral {
        var p = Parser(chars: Array(text.unicodeScalars), allowLongSuffix: allowLongSuffix)
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.at == p.chars.count else { throw p.error("end of the literal") }
        return value
    }
}

struct PythonLiteralError: Error, Equatable {
    var reason: String
}

private struct Parser {
    let chars: [Unicode.Scalar]
    let allowLongSuffix: Bool
    var at = 0
    /// Deeper nesting than this is refused before it can exhaust the stack.
    static let maxDepth = 32

    var peek: Unicode.Scalar? { at < chars.count ? chars[at] : nil }

    func error(_ expected: String) -> PythonLiteralError {
        let found = peek.map { "'\(String(Character($0)).debugDescription.dropFirst().dropLast())'" } ?? "the end"
        return PythonLiteralError(reason: "expected \(expected) at character \(at + 1), found \(found)")
    }

    mutating func skipSpace() {
        while let c = peek {
            if c == "#" { while let d = peek, d != "\n" { at += 1 } } // a comment runs to the line's end
            else if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" { at += 1 } else { return }
        }
    }

    mutating func value(depth: Int) throws(PythonLiteralError) -> PythonLiteral {
        guard depth < Self.maxDepth else { throw PythonLiteralError(reason: "nested deeper than \(Self.maxDepth) levels at character \(at + 1)") }
        skipSpace()
        guard let c = peek else { throw error("a value") }
        switch c {
        case "{" where depth == 0: return try dict()
        case "(": return try sequence(close: ")", depth: depth)
        case "[": return try sequence(close: "]", depth: depth)
        case "'", "\"": return .string(try strings())
        case "+", "-", ".", "0"..."9": return try number()
        default:
            var word = ""
            while let d = peek, d.properties.isAlphabetic || d == "_" || ("0"..."9").contains(d) { word.unicodeScalars.append(d); at += 1 }
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            case "": throw error("a value")
            default: at -= word.unicodeScalars.count; throw error("a string, number, True, False, None, tuple or list (not the name '\(word)')")
            }
        }
    }

    mutating func dict() throws(PythonLiteralError) -> PythonLiteral {
        at += 1
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
            skipSpace()
            if peek == "}" { at += 1; return .dict(pairs) }
            let key = try value(depth: 1)
            skipSpace()
            guard peek == ":" else { throw error("':' after a dict key") }
            at += 1
            pairs.append((key, try value(depth: 1)))
            skipSpace()
            if peek == "," { at += 1 } else if peek != "}" { throw error("',' or '}'") }
        }
    }

    /// A tuple, a list, or a parenthesised value: `(3)` is 3, `(3,)` and `()` are tuples.
    mutating func sequence(close: Unicode.Scalar, depth: Int) throws(PythonLiteralError) -> PythonLiteral {
        at += 1
        var items: [PythonLiteral] = [], sawComma = false
        while true {
            skipSpace()
            if peek == close { at += 1; break }
            items.append(try value(depth: depth + 1))
            skipSpace()
            if peek == "," { at += 1; sawComma = true } else if peek != close { throw error("',' or '\(close)'") }
        }
        if close == "]" { return .list(items) }
        if items.count == 1, !sawComma { return items[0] }
        return .tuple(items)
    }

    /// One string literal, or several written side by side (Python joins them).
    mutating func strings() throws(PythonLiteralError) -> String {
        var out = ""
        repeat {
            let quote = chars[at]
            at += 1
            while true {
                guard let c = peek, c != "\n" else { throw error("the closing \(quote) of the string") }
                at += 1
                if c == quote { break }
                if c == "\\" { try escape(into: &out) } else { out.unicodeScalars.append(c) }
            }
            skipSpace()
        } while peek == "'" || peek == "\""
        return out
    }

    mutating func escape(into out: inout String) throws(PythonLiteralError) {
        guard let c = peek else { throw error("an escaped character") }
        at += 1
        let simple: [Unicode.Scalar: String] = ["\\": "\\", "'": "'", "\"": "\"", "n": "\n", "t": "\t", "r": "\r",
                                                "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "v": "\u{0B}", "\n": ""]
        if let s = simple[c] { out += s; return }
        if ("0"..."7").contains(c) { // up to three octal digits
            var v = c.value - 48
            for _ in 0..<2 { guard let d = peek, ("0"..."7").contains(d) else { break }; v = v * 8 + d.value - 48; at += 1 }
            out.unicodeScalars.append(Unicode.Scalar(v)!)
            return
        }
        let digits = c == "x" ? 2 : c == "u" ? 4 : c == "U" ? 8 : 0
        guard digits > 0 else { out += "\\" + String(Character(c)); return } // Python keeps unknown escapes
        guard at + digits <= chars.count, chars[at..<at + digits].allSatisfy(\.properties.isASCIIHexDigit), let v = UInt32(String(String.UnicodeScalarView(chars[at..<at + digits])), radix: 16),
              let scalar = Unicode.Scalar(v) else { throw error("\(digits) hex digits after \\\(c)") }
        out.unicodeScalars.append(scalar)
        at += digits
    }

    /// An int (decimal, 0x, 0o, 0b, with `_` between digits), or a float or complex kept as text.
    mutating func number() throws(PythonLiteralError) -> PythonLiteral {
        var sign = ""
        if peek == "+" || peek == "-" { sign = peek == "-" ? "-" : ""; at += 1; skipSpace() }
        let start = at
        while let c = peek, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "." ||
              ((c == "+" || c == "-") && at > start && "eE".unicodeScalars.contains(chars[at - 1]) && !isPrefixed(start)) { at += 1 }
        var text = String(String.UnicodeScalarView(chars[start..<at]))
        if allowLongSuffix, text.count > 1, text.hasSuffix("L") { text.removeLast() } // Python 2 wrote 3L
        let digits = text.replacingOccurrences(of: "_", with: "")
        guard !text.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__") else { at = start; throw error("a number") }
        let lower = digits.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            guard text.count > 2, let magnitude = UInt64(lower.dropFirst(2), radix: radix) else {
                at = start; throw error("a base-\(radix) int")
            }
            return .int(Self.signed(magnitude, sign))
        }
        if digits.allSatisfy({ ("0"..."9").contains($0) }) {
            guard digits.first != "0" || digits.allSatisfy({ $0 == "0" }) else { at = start; throw error("an int without leading zeros") }
            return .int(UInt64(digits).flatMap { Self.signed($0, sign) })
        }
        let body = lower.hasSuffix("j") ? String(lower.dropLast()) : lower
        guard Double(body) != nil, !body.contains("x"), !body.contains("p"), !body.contains("n"), !body.contains("i") else {
            at = start; throw error("a number")
        }
        return .float(sign + text)
    }

    private func isPrefixed(_ start: Int) -> Bool {
        at - start >= 2 && chars[start] == "0" && "xXoObB".unicodeScalars.contains(chars[start + 1])
    }

    static func signed(_ magnitude: UInt64, _ sign: String) -> Int? {
        if sign == "-" { return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }
}
