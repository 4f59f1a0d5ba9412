/// The abscissa of the maximum of a scan y(x) (e.g. |ρ| against ℓ), refined by the vertex of the
/// parabola through the largest sample and its two neighbours when that sample is inside the
/// grid and the parabola opens downwards; clamped to the neighbours. NaN for an empty scan.
public func parabolaRefinedMaximum(x: [Double], y: [Double]) -> Double {
    precondition(x.count == y.count, "parabolaRefinedMaximum: arrays of different lengths")
    guard let k = y.indices.max(by: { y[$0] < y[$1] }) else { return .nan }
    guard k > 0, k < y.count - 1 else { return x[k] }
    let (x0, x1, x2) = (x[k - 1], x[k], x[k + 1]), (y0, y1, y2) = (y[k - 1], y[k], y[k + 1])
    let denom = (x0 - x1) * (x0 - x2) * (x1 - x2)
    let a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denom
    let b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denom
    guard a < 0 else { return x1 }
    return min(max(-b / (2 * a), x0), x2)
}
