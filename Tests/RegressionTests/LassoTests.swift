import Testing
@testable import Regression

/// Lasso checked against its optimality (KKT) conditions on explicitly standardized data.
@Suite struct LassoTests {
    struct Problem {
        let z: [Double]      // standardized features, row-major n×m
        let y: [Double]      // centred target
        let n: Int, m: Int
        let gram: StandardizedGram

        init(seed: UInt64, n: Int = 200, m: Int = 8, coupling: Double = 0.8) {
            var data = TestData(seed)
            let x = data.matrix(rows: n, columns: m, offset: 2, coupling: coupling)
            let noise = data.vector(n)
            let raw = (0..<n).map { i in 0.7 * x[i * m] - 0.4 * x[i * m + 3] + 0.1 * x[i * m + 5] + noise[i] }
            self.n = n; self.m = m
            gram = StandardizedGram(CentredMoments(features: x, featureCount: m, target: raw))
            // standardize plainly, independently of the module
            var z = x
            for j in 0..<m {
                let column = (0..<n).map { x[$0 * m + j] }
                let mean = column.reduce(0, +) / Double(n)
                let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
                for i in 0..<n { z[i * m + j] = (x[i * m + j] - mean) / sd }
            }
            self.z = z
            let mean = raw.reduce(0, +) / Double(n)
            y = raw.map { $0 - mean }
        }

        /// Z_jᵀ(y − Zw)/n for every j.
        func correlationWithResidual(_ w: [Double]) -> [Double] {
            let residual = (0..<n).map { i in y[i] - (0..<m).reduce(0.0) { $0 + z[i * m + $1] * w[$1] } }
            return (0..<m).map { j in (0..<n).reduce(0.0) { $0 + z[$1 * m + j] * residual[$1] } / Double(n) }
        }
    }

    @Test(arguments: [0.9, 0.5, 0.2, 0.05, 0.01])
    func satisfiesKKTConditions(fraction: Double) throws {
        let problem = Problem(seed: 31)
        let lasso = try Lasso(gram: problem.gram)
        let alpha = fraction * lasso.alphaMax
        let w = try lasso.solve(alpha: alpha).weights
        let r = problem.correlationWithResidual(w)
        #expect(w.contains { $0 != 0 })
        for j in 0..<problem.m {
            #expect(abs(r[j]) <= alpha + 1e-8)
            if w[j] != 0 { #expect(abs(r[j] - alpha * (w[j] > 0 ? 1 : -1)) < 1e-8) }
        }
    }

    @Test(arguments: [0.3, 0.03, 0.003])
    func satisfiesKKTConditionsOnNearlyCollinearFeatures(alphaFraction: Double) throws {
        // 12 columns mixing 3 latent fields plus 1% noise: the regime where the active-set steps matter
        var data = TestData(36)
        let n = 300, m = 12, latent = 3
        let mixing = data.vector(m * latent)
        var x = [Double](repeating: 0, count: n * m), y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let f = data.vector(latent)
            for j in 0..<m { x[i * m + j] = 0.01 * data.vector(1)[0] + (0..<latent).reduce(0.0) { $0 + mixing[j * latent + $1] * f[$1] } }
            y[i] = f[0] - 0.5 * f[2] + 0.2 * data.vector(1)[0]
        }
        let gram = StandardizedGram(CentredMoments(features: x, featureCount: m, target: y))
        let lasso = try Lasso(gram: gram)
        let alpha = alphaFraction * lasso.alphaMax
        let w = try lasso.solve(alpha: alpha).weights
        // Z_jᵀ(y − ȳ − Zw)/n = g_j − (G w)_j, with G and g checked against plain sums elsewhere
        for j in 0..<m {
            let r = gram.gramTarget[j] - (0..<m).reduce(0.0) { $0 + gram.gram[j * m + $1] * w[$1] }
            #expect(abs(r) <= alpha + 1e-8)
            if w[j] != 0 { #expect(abs(r - alpha * (w[j] > 0 ? 1 : -1)) < 1e-8) }
        }
    }

    @Test func alphaZeroGivesOrdinaryLeastSquares() throws {
        let problem = Problem(seed: 32, coupling: 0.3)
        let w = try Lasso(gram: problem.gram).solve(alpha: 0).weights
        let ols = try ordinaryLeastSquares(problem.gram, columns: Array(0..<problem.m))
        #expect(maxAbsDifference(w, ols.standardizedWeights) < 1e-9)
    }

    @Test func largeAlphaGivesAllZerosAndJustBelowAlphaMaxOneFeature() throws {
        let problem = Problem(seed: 33)
        let lasso = try Lasso(gram: problem.gram)
        #expect(try lasso.solve(alpha: lasso.alphaMax).weights.allSatisfy { $0 == 0 })
        #expect(try lasso.solve(alpha: 1e6).weights.allSatisfy { $0 == 0 })
        let strongest = problem.gram.gramTarget.indices.max { abs(problem.gram.gramTarget[$0]) < abs(problem.gram.gramTarget[$1]) }!
        #expect(try lasso.solve(alpha: 0.999 * lasso.alphaMax).nonZeroColumns == [strongest])
    }

    @Test func warmStartReachesTheSameSolution() throws {
        let problem = Problem(seed: 34)
        let lasso = try Lasso(gram: problem.gram)
        let cold = try lasso.solve(alpha: 0.1 * lasso.alphaMax)
        let warm = try lasso.solve(alpha: 0.1 * lasso.alphaMax,
                                   start: try lasso.solve(alpha: 0.3 * lasso.alphaMax).weights)
        #expect(maxAbsDifference(cold.weights, warm.weights) < 1e-10)
        #expect(cold.nonZeroColumns == warm.nonZeroColumns)
    }

    @Test func invalidSettingsAreRejected() throws {
        let problem = Problem(seed: 35)
        #expect(throws: RegressionError.self) { try Lasso(gram: problem.gram, tolerance: 0) }
        #expect(throws: RegressionError.self) { try Lasso(gram: problem.gram).solve(alpha: -1) }
        #expect(throws: RegressionError.self) { try Lasso(gram: problem.gram, maximumSweeps: 1).solve(alpha: 0) }
    }
}
