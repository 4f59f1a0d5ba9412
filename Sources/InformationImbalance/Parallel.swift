import Foundation
import Statistics

/// The default fixed partition of rows into chunks. Results never depend on it: every reduction
/// sums integers per chunk and then over chunks in chunk order.
public let defaultChunkCount = 64

/// Runs `body(rows, chunk)` for a fixed partition of `0..<n` into `min(chunks, n)` contiguous
/// ranges, in parallel. The partition depends only on `n` and `chunks`, never on the thread count.
func forEachChunk(of n: Int, chunks: Int, _ body: (Range<Int>, Int) -> Void) {
    let c = effectiveChunks(n, chunks)
    if c == 1 { body(0..<n, 0); return }
    parallelFor(c, workers: c) { ch in body((ch * n / c) ..< ((ch + 1) * n / c), ch) }
}

/// The number of chunks `forEachChunk` really uses.
@inline(__always) func effectiveChunks(_ n: Int, _ chunks: Int) -> Int { max(1, min(chunks, n)) }

/// A fixed-size table of per-chunk integer sums (chunk × slot), reduced in chunk order.
final class ChunkSums: @unchecked Sendable {
    let chunks: Int, slots: Int
    let storage: UnsafeMutablePointer<Int>
    init(chunks: Int, slots: Int) {
        self.chunks = max(1, chunks); self.slots = slots
        storage = .allocate(capacity: self.chunks * slots)
        storage.initialize(repeating: 0, count: self.chunks * slots)
    }
    deinit { storage.deallocate() }
    @inline(__always) func add(_ v: Int, chunk: Int, slot: Int) { storage[chunk * slots + slot] &+= v }
    func totals() -> [Int] {
        (0..<slots).map { s in (0..<chunks).reduce(0) { $0 + storage[$1 * slots + s] } }
    }
}
