/// The comment line of an extended-XYZ frame, split as ASE splits it (`key_val_str_to_dict` in
/// ase/io/extxyz.py): `key=value` pairs separated by whitespace; a value (or key) may be quoted
/// with "…" or '…' or bracketed with {…} or […], a backslash takes the next character as it is,
/// and a key without `=` is a flag meaning True. Keys are matched whole; Lattice, Properties and
/// pbc case-insensitively. Stricter than ASE where ASE would guess: a repeated key, an empty
/// value, an unclosed quote and a trailing backslash are errors.
public struct ExtendedXYZHeader: Sendable, Equatable {
    /// Side lengths of the box, from `Lattice` (its first two cell vectors (Lx, 0, 0), (0, Ly, 0)).
    public var lx: Double, ly: Double
    /// `pbc` for x, y, z (ASE's default with a Lattice: periodic in every direction).
    public var pbc: [Bool]
    /// The column layout (ASE's default: `species:S:1:pos:R:3`).
    public var properties: String
    /// Every pair in the order written; a flag's value is nil.
    public var fields: [(key: String, value: String?)]

    public static func == (a: Self, b: Self) -> Bool {
        a.lx == b.lx && a.ly == b.ly && a.pbc == b.pbc && a.properties == b.properties
            && a.fields.map(\.key) == b.fields.map(\.key) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    /// Keys with a meaning here, matched case-insensitively.
    static let special = ["lattice", "properties", "pbc"]

    /// Parses `line`; a thrown reason is a sentence for the caller to place (file, line 2).
    public init(parsing line: Substring) throws(HeaderProblem) {
        let fields = try Self.pairs(line)
        self.fields = fields
        func value(_ key: String) -> (key: String, value: String?)? { fields.first { $0.key.lowercased() == key } }
        guard let lattice = value("lattice") else { throw HeaderProblem("header has no Lattice=\"L 0 0 0 L 0 0 0 1\" field") }
        let text = lattice.value ?? ""
        let cell = text.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map { Self.number($0) }
        guard cell.count == 9, cell.allSatisfy({ $0 != nil }) else {
            throw HeaderProblem("\(lattice.key) must hold 9 numbers (the cell vectors a, b, c), found \"\(text)\"")
        }
        let a = cell.map { $0! }
        guard a[0] > 0, a[4] > 0, a.allSatisfy(\.isFinite), a[1] == 0, a[2] == 0, a[3] == 0, a[5] == 0 else {
            throw HeaderProblem("only rectangular periodic boxes in the xy plane are read (Lattice=\"Lx 0 0 0 Ly 0 0 0 1\"), found \"\(text)\"")
        }
        lx = a[0]; ly = a[4]
        pbc = [true, true, true]
        if let p = value("pbc") {
            let words = (p.value ?? "T").split(whereSeparator: { $0.isWhitespace || $0 == "," })
            let flags = words.map { Self.truth[String($0)] }
            guard flags.count == 1 || flags.count == 3, flags.allSatisfy({ $0 != nil }) else {
                throw HeaderProblem("\(p.key) must be one or three of T, F (or True, False), found \"\(p.value ?? "")\"")
            }
            pbc = flags.count == 1 ? Array(repeating: flags[0]!, count: 3) : flags.map { $0! }
            guard pbc[0], pbc[1] else {
                throw HeaderProblem("\(p.key)=\"\(p.value ?? "")\" says the box is not periodic in "
                                    + (pbc[0] ? "y" : pbc[1] ? "x" : "x and y") + "; only periodic boxes are simulated (pbc=\"T T F\" or \"T T T\")")
            }
        }
        properties = value("properties")?.value ?? "species:S:1:pos:R:3"
    }

    /// ASE's spellings of true and false, plus the numbers ASE reads as them.
    static let truth: [String: Bool] = ["T": true, "F": false, "True": true, "False": false, "true": true, "false": false,
                                        "TRUE": true, "FALSE": false, "1": true, "0": false]

    /// A decimal number as Python's float() reads one (Swift alone would also take hex and "nan").
    static func number(_ s: Substring) -> Double? {
        guard s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(s)
    }

    static func pairs(_ line: Substring) throws(HeaderProblem) -> [(key: String, value: String?)] {
        let closing: [Character: Character] = ["\"": "\"", "'": "'", "{": "}", "[": "]"]
        // Each pair: the key, then the parts of its value (more than one when the value holds '=').
        var pairs: [[String]] = [[""]], started = false, escaped = false
        var close: Character? = nil, openedAt = 0
        for (column, c) in zip(1..., line) {
            if escaped {
                pairs[pairs.count - 1][pairs[pairs.count - 1].count - 1].append(c); escaped = false
            } else if c == "\\" {
                escaped = true; started = true
            } else if let end = close {
                if c == end { close = nil } else { pairs[pairs.count - 1][pairs[pairs.count - 1].count - 1].append(c) }
            } else if let end = closing[c] {
                close = end; openedAt = column; started = true
            } else if c.isWhitespace {
                if started { pairs.append([""]); started = false }
            } else if c == "=" {
                if !started && pairs[pairs.count - 1].count == 1 { // `key =value`: the '=' belongs to the previous key
                    pairs.removeLast()
                    guard !pairs.isEmpty else { throw HeaderProblem("'=' at column \(column) has no key before it") }
                }
                pairs[pairs.count - 1].append(""); started = false
            } else {
                pairs[pairs.count - 1][pairs[pairs.count - 1].count - 1].append(c); started = true
            }
        }
        if let end = close { throw HeaderProblem("the \(closing.first { $0.value == end }!.key) opened at column \(openedAt) is never closed") }
        if escaped { throw HeaderProblem("the header ends in a backslash") }
        var out: [(key: String, value: String?)] = []
        for pair in pairs where pair != [""] {
            let key = pair[0], value = pair.count > 1 ? pair.dropFirst().joined(separator: "=") : nil
            guard !key.isEmpty else { throw HeaderProblem("a value has no key (\"=\(value ?? "")\")") }
            guard value != "" else { throw HeaderProblem("key '\(key)' has an empty value") }
            let same = { (k: String) in k == key || (special.contains(key.lowercased()) && k.lowercased() == key.lowercased()) }
            if let first = out.first(where: { same($0.key) }) {
                throw HeaderProblem("key '\(key)' appears twice (also as '\(first.key)'); give it once")
            }
            out.append((key, value))
        }
        return out
    }
}

public struct HeaderProblem: Error, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
