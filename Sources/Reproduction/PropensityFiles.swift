import Foundation
import Formats
import InformationImbalance
import Model

/// The on-disk form of one configuration's iso-configurational propensities:
/// `propensity.npy` (N × 2K: p(t₁), q(t₁), p(t₂), q(t₂), …; the pipeline's times are t_β then
/// τα) with `propensity.names.json` (`p_t_beta`, `q_t_beta`, `p_tau_alpha`, `q_tau_alpha`, so
/// that `propensity.npy:p_tau_alpha` names a column on the command line), and
/// `propensity.json` recording the times and which one is τα and which the β time, and
/// `propensity_halves.npy` (N × 2K: p(t₁) over the even-numbered runs, over the odd-numbered
/// runs, then t₂, …), two independent half-ensembles that measure the finite-run noise of p.
struct PropensityTimes: Codable, Sendable {
    /// The measurement times, in file order.
    var labels: [Timescale]
    /// Times in Monte Carlo sweeps, one per label.
    var times: [Int]
    /// τα of the relaxation run the times were derived from.
    var tauAlpha: Double
    var runs: Int
    var temperature: Double
    /// F_s^CR of the runs (origin t = 0) at log-spaced times up to the last one; absent in
    /// entries written before it was recorded.
    var curveTimes: [Int]? = nil
    var fs: [Double]? = nil
    /// False for a propensity imported by `repro analyze` (p only: q and the halves are NaN);
    /// absent (true) for the study's own.
    var qMeasured: Bool? = nil

    /// The time with this label, in sweeps.
    func time(_ label: Timescale) throws -> Int { times[try index(label)] }

    func index(_ label: Timescale) throws -> Int {
        guard let k = labels.firstIndex(of: label) else {
            throw ReproductionError.invalid("propensity.json has no time labelled '\(label)' (it has \(labels.map(\.rawValue).joined(separator: ", ")))")
        }
        return k
    }
}

/// The column names of a propensity array: p and q at each labelled time, in column order.
func propensityColumnNames(_ labels: [Timescale]) -> [String] { labels.flatMap { ["p_\($0.rawValue)", "q_\($0.rawValue)"] } }

struct PropensityData {
    var times: PropensityTimes
    var p: [[Double]]   // [time][particle]
    var q: [[Double]]
    var pHalves: [[[Double]]]   // [half][time][particle]

    func p(_ label: Timescale) throws -> [Double] { p[try times.index(label)] }
    func q(_ label: Timescale) throws -> [Double] { q[try times.index(label)] }
    func pHalves(_ label: Timescale) throws -> (even: [Double], odd: [Double]) {
        let t = try times.index(label)
        return (pHalves[0][t], pHalves[1][t])
    }

    static func write(p: [[Double]], q: [[Double]], pHalves: [[[Double]]], times: PropensityTimes, to directory: URL) throws {
        let n = p.first?.count ?? 0, k = p.count
        var values = [Double](repeating: 0, count: n * 2 * k)
        for i in 0..<n { for t in 0..<k { values[i * 2 * k + 2 * t] = p[t][i]; values[i * 2 * k + 2 * t + 1] = q[t][i] } }
        try Artifact.writeNpy(NpyArray(shape: [n, 2 * k], values: values), to: directory.appendingPathComponent("propensity.npy"))
        var halves = [Double](repeating: .nan, count: n * 2 * k)
        for h in 0..<2 { for t in 0..<k where pHalves[h][t].count == n { for i in 0..<n { halves[i * 2 * k + 2 * t + h] = pHalves[h][t][i] } } }
        try Artifact.writeNpy(NpyArray(shape: [n, 2 * k], values: halves), to: directory.appendingPathComponent("propensity_halves.npy"))
        let names = propensityColumnNames(times.labels)
        try Artifact.writeJSON(names, to: directory.appendingPathComponent("propensity.names.json"))
        try Artifact.writeJSON(times, to: directory.appendingPathComponent("propensity.json"))
    }

    static func read(from directory: URL) throws -> PropensityData {
        let times = try Artifact.readJSON(PropensityTimes.self, from: directory.appendingPathComponent("propensity.json"))
        let a = try NpyArray.read(from: directory.appendingPathComponent("propensity.npy"))
        let k = times.labels.count
        guard a.columnCount == 2 * k else {
            throw ReproductionError.badArtifact(path: directory.path, reason: "propensity.npy has \(a.columnCount) columns, expected \(2 * k)")
        }
        let h = try NpyArray.read(from: directory.appendingPathComponent("propensity_halves.npy"))
        guard h.columnCount == 2 * k, h.rowCount == a.rowCount else {
            throw ReproductionError.badArtifact(path: directory.path, reason: "propensity_halves.npy is \(h.rowCount)×\(h.columnCount), expected \(a.rowCount)×\(2 * k)")
        }
        return PropensityData(times: times, p: (0..<k).map { a.column(2 * $0) }, q: (0..<k).map { a.column(2 * $0 + 1) },
                              pHalves: [0, 1].map { half in (0..<k).map { h.column(2 * $0 + half) } })
    }
}

/// One configuration's raw descriptor matrix as written by `DescriptorFiles`.
struct FeatureData {
    var features: [Double]   // row-major N × F
    var count: Int
    var names: [String]
    var species: [Int]

    var featureCount: Int { names.count }

    static func read(from directory: URL) throws -> FeatureData {
        let a = try NpyArray.read(from: directory.appendingPathComponent("features.npy"))
        let names = try Artifact.readJSON([String].self, from: directory.appendingPathComponent("features.names.json"))
        let codes = try NpyArray.read(from: directory.appendingPathComponent("species.npy")).values
        if let bad = codes.firstIndex(where: { !$0.isFinite || $0.rounded() != $0 || Species(rawValue: UInt8(exactly: $0) ?? .max) == nil }) {
            throw ReproductionError.badArtifact(path: directory.appendingPathComponent("species.npy").path,
                                                reason: "row \(bad) holds \(codes[bad]); allowed: " + Species.allCases.map { "\($0.rawValue) (\($0))" }.joined(separator: ", "))
        }
        let species = codes.map { Int($0) }
        guard a.columnCount == names.count, a.rowCount == species.count else {
            throw ReproductionError.badArtifact(path: directory.path, reason: "features.npy is \(a.rowCount)×\(a.columnCount) but there are \(names.count) names and \(species.count) species")
        }
        // A constant feature would be "selected" by how ties are broken alone.
        do { try FeatureSpace(rowMajor: a.values, pointCount: a.rowCount, featureCount: a.columnCount).requireVaryingFeatures(names: names) } catch {
            throw ReproductionError.invalid("\(directory.appendingPathComponent("features.npy").path): \(error); \(varyingAdvice)")
        }
        return FeatureData(features: a.values, count: a.rowCount, names: names, species: species)
    }

    /// The way out when a feature is constant (see `FeatureSpace.requireVaryingFeatures`).
    static let varyingAdvice = "choose ells and n so that every feature varies"

    func column(_ c: Int) -> [Double] { (0..<count).map { features[$0 * featureCount + c] } }
}
