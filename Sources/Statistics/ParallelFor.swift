import Dispatch

/// Runs `body(task)` for every task in 0..<count on up to `workers` threads, worker w taking
/// tasks w, w + workers, … Each task must write only its own outputs, so a result never depends
/// on the number of threads or on scheduling.
public func parallelFor(_ count: Int, workers: Int, _ body: (Int) -> Void) {
    let w = max(1, min(workers, count))
    if w == 1 {
        for t in 0..<count { body(t) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: w) { worker in
        var t = worker
        while t < count { body(t); t += w }
    }
}
