/// Mean and population standard deviation (numpy's default, ddof = 0) of the finite values,
/// summed in order; NaN for both when there are none. Returns the number of finite values too.
func meanAndSpread(_ values: [Double]) -> (mean: Double, std: Double, count: Int) {
    let finite = values.filter { $0.isFinite }
    guard !finite.isEmpty else { return (.nan, .nan, 0) }
    let n = Double(finite.count)
    let mean = finite.reduce(0, +) / n
    let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    return (mean, variance.squareRoot(), finite.count)
}
