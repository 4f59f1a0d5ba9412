import Dispatch

/// Runs `body(task)` for every task in 0..<count on up to `threads` workers, worker w taking tasks
/// w, w + workers, … Each task must write only its own outputs, so results never depend on the
/// thread count or on scheduling.
func forEachTask(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    let workers = max(1, min(threads, count))
    if workers == 1 {
        for t in 0..<count { body(t) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var t = w
        while t < count { body(t); t += workers }
    }
}
