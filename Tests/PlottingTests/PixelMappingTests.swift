import Foundation
import Testing
@testable import Plotting

/// A marker at known data coordinates lands on the expected pixel of the PNG.
@Suite struct PixelMappingTests {
    static let red = RGBA(1, 0, 0)

    /// Renders one red square marker at (x, y); returns the image and the pixel where the marker
    /// should be, computed here from the plot rectangle with the textbook linear / log formula.
    func render(x: Double, y: Double, xAxis: Axis, yAxis: Axis) throws -> (PNGImage, Int, Int) {
        let marker = MarkerStyle(.square, size: 5, color: Self.red)
        let figure = Figure(width: 3, height: 2.5, panels: [
            Panel(x: xAxis, y: yAxis, marks: [.series(Series(x: [x], y: [y], marker: marker))]),
        ])
        let plot = figure.layout()[0].plot
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pixel-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try figure.renderPNG(to: url)
        let scale = Figure.dpi / 72
        let px = plot.x + Self.fraction(x, xAxis.limits!, xAxis.scale) * plot.width
        let py = plot.y + plot.height - Self.fraction(y, yAxis.limits!, yAxis.scale) * plot.height
        return (try PNGImage(url: url), Int(px * scale), Int(py * scale))
    }

    static func fraction(_ v: Double, _ r: ClosedRange<Double>, _ s: Scale) -> Double {
        switch s {
        case .linear: return (v - r.lowerBound) / (r.upperBound - r.lowerBound)
        case .log: return (log10(v) - log10(r.lowerBound)) / (log10(r.upperBound) - log10(r.lowerBound))
        }
    }

    func isRed(_ c: (r: Int, g: Int, b: Int)) -> Bool { c.r > 200 && c.g < 60 && c.b < 60 }

    func check(x: Double, y: Double, xAxis: Axis, yAxis: Axis) throws {
        let (image, px, py) = try render(x: x, y: y, xAxis: xAxis, yAxis: yAxis)
        #expect(isRed(image.rgb(px, py)), "pixel (\(px), \(py)) is \(image.rgb(px, py))")
        // The marker is 5 pt ≈ 21 px wide: 20 px away it must be gone.
        #expect(!isRed(image.rgb(px + 20, py)) && !isRed(image.rgb(px, py - 20)))
    }

    @Test func linearAxes() throws {
        try check(x: 0.3, y: -1.5, xAxis: Axis("x", limits: 0...1), yAxis: Axis("y", limits: -2...4))
        try check(x: 0.85, y: 3.2, xAxis: Axis("x", limits: 0...1), yAxis: Axis("y", limits: -2...4))
    }

    @Test func logAxes() throws {
        try check(x: 1e-1, y: 20, xAxis: Axis("x", scale: .log, limits: 1e-3...1e1),
                  yAxis: Axis("y", scale: .log, limits: 1...1e4))
        try check(x: 3e-3, y: 5e3, xAxis: Axis("x", scale: .log, limits: 1e-3...1e1),
                  yAxis: Axis("y", scale: .log, limits: 1...1e4))
    }
}

/// Particle discs: colour from viridis by value, and periodic images across the box edge.
@Suite struct DiscMapTests {
    @Test func discColourAndPeriodicImage() throws {
        let L = 10.0
        // A disc at the top of the range near the left edge (its image shows at the right edge),
        // and one at the bottom of the range in the middle.
        let discs = Discs(x: [0.2, 5], y: [5, 5], diameter: [1.2, 1.2], values: [1, 0], range: 0...1, box: L)
        let figure = Figure(width: 3, height: 3, panels: [
            Panel(x: Axis(limits: 0...L), y: Axis(limits: 0...L), marks: [.discs(discs)], legend: .none, equalAspect: true),
        ])
        let f = figure.layout()[0]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("discs-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try figure.renderPNG(to: url)
        let image = try PNGImage(url: url)
        let s = Figure.dpi / 72
        func pixel(_ x: Double, _ y: Double) -> (r: Int, g: Int, b: Int) {
            image.rgb(Int((f.plot.x + x / L * f.plot.width) * s), Int((f.plot.maxY - y / L * f.plot.height) * s))
        }
        func near(_ c: (r: Int, g: Int, b: Int), _ hex: UInt32) -> Bool {
            abs(c.r - Int(hex >> 16 & 0xFF)) < 12 && abs(c.g - Int(hex >> 8 & 0xFF)) < 12 && abs(c.b - Int(hex & 0xFF)) < 12
        }
        #expect(near(pixel(0.2, 5), 0xFDE725), "top of viridis: \(pixel(0.2, 5))")
        #expect(near(pixel(5, 5), 0x440154), "bottom of viridis: \(pixel(5, 5))")
        #expect(near(pixel(L - 0.2, 5), 0xFDE725), "periodic image at the right edge: \(pixel(L - 0.2, 5))")
        #expect(near(pixel(3, 5), 0xFFFFFF), "background between discs")
    }
}
