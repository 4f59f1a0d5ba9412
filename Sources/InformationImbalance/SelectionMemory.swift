import Foundation

/// What a greedy selection holds at once, so that callers refuse a too large input before any
/// compute (an N × N allocation that fails is a fatal error, not a thrown one).
extension GreedySelection {
    /// Peak bytes over `points` × `features`: X_d's N × N squared distances (8 bytes each) and, for
    /// the unsupervised selection, X_full's rank table (4 bytes each; X_full's own distances are
    /// freed before X_d's are allocated), plus a few copies of the features.
    public static func memoryBytes(points n: Int, features m: Int, supervised: Bool) -> Double {
        let pairs = Double(n) * Double(n)
        return pairs * (supervised ? 8 : 12) + 4 * 8 * Double(n) * Double(m)
    }

    /// Half the physical memory: the default limit of the callers.
    public static var defaultMemoryLimit: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// Throws `selectionMemory` when the selection would need more than `limit` bytes.
    public static func checkMemory(points n: Int, features m: Int, supervised: Bool, limit: Double) throws {
        let bytes = memoryBytes(points: n, features: m, supervised: supervised)
        guard bytes > limit else { return }
        var fitting = Int((limit / (supervised ? 8 : 12)).squareRoot())
        while fitting > 2, memoryBytes(points: fitting, features: m, supervised: supervised) > limit { fitting -= 1 }
        throw InformationImbalanceError.selectionMemory(points: n, bytes: bytes, limit: limit, fitting: fitting)
    }
}

extension FeatureSpace {
    /// Features with the same value at every point up to rounding (spread ≤ 10⁻¹² of the largest
    /// magnitude), in column order: standardizing would blow the rounding up to unit variance.
    public var constantFeatures: [Int] {
        (0..<featureCount).filter { c in
            let column = columnMajor[c * pointCount ..< (c + 1) * pointCount]
            let lo = column.min()!, hi = column.max()!
            return hi - lo <= 1e-12 * max(abs(lo), abs(hi))
        }
    }

    /// Throws `constantFeatures` naming every constant column (`names` parallel to the columns).
    public func requireVaryingFeatures(names: [String]? = nil) throws {
        let constant = constantFeatures
        guard constant.isEmpty else { throw InformationImbalanceError.constantFeatures(columns: constant, names: names) }
    }
}
