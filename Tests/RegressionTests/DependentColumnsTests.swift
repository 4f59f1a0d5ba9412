import Testing
@testable import Regression

/// The paper's features are strongly collinear (one descriptor at neighbouring ℓ); the
/// leave-one-configuration-out fits then drop dependent columns instead of failing.
@Suite struct DependentColumnsTests {
    /// Columns 0, 1 random; column 2 = column 0 − 2·column 1 exactly.
    func dependentData() -> (x: [Double], y: [Double]) {
        var data = TestData(31)
        let n = 120
        let base = data.matrix(rows: n, columns: 2), noise = data.vector(n)
        var x = [Double]()
        var y = [Double]()
        for i in 0..<n {
            let a: Double = base[2 * i], b: Double = base[2 * i + 1]
            x += [a, b, a - 2 * b]
            y.append(1 + 0.5 * a - b + 0.1 * noise[i])
        }
        return (x, y)
    }

    @Test func dependentColumnIsRejectedByDefault() {
        let (x, y) = dependentData()
        #expect(throws: RegressionError.self) { try ordinaryLeastSquares(features: x, featureCount: 3, target: y) }
    }

    @Test func droppingGivesTheFitOfTheIndependentColumns() throws {
        let (x, y) = dependentData()
        let gram = StandardizedGram(CentredMoments(features: x, featureCount: 3, target: y))
        let dropped = try ordinaryLeastSquares(gram, columns: [0, 1, 2], droppingDependentColumns: true)
        let independent = try ordinaryLeastSquares(gram, columns: [0, 1])
        #expect(dropped.droppedColumns == [2])
        #expect(dropped.weights[2] == 0)
        let a = dropped.predict(features: x, featureCount: 3), b = independent.predict(features: x, featureCount: 3)
        #expect(maxAbsDifference(a, b) < 1e-10)
    }

    @Test func theDroppedColumnIsTheLaterOne() throws {
        let (x, y) = dependentData()
        let gram = StandardizedGram(CentredMoments(features: x, featureCount: 3, target: y))
        let model = try ordinaryLeastSquares(gram, columns: [2, 0, 1], droppingDependentColumns: true)
        #expect(model.droppedColumns == [1])
        #expect(model.droppedColumns.count == 1 && model.weights[0] != 0 && model.weights[1] != 0)
    }
}
