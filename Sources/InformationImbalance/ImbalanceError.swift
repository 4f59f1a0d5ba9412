import Foundation

/// Everything that can go wrong when building a space or computing an information imbalance.
/// Each case names the offending field and, where it helps, the values that would be allowed.
public enum InformationImbalanceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A space needs at least one point and one feature.
    case emptySpace(points: Int, features: Int)
    /// `values.count` must equal `points × features`.
    case valueCountMismatch(points: Int, features: Int, values: Int)
    /// Columns given separately must all have the same length.
    case raggedColumns(column: Int, length: Int, expected: Int)
    /// Distances need finite values; `value` is the offending entry as text (NaN, inf, -inf).
    case nonFiniteValue(point: Int, feature: Int, value: String)
    /// Ranks need at least two points (the nearest neighbour of a lone point does not exist).
    case tooFewPoints(count: Int)
    /// Two spaces compared point by point must hold the same points.
    case pointCountMismatch(first: Int, second: Int)
    /// A feature (column) index outside `0..<featureCount`.
    case featureOutOfRange(index: Int, featureCount: Int)
    /// A point (row) index outside `0..<pointCount`.
    case pointOutOfRange(index: Int, pointCount: Int)
    /// The same feature requested twice where a subset is meant.
    case duplicateFeature(index: Int)
    /// `maxD` must lie in `1...featureCount` (featureCount nil: not yet known, so only `maxD ≥ 1` is checked).
    case invalidMaxD(maxD: Int, featureCount: Int?)
    /// The noise column must have one value per point.
    case noiseLengthMismatch(points: Int, noise: Int)
    /// The target of a supervised selection must have one value per point.
    case targetLengthMismatch(points: Int, target: Int)
    /// `chunks` (the fixed partition of rows for parallel work) must be at least 1.
    case invalidChunkCount(Int)
    /// Features with one value for every point (`names`, when known, parallel to `columns`).
    case constantFeatures(columns: [Int], names: [String]?)
    /// A greedy selection over `points` would need `bytes` of memory, above `limit`.
    case selectionMemory(points: Int, bytes: Double, limit: Double, fitting: Int)
    /// Rank k outside 1 … N − 1 (points nil: not yet known, so only k ≥ 1 is checked).
    case invalidRank(k: Int, points: Int?)
    /// A subsample of M points outside 2 … N.
    case invalidSubsample(count: Int, points: Int)

    public var description: String {
        switch self {
        case let .emptySpace(points, features):
            "a space needs at least 1 point and 1 feature (got \(points) points × \(features) features)"
        case let .valueCountMismatch(points, features, values):
            "values: expected points × features = \(points) × \(features) = \(points * features) values, got \(values)"
        case let .raggedColumns(column, length, expected):
            "columns: column \(column) has \(length) values, expected \(expected) like column 0"
        case let .nonFiniteValue(point, feature, value):
            "values: non-finite value \(value) at row \(point), column \(feature); every value must be finite"
        case let .tooFewPoints(count):
            "points: information imbalance needs at least 2 points (rows), got \(count)"
        case let .pointCountMismatch(first, second):
            "points: the two spaces must have the same number of rows, got \(first) and \(second)"
        case let .featureOutOfRange(index, featureCount):
            "columns: index \(index) is out of range; allowed 0...\(featureCount - 1)"
        case let .pointOutOfRange(index, pointCount):
            "points: index \(index) is out of range; allowed 0...\(pointCount - 1)"
        case let .duplicateFeature(index):
            "columns: index \(index) appears more than once"
        case let .invalidMaxD(maxD, featureCount?):
            "maxD: \(maxD) is not allowed; must be in 1...\(featureCount) (the number of features)"
        case let .invalidMaxD(maxD, nil):
            "maxD: \(maxD) is not allowed; must be at least 1"
        case let .noiseLengthMismatch(points, noise):
            "noise: expected \(points) values (one per point), got \(noise)"
        case let .targetLengthMismatch(points, target):
            "target: expected \(points) values (one per point), got \(target)"
        case let .invalidChunkCount(c):
            "chunks: \(c) is not allowed; must be at least 1"
        case let .constantFeatures(columns, names):
            "columns: \(Self.listed(columns, names)) constant (zero variance): a constant feature carries no information, "
                + "and its imbalance would come from how ties are broken alone; leave \(columns.count == 1 ? "it" : "them") out"
        case let .selectionMemory(points, bytes, limit, fitting):
            "points: a greedy selection over \(points) points needs about \(Self.size(bytes)) of memory "
                + "(N × N distances, and for the unsupervised selection the ranks of X_full), above the limit of \(Self.size(limit)); "
                + "memory grows as N², so at most \(fitting) points fit"
        case let .invalidRank(k, points?):
            "k: rank k = \(k) is outside the allowed 1…\(points - 1) (each of the \(points) points has \(points - 1) neighbours)"
        case let .invalidRank(k, nil):
            "k: rank k = \(k) must be at least 1"
        case let .invalidSubsample(count, points):
            "subsample: M = \(count) points is outside the allowed 2…\(points) (drawn without replacement from \(points) points)"
        }
    }
}

extension InformationImbalanceError {
    /// "3 (z_bar(l=0.5)), 7 (…)", the first ten only.
    static func listed(_ columns: [Int], _ names: [String]?) -> String {
        let shown = columns.prefix(10).map { c in names.map { "\(c) (\($0[c]))" } ?? "\(c)" }
        return shown.joined(separator: ", ") + (columns.count > 10 ? ", … (\(columns.count) in all)" : "")
    }

    /// "120 GB", "1 kB": three significant digits.
    static func size(_ bytes: Double) -> String {
        for (unit, scale) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)] where bytes >= scale {
            let v = bytes / scale
            return String(format: v >= 100 ? "%.0f " : "%.3g ", v) + unit
        }
        return String(format: "%.0f bytes", bytes)
    }
}
