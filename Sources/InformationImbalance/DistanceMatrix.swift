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
        let nn = UnsafeMutablePointer<Int>.allocate(capacity: d.n)
        defer { nn.deallocate() }
        forEachChunk(of: d.n, chunks: chunks) { rows, _ in
            for i in rows { nn[i] = nearestInRow(d.row(i), of: i, points: d.n) }
        }
        neighbours = Array(UnsafeBufferPointer(start: nn, count: d.n))
        table = RankTable(distances: d, chunks: chunks)
    }

    func nearestNeighbour(of i: Int) -> Int { neighbours[i] }
    @inline(__always) func rank(of j: Int, from i: Int) -> Int { Int(table.storage[i * n + j]) }
}

/// r_ik for all i, k (self: 0), with the stable-argsort tie rule of `rankInRow`.
///
/// Each row is ordered by a stable LSD radix sort on the bit patterns of its squared distances
/// (non-negative doubles order like their bit patterns as unsigned integers), 11 bits per pass,
/// skipping the passes whose digit is the same for the whole row. Stability gives equal distances
/// in index order, exactly the stable-argsort rule.
final class RankTable: @unchecked Sendable {
    let storage: UnsafeMutablePointer<Int32>
    private static let digitBits = 11
    private static let passes = (64 + digitBits - 1) / digitBits

    init(distances d: DistanceMatrix, chunks: Int) {
        let n = d.n
        storage = .allocate(capacity: n * n)
        let storage = self.storage
        let radix = 1 << Self.digitBits, passes = Self.passes, mask = UInt64(radix - 1)
        forEachChunk(of: n, chunks: chunks) { rows, _ in
            let keysA = UnsafeMutablePointer<UInt64>.allocate(capacity: n), keysB = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
            let idxA = UnsafeMutablePointer<Int32>.allocate(capacity: n), idxB = UnsafeMutablePointer<Int32>.allocate(capacity: n)
            let counts = UnsafeMutablePointer<Int32>.allocate(capacity: passes * radix)
            defer { keysA.deallocate(); keysB.deallocate(); idxA.deallocate(); idxB.deallocate(); counts.deallocate() }
            for i in rows {
                let r = d.row(i)
                counts.update(repeating: 0, count: passes * radix)
                for k in 0..<n {
                    let key = r[k].bitPattern
                    keysA[k] = key; idxA[k] = Int32(truncatingIfNeeded: k)
                    for p in 0..<passes { counts[p * radix + Int((key >> UInt64(p * Self.digitBits)) & mask)] &+= 1 }
                }
                var (srcK, srcI, dstK, dstI) = (keysA, idxA, keysB, idxB)
                for p in 0..<passes {
                    let c = counts + p * radix
                    let shift = UInt64(p * Self.digitBits)
                    // A digit shared by the whole row leaves the order unchanged.
                    if c[Int((srcK[0] >> shift) & mask)] == Int32(n) { continue }
                    var sum: Int32 = 0
                    for b in 0..<radix { let v = c[b]; c[b] = sum; sum &+= v }
                    for q in 0..<n {
                        let key = srcK[q], b = Int((key >> shift) & mask)
                        let at = Int(c[b]); c[b] &+= 1
                        dstK[at] = key; dstI[at] = srcI[q]
                    }
                    swap(&srcK, &dstK); swap(&srcI, &dstI)
                }
                var next: Int32 = 1
                for q in 0..<n {
                    let k = Int(srcI[q])
                    if k != i { storage[i * n + k] = next; next &+= 1 }
                }
                storage[i * n + i] = 0
            }
        }
    }
    deinit { storage.deallocate() }
}
