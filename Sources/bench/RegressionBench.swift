import InformationImbalance
import Randomness
import Regression

/// All four selection methods for d = 1…15 under leave-one-configuration-out over 10 synthetic
/// configurations × 4000 particles × 60 features, with 1000 random realisations per configuration.
func benchRegression() throws {
    let configurations = try (0..<10).map { try syntheticRegressionConfiguration(index: $0) }
    let orders = (0..<10).map { c -> [Int] in
        var stream = RandomStream(seed: 99, purpose: .testData, indices: [UInt64(c)])
        return Array(0..<60).shuffled(using: &stream)
    }
    var result: LeaveOneConfigurationOutResult?
    let elapsed = try seconds {
        result = try LeaveOneConfigurationOut(
            configurations: configurations, supervisedOrders: orders, unsupervisedOrders: orders.map { $0.reversed() },
            maximumDimension: GreedySelection.paperMaxD, randomRealisations: LeaveOneConfigurationOut.paperRandomRealisations, seed: 2024).compute()
    }
    report("regression.seconds", elapsed, "s")
    if let result {
        let reached = result.contributingConfigurations[SelectionMethod.lasso.rawValue].reduce(0, +)
        report("regression.lasso_reached", Double(reached), "of \(10 * 15)")
        report("regression.rho_lasso_d15", result.mean(.lasso)[14], "")
    }
}

/// Descriptor-like features: 8 latent fields mixed into 60 strongly correlated columns with 5% noise and a
/// per-configuration offset; the propensity depends linearly on two of the fields.
private func syntheticRegressionConfiguration(index: Int) throws -> RegressionConfiguration {
    let n = 4000, m = 60, latent = 8
    var mixing = RandomStream(seed: 7, purpose: .testData, indices: [1_000])
    let a = (0..<(m * latent)).map { _ in mixing.gaussian() }
    var stream = RandomStream(seed: 7, purpose: .testData, indices: [UInt64(index)])
    var features = [Double](repeating: 0, count: n * m)
    var propensity = [Double](repeating: 0, count: n)
    var species = [Int](repeating: 0, count: n)
    var f = [Double](repeating: 0, count: latent)
    for i in 0..<n {
        for k in 0..<latent { f[k] = stream.gaussian() }
        for j in 0..<m {
            var x = 0.1 * Double(index) + 0.05 * stream.gaussian()
            for k in 0..<latent { x += a[j * latent + k] * f[k] }
            features[i * m + j] = x
        }
        propensity[i] = 0.8 * f[0] + 0.4 * f[1] + 0.6 * stream.gaussian()
        species[i] = Int(stream.next() % 3)
    }
    return try RegressionConfiguration(features: features, featureCount: m, propensity: propensity, species: species)
}
