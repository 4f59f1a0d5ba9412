/// Per-feature standardisation of paper Sec. II B ("zero mean and unit variance"), applied per
/// configuration, kept apart from the raw descriptors so stored files stay raw.
public enum Standardisation {
    /// Column c ↦ (x − mean_c) / sd_c with the population standard deviation (divide by N, as
    /// numpy `std` and scikit-learn `StandardScaler`). A constant column has no scale: it
    /// becomes all zeros rather than NaN.
    public static func standardised(_ matrix: [Double], rows: Int, columns: Int) -> [Double] {
        precondition(matrix.count == rows * columns, "standardised: matrix holds \(matrix.count) values, not \(rows) × \(columns)")
        guard rows > 0 else { return matrix }
        var out = matrix
        for c in 0..<columns {
            var mean = 0.0
            for r in 0..<rows { mean += matrix[r * columns + c] }
            mean /= Double(rows)
            var variance = 0.0 // two-pass: no cancellation from Σx² − N·mean²
            for r in 0..<rows { let d = matrix[r * columns + c] - mean; variance += d * d }
            variance /= Double(rows)
            let scale = variance > 0 ? 1 / variance.squareRoot() : 0
            for r in 0..<rows { out[r * columns + c] = (matrix[r * columns + c] - mean) * scale }
        }
        return out
    }
}
