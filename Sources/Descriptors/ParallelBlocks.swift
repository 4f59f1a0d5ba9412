import Dispatch

/// Runs `body(block)` for blocks 0..<count, concurrently or in order. Each block writes only its
/// own particles' outputs, so the result never depends on the schedule.
@inline(__always)
func forEachBlock(_ count: Int, parallel: Bool, _ body: (Int) -> Void) {
    if parallel && count > 1 {
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    } else {
        for b in 0..<count { body(b) }
    }
}
