/// A space of N points described by m real features (a "feature vector" per point, Sec. II C);
/// all M descriptors together are X_Full of Eq. (14).
///
/// Stored column by column (struct of arrays), so every distance loop runs over contiguous memory.
/// The constructor rejects empty shapes and non-finite values, so every space is usable as is.
public struct FeatureSpace: Sendable, Equatable {
    /// N, the number of points (rows).
    public let pointCount: Int
    /// m, the number of features (columns).
    public let featureCount: Int
    /// Feature c of point i is `columnMajor[c * pointCount + i]`.
    public let columnMajor: [Double]

    /// A space from a row-major N×m matrix (`values[i * featureCount + c]`), as NumPy stores it.
    public init(rowMajor values: [Double], pointCount: Int, featureCount: Int) throws {
        guard pointCount >= 1, featureCount >= 1 else {
            throw InformationImbalanceError.emptySpace(points: pointCount, features: featureCount)
        }
        guard values.count == pointCount * featureCount else {
            throw InformationImbalanceError.valueCountMismatch(points: pointCount, features: featureCount, values: values.count)
        }
        var cm = [Double](repeating: 0, count: values.count)
        for i in 0..<pointCount {
            for c in 0..<featureCount { cm[c * pointCount + i] = values[i * featureCount + c] }
        }
        try self.init(validatedColumnMajor: cm, pointCount: pointCount, featureCount: featureCount)
    }

    /// A space from its columns (one array per feature, all of length N).
    public init(columns: [[Double]]) throws {
        guard let n = columns.first?.count, n >= 1 else {
            throw InformationImbalanceError.emptySpace(points: columns.first?.count ?? 0, features: columns.count)
        }
        for (c, col) in columns.enumerated() where col.count != n {
            throw InformationImbalanceError.raggedColumns(column: c, length: col.count, expected: n)
        }
        try self.init(validatedColumnMajor: columns.flatMap { $0 }, pointCount: n, featureCount: columns.count)
    }

    /// A one-feature (scalar) space, e.g. the propensity p.
    public init(scalar values: [Double]) throws {
        try self.init(columns: [values])
    }

    private init(validatedColumnMajor cm: [Double], pointCount: Int, featureCount: Int) throws {
        for (t, v) in cm.enumerated() where !v.isFinite {
            throw InformationImbalanceError.nonFiniteValue(point: t % pointCount, feature: t / pointCount, value: "\(v)")
        }
        self.init(trusted: cm, pointCount: pointCount, featureCount: featureCount)
    }

    /// Internal: values already known to be finite and well shaped.
    init(trusted cm: [Double], pointCount: Int, featureCount: Int) {
        self.pointCount = pointCount
        self.featureCount = featureCount
        self.columnMajor = cm
    }

    /// Feature `feature` of point `point`.
    public subscript(point point: Int, feature feature: Int) -> Double {
        columnMajor[feature * pointCount + point]
    }

    /// One feature over all points.
    public func column(_ c: Int) -> [Double] {
        Array(columnMajor[c * pointCount ..< (c + 1) * pointCount])
    }

    /// The row-major N×m matrix (`[i * featureCount + c]`).
    public var rowMajor: [Double] {
        var out = [Double](repeating: 0, count: columnMajor.count)
        for c in 0..<featureCount {
            for i in 0..<pointCount { out[i * featureCount + c] = columnMajor[c * pointCount + i] }
        }
        return out
    }

    /// The sub-space of the given features, in the given order (order matters only for the last
    /// bits of a distance: squared differences are summed in column order).
    public func selecting(features indices: [Int]) throws -> FeatureSpace {
        guard !indices.isEmpty else { throw InformationImbalanceError.emptySpace(points: pointCount, features: 0) }
        var seen = Set<Int>()
        var cm = [Double]()
        cm.reserveCapacity(indices.count * pointCount)
        for c in indices {
            guard c >= 0, c < featureCount else { throw InformationImbalanceError.featureOutOfRange(index: c, featureCount: featureCount) }
            guard seen.insert(c).inserted else { throw InformationImbalanceError.duplicateFeature(index: c) }
            cm += columnMajor[c * pointCount ..< (c + 1) * pointCount]
        }
        return FeatureSpace(trusted: cm, pointCount: pointCount, featureCount: indices.count)
    }

    /// This space with one more feature appended as the last column.
    public func appending(feature values: [Double]) throws -> FeatureSpace {
        let extra = try FeatureSpace(scalar: values)
        guard extra.pointCount == pointCount else {
            throw InformationImbalanceError.pointCountMismatch(first: pointCount, second: extra.pointCount)
        }
        return FeatureSpace(trusted: columnMajor + values, pointCount: pointCount, featureCount: featureCount + 1)
    }

    /// Each feature shifted to zero mean and scaled to unit variance, with the population variance
    /// (divide by N, like numpy's default `std` and scikit-learn's `StandardScaler`). A constant
    /// feature has no scale; like `StandardScaler` it is only centred (all zeros).
    public func standardized() -> FeatureSpace {
        var cm = columnMajor
        let n = pointCount
        for c in 0..<featureCount {
            let (mean, sd) = Self.meanAndStandardDeviation(cm[c * n ..< (c + 1) * n])
            let scale = sd > 0 ? sd : 1
            for i in c * n ..< (c + 1) * n { cm[i] = (cm[i] - mean) / scale }
        }
        return FeatureSpace(trusted: cm, pointCount: n, featureCount: featureCount)
    }

    /// Mean and population standard deviation (two-pass, for accuracy).
    static func meanAndStandardDeviation(_ x: ArraySlice<Double>) -> (mean: Double, sd: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return (mean, variance.squareRoot())
    }
}
