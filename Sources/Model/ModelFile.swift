import Foundation
import TOMLKit

/// A model file for analysis (issue 27 §2): the species (names and LAMMPS types), σ_αβ and ε_αβ
/// for every pair, the potential family and its cutoff. `models/ternary2d.toml` is the paper's
/// model. Two species take the S and L slots (any σ, ε); three take S, M, L, and then the pairs
/// with M must be the arithmetic means of the paper's mixing rule, which the descriptor code
/// applies (`Mixture.sigma`). Number fractions and density are simulation settings, not read.
///
///     potential = "smoothed-lj"     # the paper's smoothed Lennard-Jones
///     cutoff = 2.5                  # r_c = cutoff · σ_αβ
///     [[species]]
///     name = "A"
///     type = 1
///     …
///     [sigma]
///     A-A = 1.0
///     A-B = 0.8
///     …
public struct ModelFile: Sendable, Equatable {
    public var mixture: Mixture
    public var speciesMap: SpeciesMap
    /// The file's species names, by slot (S, M, L); nil for a slot the model leaves empty.
    public var names: [String?]

    public static let families = ["smoothed-lj"]
    /// Relative tolerance for "equals the arithmetic mean" (decimal text of a computed mean).
    static let meanTolerance = 1e-12

    public static func read(from url: URL) throws -> ModelFile {
        try decode(ExtendedXYZ.readText(url), path: url.path)
    }

    public static func decode(_ text: String, path: String = "<model>") throws -> ModelFile {
        func fail(_ field: String, _ reason: String) -> ModelError { .malformedFile(path: path, line: 0, reason: "\(field): \(reason)") }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ModelError.malformedFile(path: path, line: e.source.begin.line, reason: e.description)
        }
        for key in table.keys where !["potential", "cutoff", "species", "sigma", "epsilon"].contains(key) {
            throw fail(key, "unknown key; allowed: potential, cutoff, species, sigma, epsilon")
        }
        guard let family = table["potential"]?.string, families.contains(family) else {
            throw fail("potential", "expected one of \(families.map { "\"\($0)\"" }.joined(separator: ", ")) (the paper's smoothed Lennard-Jones)")
        }
        guard let cutoff = table["cutoff"]?.double ?? table["cutoff"]?.int.map(Double.init), cutoff > 1, cutoff.isFinite else {
            throw fail("cutoff", "expected a number > 1, the cutoff in units of σ_αβ (paper: 2.5)")
        }
        guard let list = table["species"]?.array, (2...3).contains(list.count) else {
            throw fail("species", "expected 2 or 3 [[species]] tables, each with name and type")
        }
        let slots: [Species] = list.count == 2 ? [.small, .large] : [.small, .medium, .large]
        var map = SpeciesMap(names: [:], types: [:]), names = [String?](repeating: nil, count: 3)
        for (k, entry) in list.enumerated() {
            let field = "species[\(k)]"
            guard let t = entry.table, let name = t["name"]?.string, !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw fail(field, "expected name = \"…\" (letters, digits, _) and type = an integer")
            }
            guard let type = t["type"]?.int, type > 0 else { throw fail("\(field).type", "expected a positive integer (the LAMMPS atom type)") }
            guard map.names[name] == nil, map.types[type] == nil else { throw fail(field, "name '\(name)' or type \(type) given twice") }
            map.names[name] = slots[k]; map.types[type] = slots[k]; names[Int(slots[k].rawValue)] = name
        }
        func pairs(_ key: String) throws -> [Species: [Species: Double]] {
            guard let t = table[key]?.table else { throw fail(key, "expected a [\(key)] table with one entry per pair, e.g. A-B = 1.0") }
            var out = [Species: [Species: Double]]()
            for pair in t.keys {
                let parts = pair.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, let a = map.names[parts[0]], let b = map.names[parts[1]] else {
                    throw fail("\(key).\(pair)", "expected NAME-NAME with names from [[species]] (\(names.compactMap { $0 }.joined(separator: ", ")))")
                }
                guard let v = t[pair]?.double ?? t[pair]?.int.map(Double.init), v > 0, v.isFinite else {
                    throw fail("\(key).\(pair)", "expected a finite number > 0")
                }
                guard out[a]?[b] == nil else { throw fail("\(key).\(pair)", "the pair is given twice (as A-B and B-A)") }
                out[a, default: [:]][b] = v; out[b, default: [:]][a] = v
            }
            for (i, a) in slots.enumerated() { for b in slots[i...] where out[a]?[b] == nil {
                throw fail(key, "missing the pair \(names[Int(a.rawValue)]!)-\(names[Int(b.rawValue)]!)")
            } }
            return out
        }
        let sigma = try pairs("sigma"), epsilon = try pairs("epsilon")
        var m = Mixture()
        m.cutoffRatio = cutoff
        m.sigmaSS = sigma[.small]![.small]!; m.sigmaLL = sigma[.large]![.large]!; m.sigmaLS = sigma[.large]![.small]!
        m.epsilonSS = epsilon[.small]![.small]!; m.epsilonLL = epsilon[.large]![.large]!; m.epsilonLS = epsilon[.large]![.small]!
        if slots.count == 3 { // the descriptor code derives the M pairs; the file must agree
            for (key, given, derived) in [("sigma", sigma, m.sigma), ("epsilon", epsilon, m.epsilon)] as [(String, [Species: [Species: Double]], (Species, Species) -> Double)] {
                for b in Species.allCases {
                    let v = given[.medium]![b]!, d = derived(.medium, b)
                    guard abs(v - d) <= meanTolerance * d else {
                        throw fail("\(key).\(names[1]!)-\(names[Int(b.rawValue)]!)",
                                   "is \(v), but with three species the middle one (\(names[1]!)) must follow the paper's mixing rule, "
                                   + "the arithmetic mean of the \(names[0]!) and \(names[2]!) values: \(d)")
                    }
                }
            }
        }
        return ModelFile(mixture: m, speciesMap: map, names: names)
    }
}
