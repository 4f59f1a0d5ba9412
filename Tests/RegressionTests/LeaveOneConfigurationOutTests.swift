import Testing
import Statistics
@testable import Regression

@Suite struct LeaveOneConfigurationOutTests {
    static let m = 8

    /// Configurations whose propensity depends linearly on features 1 and 4 plus noise,
    /// each with its own offset so that pooling and standardization matter.
    static func configurations(_ count: Int = 3, particles: Int = 120, seed: UInt64 = 51) throws -> [RegressionConfiguration] {
        var data = TestData(seed)
        return try (0..<count).map { c in
            let x = data.matrix(rows: particles, columns: m, offset: 1 + Double(c))
            let noise = data.vector(particles)
            let y = (0..<particles).map { i in 0.5 * x[i * m + 1] - 0.3 * x[i * m + 4] + noise[i] + Double(c) }
            return try RegressionConfiguration(features: x, featureCount: m, propensity: y, species: data.labels(particles))
        }
    }

    static let orders: [[Int]] = [[1, 4, 0, 2, 3, 5, 6, 7], [4, 1, 7, 6, 5, 3, 2, 0], [0, 1, 2, 3, 4, 5, 6, 7]]

    /// Training set of held-out `held`: the others' rows pooled, raw.
    static func training(_ configurations: [RegressionConfiguration], without held: Int) -> (x: [Double], y: [Double]) {
        let others = configurations.indices.filter { $0 != held }.map { configurations[$0] }
        return (others.flatMap(\.features), others.flatMap(\.propensity))
    }

    @Test func oneConfigurationIsRejected() throws {
        let one = try Array(Self.configurations(1))
        do {
            _ = try LeaveOneConfigurationOut(configurations: one, supervisedOrders: nil, unsupervisedOrders: nil, maximumDimension: 1, seed: 1)
            Issue.record("expected an error for a single configuration")
        } catch let RegressionError.invalidParameter(field, _, _) {
            #expect(field == "configurations")
        }
    }

    @Test func invalidOrdersAndLabelsAreRejected() throws {
        let configurations = try Self.configurations()
        #expect(throws: RegressionError.self) {
            try LeaveOneConfigurationOut(configurations: configurations, supervisedOrders: [[0, 1]], unsupervisedOrders: nil,
                                         maximumDimension: 2, seed: 1)
        }
        #expect(throws: RegressionError.self) {
            try LeaveOneConfigurationOut(configurations: configurations, supervisedOrders: Array(repeating: [0, 0, 1], count: 3),
                                         unsupervisedOrders: nil, maximumDimension: 2, seed: 1)
        }
        #expect(throws: RegressionError.self) {
            try LeaveOneConfigurationOut(configurations: configurations, supervisedOrders: nil, unsupervisedOrders: nil,
                                         maximumDimension: 9, seed: 1)
        }
        #expect(throws: RegressionError.self) {
            try LeaveOneConfigurationOut(configurations: configurations, supervisedOrders: nil, unsupervisedOrders: nil,
                                         maximumDimension: 15, seed: 1, speciesCount: 2)
        }
    }

    @Test func givenOrdersMatchANaiveRefitOnTheHeldOutConfiguration() throws {
        let configurations = try Self.configurations()
        let result = try LeaveOneConfigurationOut(
            configurations: configurations, supervisedOrders: Self.orders, unsupervisedOrders: Self.orders.reversed(),
            maximumDimension: 4, randomRealisations: 0, seed: 1, runLasso: false).compute()
        for held in 0..<3 {
            let test = configurations[held]
            let (x, y) = Self.training(configurations, without: held)
            for (method, orders) in [(SelectionMethod.supervised, Self.orders), (.unsupervised, Self.orders.reversed())] {
                for d in 1...4 {
                    let subset = Array(orders[held].prefix(d))
                    let fit = naiveLeastSquares(x, columns: Self.m, target: y, subset: subset)
                    let prediction = naivePredict(test.features, columns: Self.m, subset: subset,
                                                  weights: fit.weights, intercept: fit.intercept)
                    #expect(abs(result.pearsonAll[method.rawValue][held][d - 1] - pearson(test.propensity, prediction)) < 1e-10)
                    let species = pearsonBySpecies(test.propensity, prediction, species: test.species)
                    for s in 0..<3 {
                        #expect(abs(result.pearsonBySpecies[method.rawValue][held][s][d - 1] - species[s]) < 1e-10)
                    }
                }
            }
        }
        #expect(result.pearsonAll[SelectionMethod.random.rawValue].allSatisfy { $0.allSatisfy(\.isNaN) })
        #expect(result.contributingConfigurations[SelectionMethod.lasso.rawValue] == [0, 0, 0, 0])
    }

    @Test func meansAndPopulationDeviationsOverConfigurations() throws {
        let result = try LeaveOneConfigurationOut(
            configurations: try Self.configurations(), supervisedOrders: Self.orders, unsupervisedOrders: nil,
            maximumDimension: 3, randomRealisations: 4, seed: 1).compute()
        for method in [SelectionMethod.supervised, .lasso, .random] {
            for d in 0..<3 {
                let values = result.pearsonAll[method.rawValue].map { $0[d] }
                let mean = values.reduce(0, +) / 3
                let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3).squareRoot()
                #expect(abs(result.meanAll[method.rawValue][d] - mean) < 1e-14)
                #expect(abs(result.stdAll[method.rawValue][d] - std) < 1e-14)
                #expect(result.contributingConfigurations[method.rawValue][d] == 3)
            }
        }
    }

    @Test func randomSelectionAveragesNaiveRefitsOverRealisations() throws {
        let configurations = try Self.configurations()
        let result = try LeaveOneConfigurationOut(
            configurations: configurations, supervisedOrders: nil, unsupervisedOrders: nil,
            maximumDimension: 3, randomRealisations: 5, seed: 77, runLasso: false).compute()
        let held = 1, d = 3
        let (x, y) = Self.training(configurations, without: held)
        let test = configurations[held]
        let rhos = (0..<5).map { r -> Double in
            let subset = randomSelection(featureCount: Self.m, d: d, seed: 77, configuration: held, realisation: r)
            let fit = naiveLeastSquares(x, columns: Self.m, target: y, subset: subset)
            return pearson(test.propensity, naivePredict(test.features, columns: Self.m, subset: subset,
                                                         weights: fit.weights, intercept: fit.intercept))
        }
        #expect(abs(result.pearsonAll[SelectionMethod.random.rawValue][held][d - 1] - rhos.reduce(0, +) / 5) < 1e-10)
    }

    @Test func resultsAreIndependentOfThreadCount() throws {
        let configurations = try Self.configurations()
        let run = { (threads: Int) in
            try LeaveOneConfigurationOut(configurations: configurations, supervisedOrders: Self.orders,
                                         unsupervisedOrders: Self.orders, maximumDimension: 5, randomRealisations: 30,
                                         seed: 9, threads: threads).compute()
        }
        let serial = try run(1)
        for threads in [2, 3, 7] {
            let parallel = try run(threads)
            #expect(parallel.pearsonAll.description == serial.pearsonAll.description)
            #expect(parallel.pearsonBySpecies.description == serial.pearsonBySpecies.description)
            #expect(parallel.lassoColumns == serial.lassoColumns)
            #expect(parallel.keptPredictions == serial.keptPredictions)
        }
    }

    @Test func lassoSelectionUsesTheTrainingSetOnly() throws {
        let configurations = try Self.configurations()
        // rescale and shift every column of configuration 0 differently
        let original = configurations[0]
        let transformed = try RegressionConfiguration(
            features: original.features.enumerated().map { k, v in v * (1 + Double(k % Self.m)) + 10 * Double(k % Self.m) - 3 },
            featureCount: Self.m, propensity: original.propensity, species: original.species)
        let compute = { (configurations: [RegressionConfiguration]) in
            try LeaveOneConfigurationOut(configurations: configurations, supervisedOrders: nil, unsupervisedOrders: nil,
                                         maximumDimension: 4, randomRealisations: 0, seed: 1).compute()
        }
        let before = try compute(configurations)
        let after = try compute([transformed] + configurations[1...])
        // held-out 0: training set unchanged → same selection, and OLS is invariant to the test transform?
        // no: the test features changed, so compare against the training-only Lasso directly
        #expect(after.lassoColumns[0] == before.lassoColumns[0])
        let gram = StandardizedGram(CentredMoments(pooling: configurations[1...].map {
            CentredMoments(features: $0.features, featureCount: Self.m, target: $0.propensity)
        }))
        for d in 1...4 {
            let expected = try Lasso(gram: gram).lassoSelection(d: d)?.columns ?? []
            #expect(after.lassoColumns[0][d - 1] == expected)
        }
    }

    @Test func keptPredictionUsesTrainingStandardizationOnAShiftedTestConfiguration() throws {
        var configurations = try Self.configurations()
        let original = configurations[2]
        // shift and rescale the kept (held-out) configuration: a test-set standardization would undo this
        configurations[2] = try RegressionConfiguration(
            features: original.features.enumerated().map { k, v in 2 * v + 5 + Double(k % Self.m) },
            featureCount: Self.m, propensity: original.propensity, species: original.species)
        let result = try LeaveOneConfigurationOut(
            configurations: configurations, supervisedOrders: Self.orders, unsupervisedOrders: nil,
            maximumDimension: 4, randomRealisations: 0, seed: 1, keptConfiguration: 2, runLasso: false).compute()
        let subset = Array(Self.orders[2].prefix(4))
        let (x, y) = Self.training(configurations, without: 2)
        let fit = naiveLeastSquares(x, columns: Self.m, target: y, subset: subset)
        let expected = naivePredict(configurations[2].features, columns: Self.m, subset: subset,
                                    weights: fit.weights, intercept: fit.intercept)
        let kept = result.keptPredictions[SelectionMethod.supervised.rawValue]
        #expect(kept.count == original.particleCount)
        #expect(maxAbsDifference(kept, expected) < 1e-9)
        #expect(result.keptPredictions[SelectionMethod.unsupervised.rawValue].isEmpty)
        #expect(result.keptPredictions[SelectionMethod.random.rawValue].isEmpty)
    }
}
