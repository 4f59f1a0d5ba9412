import Foundation

/// LAMMPS text dumps (`dump … atom` or `custom`), 2D: per frame `ITEM: TIMESTEP`,
/// `ITEM: NUMBER OF ATOMS`, `ITEM: BOX BOUNDS pp pp pp` (periodic x and y; z ignored) and
/// `ITEM: ATOMS id type x y …` with positions as x y, unwrapped xu yu, or scaled xs ys / xsu ysu,
/// columns in any order. Atoms come back sorted by id, whatever order the file lists them in.
public enum LammpsDump {
    /// Reads frame `frame` (0-based; negative counts from the end; nil: the last).
    public static func read(from url: URL, frame: Int? = nil, speciesMap: SpeciesMap = .paper) throws -> Configuration {
        try decode(ExtendedXYZ.readText(url), path: url.path, frame: frame, speciesMap: speciesMap)
    }

    /// Position columns, in order of preference: wrapped or unwrapped, then scaled.
    static let positionColumns: [(x: String, y: String, scaled: Bool)] =
        [("x", "y", false), ("xu", "yu", false), ("xs", "ys", true), ("xsu", "ysu", true)]

    struct Frame {
        var count: Int
        var xlo = 0.0, ylo = 0.0, lx = 0.0, ly = 0.0
        var columns: [String] = []
        /// Line index (0-based) of the first atom line.
        var atoms = 0
    }

    public static func decode(_ text: String, path: String = "<dump>", frame: Int? = nil, speciesMap: SpeciesMap = .paper) throws -> Configuration {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        func fail(_ line: Int, _ reason: String) -> ModelError { .malformedFile(path: path, line: line, reason: reason) }
        var frames = [Frame](), k = 0
        while k < lines.count { // frame headers only; the chosen frame's atoms are parsed below
            let parsed = try header(lines, from: k, fail: fail)
            frames.append(parsed)
            k = parsed.atoms + parsed.count
        }
        guard !frames.isEmpty else { throw fail(1, "empty file: expected ITEM: TIMESTEP") }
        return try atoms(lines, frames[ExtendedXYZ.frameIndex(frame, count: frames.count, path: path)], fail: fail, speciesMap: speciesMap)
    }

    /// The items of one frame, from its `ITEM: TIMESTEP` line `k` up to its `ITEM: ATOMS` line.
    static func header(_ lines: [Substring], from start: Int, fail: (Int, String) -> ModelError) throws -> Frame {
        var k = start, count: Int?, box: (Double, Double, Double, Double)?
        func value(_ item: String) throws -> Substring {
            guard k + 1 < lines.count else { throw fail(k + 1, "ITEM: \(item) has no value line after it") }
            k += 1
            return lines[k]
        }
        while k < lines.count {
            let line = lines[k].trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("ITEM:") else { throw fail(k + 1, "expected an 'ITEM:' line, found \"\(line.prefix(80))\"") }
            let item = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            let words = item.split(separator: " ")
            switch true {
            case item == "TIMESTEP" && k != start:
                throw fail(k + 1, "a new frame starts before ITEM: ATOMS of the frame at line \(start + 1)")
            case ["TIMESTEP", "TIME", "UNITS"].contains(item):
                _ = try value(item)
            case item == "NUMBER OF ATOMS":
                let v = try value(item).trimmingCharacters(in: .whitespaces)
                guard let n = Int(v), n > 0 else { throw fail(k + 1, "NUMBER OF ATOMS must be a positive integer, found \"\(v)\"") }
                count = n
            case item.hasPrefix("BOX BOUNDS"):
                let flags = words.dropFirst(2)
                if flags.contains(where: { ["xy", "xz", "yz"].contains($0) }) {
                    throw fail(k + 1, "BOX BOUNDS: triclinic boxes (xy xz yz) are not read; write an orthogonal box (2D: xy = 0)")
                }
                for (axis, flag) in zip(["x", "y"], flags) where flag != "pp" {
                    throw fail(k + 1, "BOX BOUNDS: the \(axis) boundary is '\(flag)'; only periodic x and y ('pp') are read")
                }
                var bounds = [(Double, Double)]()
                for axis in ["x", "y", "z"] {
                    let parts = try value("BOX BOUNDS").split(whereSeparator: \.isWhitespace)
                    guard axis != "z" else { break } // 2D: z is ignored
                    guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite, hi > lo else {
                        throw fail(k + 1, "BOX BOUNDS: the \(axis) line must be '\(axis)lo \(axis)hi' with \(axis)lo < \(axis)hi, found \"\(lines[k])\"")
                    }
                    bounds.append((lo, hi))
                }
                box = (bounds[0].0, bounds[1].0, bounds[0].1 - bounds[0].0, bounds[1].1 - bounds[1].0)
            case item.hasPrefix("ATOMS"):
                guard let n = count else { throw fail(k + 1, "ITEM: ATOMS before ITEM: NUMBER OF ATOMS") }
                guard let (xlo, ylo, lx, ly) = box else { throw fail(k + 1, "ITEM: ATOMS before ITEM: BOX BOUNDS") }
                let columns = words.dropFirst().map(String.init)
                for required in ["id", "type"] where !columns.contains(required) {
                    throw fail(k + 1, "ITEM: ATOMS has no '\(required)' column (found: \(columns.joined(separator: " ")))")
                }
                guard positionColumns.contains(where: { columns.contains($0.x) && columns.contains($0.y) }) else {
                    throw fail(k + 1, "ITEM: ATOMS has no position columns: expected x y, xu yu, xs ys or xsu ysu (found: \(columns.joined(separator: " ")))")
                }
                if let repeated = columns.first(where: { c in columns.filter { $0 == c }.count > 1 }) {
                    throw fail(k + 1, "ITEM: ATOMS names the column '\(repeated)' twice")
                }
                guard lines.count - k - 1 >= n else {
                    throw fail(lines.count, "NUMBER OF ATOMS announces \(n) atoms but the file holds \(lines.count - k - 1) atom lines after line \(k + 1)")
                }
                return Frame(count: n, xlo: xlo, ylo: ylo, lx: lx, ly: ly, columns: columns, atoms: k + 1)
            default:
                throw fail(k + 1, "unknown item 'ITEM: \(item.prefix(40))'; read: TIMESTEP, TIME, UNITS, NUMBER OF ATOMS, BOX BOUNDS, ATOMS")
            }
            k += 1
        }
        throw fail(lines.count, "the frame starting at line \(start + 1) has no ITEM: ATOMS")
    }

    /// The atoms of `f`, sorted by id, positions relative to (xlo, ylo).
    static func atoms(_ lines: [Substring], _ f: Frame, fail: (Int, String) -> ModelError, speciesMap: SpeciesMap) throws -> Configuration {
        let index = Dictionary(uniqueKeysWithValues: f.columns.enumerated().map { ($1, $0) })
        let position = positionColumns.first { index[$0.x] != nil && index[$0.y] != nil }!
        let (ci, ct, cx, cy) = (index["id"]!, index["type"]!, index[position.x]!, index[position.y]!)
        var ids = [Int](), x = [Double](), y = [Double](), species = [Species](), lineOf = [Int: Int]()
        for k in f.atoms..<(f.atoms + f.count) {
            let fields = lines[k].split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == f.columns.count else {
                throw fail(k + 1, "expected \(f.columns.count) fields (\(f.columns.joined(separator: " "))), found \(fields.count)")
            }
            guard let id = Int(fields[ci]) else { throw fail(k + 1, "field 'id' must be an integer, found \"\(fields[ci])\"") }
            if let first = lineOf[id] { throw fail(k + 1, "atom id \(id) appears twice (also on line \(first))") }
            lineOf[id] = k + 1
            guard let s = speciesMap.species(fields[ct]) else {
                throw fail(k + 1, "field 'type': unknown type '\(fields[ct])'; allowed: \(speciesMap.allowed)")
            }
            var p = [0.0, 0.0]
            for (axis, (column, lo, l)) in [(cx, f.xlo, f.lx), (cy, f.ylo, f.ly)].enumerated() {
                let name = f.columns[column]
                guard let v = Double(fields[column]), v.isFinite else { throw fail(k + 1, "field '\(name)' must be a finite number, found \"\(fields[column])\"") }
                p[axis] = position.scaled ? v * l : v - lo
                guard ExtendedXYZ.isNearTheBox(p[axis], l) else {
                    throw fail(k + 1, "field '\(name)' = \(fields[column]) lies more than \(ExtendedXYZ.farOutside) box lengths outside the box bounds")
                }
            }
            ids.append(id); species.append(s); x.append(p[0]); y.append(p[1])
        }
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        let c = Configuration(lx: f.lx, ly: f.ly, x: order.map { x[$0] }, y: order.map { y[$0] }, species: order.map { species[$0] })
        if let (i, j) = c.coincidentPair() {
            throw fail(lineOf[ids[order[j]]]!, "atoms with ids \(ids[order[i]]) and \(ids[order[j]]) (lines \(lineOf[ids[order[i]]]!) and \(lineOf[ids[order[j]]]!)) "
                                             + "are at the same position (closer than \(Configuration.coincidenceDistance)); every energy and descriptor would be NaN")
        }
        return c
    }
}
