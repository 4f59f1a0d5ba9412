import Foundation
import Plotting
import PlottingFixtures

/// All figures from synthetic data of realistic size (N = 4000 particle maps), PNG + PDF into a temp dir.
/// Reports wall time and process CPU time: on a shared machine the wall time mostly measures the queue.
func benchFigures() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-figures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let figures = SyntheticFigures.all(particles: 4000)
    let cpu0 = clock()
    let t = try seconds { try Figure.writeAll(figures, to: dir) }
    let cpu = Double(clock() - cpu0) / Double(CLOCKS_PER_SEC)
    report("figures.seconds_all", t, "s")
    report("figures.cpu_seconds_all", cpu, "s")
    report("figures.count", Double(figures.count), "figures")
}
