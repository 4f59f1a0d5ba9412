import Foundation
import Formats

/// Extended XYZ, readable by ASE and OVITO: a count line, a header with the box as `Lattice`
/// and `Properties=species:S:1:pos:R:3` (read as ASE reads it: `ExtendedXYZHeader`), then one
/// line per particle (z = 0 in 2D). A file may hold several frames one after another; the box
/// may be any rectangle `Lattice="Lx 0 0 0 Ly 0 0 0 Lz"`.
public enum ExtendedXYZ {
    /// `comment` keys must not be Lattice, Properties or pbc; keys and values are one non-empty line.
    public static func encode(_ c: Configuration, comment: [String: String] = [:]) -> String {
        var header = "Lattice=\"\(c.lx) 0.0 0.0 0.0 \(c.ly) 0.0 0.0 0.0 1.0\" Properties=species:S:1:pos:R:3 pbc=\"T T F\""
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

    /// Reads frame `frame` (0-based; negative counts from the end, as ASE's `index`; nil: the last).
    public static func read(from url: URL, frame: Int? = nil, speciesMap: SpeciesMap = .paper) throws -> Configuration {
        try decode(readText(url), path: url.path, frame: frame, speciesMap: speciesMap)
    }

    /// The file's text as UTF-8, or an error naming the file.
    public static func readText(_ url: URL) throws -> String {
        if let problem = readProblem(url) { throw ModelError.malformedFile(path: url.path, line: 0, reason: "cannot read file (\(problem))") }
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw ModelError.malformedFile(path: url.path, line: 0, reason: "cannot read file (\((error as NSError).localizedDescription))")
        }
    }

    public static func decode(_ text: String, path: String = "<xyz>", frame: Int? = nil, speciesMap: SpeciesMap = .paper) throws -> Configuration {
        // Any newline (CRLF is one Character in Swift, so splitting on "\n" alone would miss it);
        // trailing blank lines are valid and ignored.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        func fail(_ line: Int, _ reason: String) -> ModelError { .malformedFile(path: path, line: line, reason: reason) }
        // Frame starts, found from the count lines alone; only the chosen frame is parsed.
        guard !lines.isEmpty else { throw fail(1, "first line must be the number of particles (a positive integer)") }
        var starts = [Int](), k = 0
        repeat {
            guard let n = Int(lines[k].trimmingCharacters(in: .whitespaces)), n > 0 else {
                if k == 0 { throw fail(1, "first line must be the number of particles (a positive integer)") }
                throw fail(k + 1, "expected the particle count of frame \(starts.count) (a positive integer), found \"\(lines[k])\"; "
                                + "or frame \(starts.count - 1) (line \(starts.last! + 1)) holds more particle lines than its count")
            }
            guard k + 1 < lines.count else { throw fail(k + 2, "missing header line (Lattice=… Properties=…)") }
            let body = lines.count - k - 2
            guard body >= n else { throw fail(lines.count, "header announces \(n) particles but the file holds \(body) particle lines") }
            starts.append(k); k += n + 2
        } while k < lines.count
        let chosen = try frameIndex(frame, count: starts.count, path: path)
        return try decodeFrame(lines, at: starts[chosen], fail: fail, speciesMap: speciesMap)
    }

    /// `frame` resolved against `count` frames (nil: the last; −1 also the last).
    public static func frameIndex(_ frame: Int?, count: Int, path: String) throws -> Int {
        let k = frame ?? -1, index = k < 0 ? count + k : k
        guard (0..<count).contains(index) else {
            throw ModelError.invalidParameter(field: "frame", value: "\(k)",
                                              allowed: "0…\(count - 1), or −\(count)…−1 from the end: \(path) holds \(count) frame\(count == 1 ? "" : "s")")
        }
        return index
    }

    private static func decodeFrame(_ lines: [Substring], at start: Int, fail: (Int, String) -> ModelError,
                                    speciesMap: SpeciesMap) throws -> Configuration {
        let n = Int(lines[start].trimmingCharacters(in: .whitespaces))!
        let header: ExtendedXYZHeader
        do { header = try ExtendedXYZHeader(parsing: lines[start + 1]) } catch { throw fail(start + 2, error.description) }
        let lx = header.lx, ly = header.ly
        guard header.properties.hasPrefix("species:S:1:pos:R:") else {
            throw fail(start + 2, "Properties must start with species:S:1:pos:R:2 or :3, found \(header.properties)")
        }
        let box = lx == ly ? "[0, \(lx))²" : "[0, \(lx)) × [0, \(ly))"
        var x = [Double](), y = [Double](), species = [Species]()
        x.reserveCapacity(n); y.reserveCapacity(n); species.reserveCapacity(n)
        for (k, line) in lines[(start + 2)..<(start + 2 + n)].enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let lineNumber = start + k + 3
            guard fields.count >= 3 else { throw fail(lineNumber, "expected 'species x y [z]', found \"\(line)\"") }
            guard let s = speciesMap.species(fields[0]) else {
                throw fail(lineNumber, "unknown species '\(fields[0])'; allowed: \(speciesMap.allowed)")
            }
            guard let xi = Double(fields[1]), let yi = Double(fields[2]), xi.isFinite, yi.isFinite else {
                throw fail(lineNumber, "coordinates must be finite numbers, found \"\(fields[1]) \(fields[2])\"")
            }
            guard Self.isNearTheBox(xi, lx), Self.isNearTheBox(yi, ly) else {
                throw fail(lineNumber, "particle \(k) at (\(fields[1]), \(fields[2])) lies more than \(Self.farOutside) box lengths "
                                     + "outside the box \(box): the Lattice does not fit these positions (another box, or other units?); "
                                     + "positions unwrapped by a run that long must be wrapped into the box")
            }
            species.append(s); x.append(xi); y.append(yi)
        }
        let c = Configuration(lx: lx, ly: ly, x: x, y: y, species: species)
        if let (i, j) = c.coincidentPair() {
            throw fail(start + j + 3, "particles \(i) and \(j) (0-based; lines \(start + i + 3) and \(start + j + 3)) are at the same position "
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
