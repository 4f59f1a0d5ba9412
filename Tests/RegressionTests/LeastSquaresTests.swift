import Testing
import Statistics
@testable import Regression

@Suite struct LeastSquaresTests {
    @Test func recoversExactWeightsOnNoiselessData() throws {
        var data = TestData(21)
        let m = 5, n = 200
        let x = data.matrix(rows: n, columns: m, offset: 3)
        let w: [Double] = [1.5, -2, 0.25, 0, 4]
        let y = (0..<n).map { i in 3 + (0..<m).reduce(0.0) { $0 + w[$1] * x[i * m + $1] } }
        let model = try ordinaryLeastSquares(features: x, featureCount: m, target: y)
        #expect(model.columns == Array(0..<m))
        #expect(maxAbsDifference(model.weights, w) < 1e-10)
        #expect(abs(model.intercept - 3) < 1e-9)
        #expect(maxAbsDifference(model.predict(features: x, featureCount: m), y) < 1e-9)
    }

    @Test func agreesWithNaiveNormalEquations() throws {
        var data = TestData(22)
        let m = 7, n = 300
        let x = data.matrix(rows: n, columns: m, offset: 2), y = data.vector(n).map { 5 + $0 }
        for subset in [Array(0..<m), [4, 1], [6], [2, 0, 5]] {
            let model = try ordinaryLeastSquares(features: x, featureCount: m, target: y, columns: subset)
            let reference = naiveLeastSquares(x, columns: m, target: y, subset: subset)
            #expect(model.columns == subset)
            #expect(maxAbsDifference(model.weights, reference.weights) < 1e-10)
            #expect(abs(model.intercept - reference.intercept) < 1e-10)
        }
    }

    @Test func subsetOfOneGramEqualsRefitOnTheSubset() throws {
        var data = TestData(23)
        let m = 6, n = 150
        let x = data.matrix(rows: n, columns: m), y = data.vector(n)
        let gram = StandardizedGram(CentredMoments(features: x, featureCount: m, target: y))
        let fromGram = try ordinaryLeastSquares(gram, columns: [5, 2, 3])
        let sub = (0..<n).flatMap { i in [5, 2, 3].map { x[i * m + $0] } }
        let refit = try ordinaryLeastSquares(features: sub, featureCount: 3, target: y)
        #expect(maxAbsDifference(fromGram.weights, refit.weights) < 1e-12)
        #expect(abs(fromGram.intercept - refit.intercept) < 1e-12)
    }

    @Test func singularSystemsAreReported() throws {
        var data = TestData(24)
        let n = 50
        let base = data.matrix(rows: n, columns: 2)
        // column 2 duplicates column 0; column 3 is constant
        let x: [Double] = (0..<n).flatMap { (i: Int) -> [Double] in [base[2 * i], base[2 * i + 1], base[2 * i], 7.0] }
        let y = data.vector(n)
        let gram = StandardizedGram(CentredMoments(features: x, featureCount: 4, target: y))
        _ = try ordinaryLeastSquares(gram, columns: [0, 1])
        #expect(throws: RegressionError.self) { try ordinaryLeastSquares(gram, columns: [0, 1, 2]) }
        #expect(throws: RegressionError.self) { try ordinaryLeastSquares(gram, columns: [3]) }
        do {
            _ = try ordinaryLeastSquares(gram, columns: [1, 2, 0])
            Issue.record("expected a singular system")
        } catch let RegressionError.singularSystem(columns, _) {
            #expect(columns == [1, 2, 0])
        }
    }

    @Test func invalidColumnsAreRejected() throws {
        let gram = StandardizedGram(CentredMoments(features: [1, 2, 3, 4, 5, 7], featureCount: 2, target: [1, 2, 4]))
        #expect(throws: RegressionError.self) { try ordinaryLeastSquares(gram, columns: []) }
        #expect(throws: RegressionError.self) { try ordinaryLeastSquares(gram, columns: [2]) }
        #expect(throws: RegressionError.self) { try ordinaryLeastSquares(gram, columns: [1, 1]) }
    }

    @Test func pearsonFromMomentsEqualsPearsonOfThePrediction() throws {
        var data = TestData(25)
        let m = 5
        let train = data.matrix(rows: 120, columns: m), trainY = data.vector(120)
        let test = data.matrix(rows: 90, columns: m, offset: 4), testY = data.vector(90)
        let species = data.labels(90)
        let model = try ordinaryLeastSquares(features: train, featureCount: m, target: trainY, columns: [3, 0, 4])
        let prediction = model.predict(features: test, featureCount: m)
        #expect(abs(model.pearson(on: CentredMoments(features: test, featureCount: m, target: testY))
                    - pearson(testY, prediction)) < 1e-12)
        let bySpecies = pearsonBySpecies(testY, prediction, species: species)
        for s in 0..<3 {
            let rows = species.indices.filter { species[$0] == s }
            let moments = CentredMoments(features: test, featureCount: m, target: testY, rows: rows)
            #expect(abs(model.pearson(on: moments) - bySpecies[s]) < 1e-12)
        }
    }
}
