import Foundation
import Formats

/// Extended XYZ, readable by ASE and OVITO: a count line, a header with the box as `Lattice`
/// and `Properties=species:S:1:pos:R:3` (read as ASE reads it: `ExtendedXYZHeader`), then one
/// line per particle (z = 0 in 2D).
public enum ExtendedXYZ {
    /// `comment` keys must not be Lattice, Properties or pbc; keys and values are one non-empty line.
    public static func encode(_ c: Configuration, comment: [String: String] = [:]) -> String {
        let l = c.boxLength
        var header = "Lattice=\"\(l) 0.0 0.0 0.0 \(l) 0.0 0.0 0.0 1.0\" Properties=species:S:1:pos:R:3 pbc=\"T T F\""
        for key in comment.keys.sorted() {
            precondition(!ExtendedXYZHeader.special.contains(key.lowercased()) && ![key, comment[key]!].contains { $0.isEmpty || $0.contains(where: \.isNewline) },
                         "xyz: bad comment \(key)")
            header += " \(quoted(key))=\(quoted(comment[key]!))"
        }
        var out = "\(c.count)\n\(header)\n"
        out.reserveCapacity(out.utf8.count + c.count * 48)
        for i in 0..<c.count {
            // 17 significant digits: positions round-trip exactly through the text.
            out += "\(c.species[i].symbol) \(c.x[i]) \(c.y[i]) 0.0\n"
        }
        return out
    }

    public static func write(_ c: Configuration, to url: URL, comment: [String: String] = [:]) throws {
        try writeAtomically(encode(c, comment: comment), to: url)
    }

    public static func read(from url: URL) throws -> Configuration {
        if let problem = readProblem(url) { throw ModelError.malformedFile(path: url.path, line: 0, reason: "cannot read file (\(problem))") }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ModelError.malformedFile(path: url.path, line: 0, reason: "cannot read file (\((error as NSError).localizedDescription))")
        }
        return try decode(text, path: url.path)
    }

    public static func decode(_ text: String, path: String = "<xyz>") throws -> Configuration {
        // Any newline (CRLF is one Character in Swift, so splitting on "\n" alone would miss it);
        // trailing blank lines are valid and ignored.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        func fail(_ line: Int, _ reason: String) -> ModelError { .malformedFile(path: path, line: line, reason: reason) }
        guard let first = lines.first, let n = Int(first.trimmingCharacters(in: .whitespaces)), n > 0 else {
            throw fail(1, "first line must be the number of particles (a positive integer)")
        }
        guard lines.count >= 2 else { throw fail(2, "missing header line (Lattice=… Properties=…)") }
        let header: ExtendedXYZHeader
        do { header = try ExtendedXYZHeader(parsing: lines[1]) } catch { throw fail(2, error.description) }
        let l = header.lx
        guard abs(header.lx - header.ly) < 1e-12 * l else {
            throw fail(2, "only square boxes are supported (Lattice=\"L 0 0 0 L 0 0 0 1\"), found Lx = \(header.lx), Ly = \(header.ly)")
        }
        guard header.properties.hasPrefix("species:S:1:pos:R:") else {
            throw fail(2, "Properties must start with species:S:1:pos:R:2 or :3, found \(header.properties)")
        }
        let body = lines.dropFirst(2)
        guard body.count == n else {
            throw fail(lines.count, "header announces \(n) particles but the file holds \(body.count) particle lines")
        }
        var x = [Double](), y = [Double](), species = [Species]()
        x.reserveCapacity(n); y.reserveCapacity(n); species.reserveCapacity(n)
        for (k, line) in body.enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let lineNumber = k + 3
            guard fields.count >= 3 else { throw fail(lineNumber, "expected 'species x y [z]', found \"\(line)\"") }
            guard let s = Species(symbol: String(fields[0])) else {
                throw fail(lineNumber, "unknown species '\(fields[0])'; allowed: S, M, L")
            }
            guard let xi = Double(fields[1]), let yi = Double(fields[2]), xi.isFinite, yi.isFinite else {
                throw fail(lineNumber, "coordinates must be finite numbers, found \"\(fields[1]) \(fields[2])\"")
            }
            guard Self.isNearTheBox(xi, l), Self.isNearTheBox(yi, l) else {
                throw fail(lineNumber, "particle \(k) at (\(fields[1]), \(fields[2])) lies more than \(Self.farOutside) box lengths "
                                     + "outside the box [0, \(l))²: the Lattice does not fit these positions (another box, or other units?); "
                                     + "positions unwrapped by a run that long must be wrapped into the box")
            }
            species.append(s); x.append(xi); y.append(yi)
        }
        let c = Configuration(boxLength: l, x: x, y: y, species: species)
        if let (i, j) = c.coincidentPair() {
            throw fail(j + 3, "particles \(i) and \(j) (0-based; lines \(i + 3) and \(j + 3)) are at the same position "
                           + "(closer than \(Configuration.coincidenceDistance)); every energy and descriptor would be NaN")
        }
        return c
    }

    /// How far outside [0, L) a coordinate may lie, in box lengths. Positions may be unwrapped
    /// (`simulate` writes them so): 1.3×10⁴ sweeps at T = 1.2, N = 400 carried particles 0.15 L
    /// out, and unwrapped drift grows as √sweeps, so 10 L is ~4000× longer runs away. What lies
    /// farther is a box from another file or in other units.
    public static let farOutside = 10

    static func isNearTheBox(_ v: Double, _ l: Double) -> Bool {
        v >= -Double(farOutside) * l && v < Double(1 + farOutside) * l
    }

    /// Quoted and escaped when the header parser would otherwise split or unquote it.
    static func quoted(_ s: String) -> String {
        guard s.contains(where: { $0.isWhitespace || "=\"'{}[]\\".contains($0) }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
