import Testing
@testable import InformationImbalance

/// The SIMD row scans against their one-line definitions, on rows full of ties and of lengths that
/// leave a scalar tail after the 8-lane blocks.
@Suite struct RowKernelTests {
    @Test(arguments: [2, 7, 8, 9, 17, 31])
    func rowScansEqualTheirDefinitions(n: Int) {
        let levels = TestData.discreteColumns(points: n * n, features: 1, levels: 3, seed: UInt64(40 + n))[0]
        let row = UnsafeMutablePointer<Double>.allocate(capacity: n); defer { row.deallocate() }
        for i in 0..<n {
            // Other points at distance 0 tie with the point itself.
            for k in 0..<n { row[k] = k == i ? 0 : levels[i * n + k] }
            let others = (0..<n).filter { $0 != i }
            let nearest = others.min { (row[$0], $0) < (row[$1], $1) }!
            #expect(nearestInRow(row, of: i, points: n) == nearest)
            for j in others {
                let rank = 1 + others.filter { (row[$0], $0) < (row[j], j) }.count
                #expect(rankInRow(row, of: j, from: i, points: n) == rank)
            }
            // The k nearest are the first k of the stable argsort (k = 1: `nearestInRow`).
            let sorted = others.sorted { (row[$0], $0) < (row[$1], $1) }
            let out = UnsafeMutablePointer<Int>.allocate(capacity: n); defer { out.deallocate() }
            for k in 1..<n {
                nearestInRow(row, of: i, points: n, count: k, into: out)
                #expect(Array(UnsafeBufferPointer(start: out, count: k)) == Array(sorted.prefix(k)))
                #expect(rankSumInRow(row, of: out, count: k, from: i, points: n) == k * (k + 1) / 2)
            }
        }
    }
}
