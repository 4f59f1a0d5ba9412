/// An N×N matrix of squared Euclidean distances, filled row by row in parallel. It is the
/// X_d of the greedy selections (grown one feature at a time) and the fixed X_full.
/// At N = 4000 it takes 128 MB.
final class DistanceMatrix: @unchecked Sendable {
    let n: Int
    let storage: UnsafeMutablePointer<Double>

    /// All zeros: the empty feature set X_0.
    init(zeroPoints n: Int) {
        self.n = n
        storage = .allocate(capacity: n * n)
        storage.initialize(repeating: 0, count: n * n)
    }

    /// Squared distances of a whole space (features summed in column order).
    convenience init(space: FeatureSpace, chunks: Int) {
        self.init(zeroPoints: space.pointCount)
        let n = self.n, m = space.featureCount
        space.columnMajor.withUnsafeBufferPointer { x in
            forEachChunk(of: n, chunks: chunks) { rows, _ in
                for i in rows { squaredDistances(from: i, columns: x, points: n, features: m, into: self.storage + i * n) }
            }
        }
    }

    deinit { storage.deallocate() }

    @inline(__always) func row(_ i: Int) -> UnsafeMutablePointer<Double> { storage + i * n }
}

/// A fixed reference space with its rank oracle: the target p (scalar, sorted) or X_full (dense).
protocol ReferenceSpace {
    func nearestNeighbour(of i: Int) -> Int
    func rank(of j: Int, from i: Int) -> Int
}

extension ScalarSpace: ReferenceSpace {}

/// A dense reference space: ranks are counted on its distance row.
struct DenseSpace: ReferenceSpace, @unchecked Sendable {
    let distances: DistanceMatrix
    let neighbours: [Int]

    init(space: FeatureSpace, chunks: Int) {
        let d = DistanceMatrix(space: space, chunks: chunks)
        distances = d
        neighbours = (0..<d.n).map { nearestInRow(d.row($0), of: $0, points: d.n) }
    }

    func nearestNeighbour(of i: Int) -> Int { neighbours[i] }
    func rank(of j: Int, from i: Int) -> Int { rankInRow(distances.row(i), of: j, from: i, points: distances.n) }
}
