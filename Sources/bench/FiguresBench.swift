import Foundation
import Plotting

/// All figures from synthetic data of realistic size (N = 4000 particle maps), PNG + PDF into a temp dir.
func benchFigures() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-figures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let figures = SyntheticFigures.all(particles: 4000)
    let count = figures.count
    let t = try seconds { try Figure.writeAll(figures, to: dir) }
    report("figures.seconds_all", t, "s")
    report("figures.count", Double(count), "figures")
}
