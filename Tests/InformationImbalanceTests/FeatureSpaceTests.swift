import Testing
import InformationImbalance

@Suite struct FeatureSpaceTests {
    @Test func rowMajorAndColumnsAgree() throws {
        let a = try FeatureSpace(rowMajor: [1, 2, 3, 4, 5, 6], pointCount: 3, featureCount: 2)
        let b = try FeatureSpace(columns: [[1, 3, 5], [2, 4, 6]])
        #expect(a == b)
        #expect(a[point: 2, feature: 1] == 6)
        #expect(a.rowMajor == [1, 2, 3, 4, 5, 6])
        #expect(try a.selecting(features: [1, 0]) == FeatureSpace(columns: [[2, 4, 6], [1, 3, 5]]))
    }

    /// (1, 2, 3, 6): mean 3, population variance (4 + 1 + 0 + 9)/4 = 3.5.
    @Test func standardizedUsesThePopulationVariance() throws {
        let s = try FeatureSpace(columns: [[1, 2, 3, 6], [5, 5, 5, 5]]).standardized()
        let sd = 3.5.squareRoot()
        for (v, e) in zip(s.column(0), [-2 / sd, -1 / sd, 0, 3 / sd]) { #expect(abs(v - e) < 1e-15) }
        #expect(s.column(1) == [0, 0, 0, 0])
    }

    @Test func standardizedRandomColumnsHaveZeroMeanAndUnitVariance() throws {
        let s = try FeatureSpace(columns: TestData.gaussianColumns(points: 1000, features: 3, seed: 2).map { $0.map { 3 * $0 + 7 } }).standardized()
        for c in 0..<3 {
            let x = s.column(c)
            let mean = x.reduce(0, +) / 1000
            let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 1000
            #expect(abs(mean) < 1e-13)
            #expect(abs(variance - 1) < 1e-13)
        }
    }

    @Test func rejectsBadShapesAndValues() {
        #expect(throws: InformationImbalanceError.valueCountMismatch(points: 2, features: 2, values: 3)) {
            try FeatureSpace(rowMajor: [1, 2, 3], pointCount: 2, featureCount: 2)
        }
        #expect(throws: InformationImbalanceError.nonFiniteValue(point: 1, feature: 1, value: "inf")) {
            try FeatureSpace(rowMajor: [1, 2, 3, .infinity], pointCount: 2, featureCount: 2)
        }
        #expect(throws: InformationImbalanceError.raggedColumns(column: 1, length: 1, expected: 2)) {
            try FeatureSpace(columns: [[1, 2], [3]])
        }
        #expect(throws: InformationImbalanceError.emptySpace(points: 0, features: 1)) { try FeatureSpace(scalar: []) }
        #expect(throws: InformationImbalanceError.featureOutOfRange(index: 2, featureCount: 2)) {
            try FeatureSpace(columns: [[1, 2], [3, 4]]).selecting(features: [2])
        }
        #expect(throws: InformationImbalanceError.duplicateFeature(index: 0)) {
            try FeatureSpace(columns: [[1, 2], [3, 4]]).selecting(features: [0, 0])
        }
    }

    @Test func imbalanceRejectsTooFewOrMismatchedPoints() throws {
        let one = try FeatureSpace(scalar: [1]), two = try FeatureSpace(scalar: [1, 2]), three = try FeatureSpace(scalar: [1, 2, 3])
        #expect(throws: InformationImbalanceError.tooFewPoints(count: 1)) { try informationImbalance(from: one, to: one) }
        #expect(throws: InformationImbalanceError.pointCountMismatch(first: 2, second: 3)) { try informationImbalance(from: two, to: three) }
    }

    @Test func errorsDescribeTheFieldAndTheAllowedValues() {
        #expect(InformationImbalanceError.invalidMaxD(maxD: 70, featureCount: 60).description.contains("1...60"))
        #expect(InformationImbalanceError.featureOutOfRange(index: 9, featureCount: 4).description.contains("0...3"))
        #expect(InformationImbalanceError.tooFewPoints(count: 1).description.contains("at least 2"))
    }
}
