import Foundation
import Plotting

/// All figures from synthetic data of realistic size (N = 4000 particle maps), PNG + PDF into a temp dir.
func benchFigures() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-figures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var count = 0
    let t = try seconds {
        for (name, figure) in SyntheticFigures.all(particles: 4000) {
            try figure.write(to: dir, baseName: name)
            count += 1
        }
    }
    report("figures.seconds_all", t, "s")
    report("figures.count", Double(count), "figures")
}
