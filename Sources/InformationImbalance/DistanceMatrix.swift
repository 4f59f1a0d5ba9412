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

/// A dense reference space (X_full): its full rank table r_ik, built once per configuration by a
/// stable sort of every distance row, so that each rank query afterwards is one load.
/// At N = 4000 the table takes 64 MB; the distance matrix is freed once it is built.
struct DenseSpace: ReferenceSpace, @unchecked Sendable {
    let n: Int
    let neighbours: [Int]
    private let table: RankTable

    init(space: FeatureSpace, chunks: Int) {
        let d = DistanceMatrix(space: space, chunks: chunks)
        n = d.n
        neighbours = (0..<d.n).map { nearestInRow(d.row($0), of: $0, points: d.n) }
        table = RankTable(distances: d, chunks: chunks)
    }

    func nearestNeighbour(of i: Int) -> Int { neighbours[i] }
    @inline(__always) func rank(of j: Int, from i: Int) -> Int { Int(table.storage[i * n + j]) }
}

/// r_ik for all i, k (self: 0), with the stable-argsort tie rule of `rankInRow`.
final class RankTable: @unchecked Sendable {
    let storage: UnsafeMutablePointer<Int32>

    init(distances d: DistanceMatrix, chunks: Int) {
        let n = d.n
        storage = .allocate(capacity: n * n)
        let storage = self.storage
        forEachChunk(of: n, chunks: chunks) { rows, _ in
            var order = [Int32](repeating: 0, count: n)
            for i in rows {
                let r = d.row(i)
                for k in 0..<n { order[k] = Int32(k) }
                order.withUnsafeMutableBufferPointer { o in
                    o.sort { a, b in r[Int(a)] < r[Int(b)] || (r[Int(a)] == r[Int(b)] && a < b) }
                }
                var next: Int32 = 1
                for k in order where Int(k) != i { storage[i * n + Int(k)] = next; next += 1 }
                storage[i * n + i] = 0
            }
        }
    }
    deinit { storage.deallocate() }
}
