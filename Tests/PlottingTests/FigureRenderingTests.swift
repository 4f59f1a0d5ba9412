import Foundation
import Testing
import PlottingFixtures
@testable import Plotting

/// Every paper figure renders from small synthetic inputs to PNG and PDF at the expected size.
@Suite struct FigureRenderingTests {
    /// Set PLOT_OUT to keep the files for inspection.
    static func outputDirectory() throws -> URL {
        let dir = ProcessInfo.processInfo.environment["PLOT_OUT"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("plotting-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func everyFigureRendersWithExpectedPixelSize() throws {
        let dir = try Self.outputDirectory()
        let figures = SyntheticFigures.all(particles: 400)
        #expect(figures.count == 12)
        try Figure.writeAll(figures, to: dir)
        for (name, figure) in figures {
            let png = dir.appendingPathComponent(name + ".png"), pdf = dir.appendingPathComponent(name + ".pdf")
            let image = try PNGImage(url: png)
            #expect(image.width == Int((figure.width * 300).rounded()), "\(name) width")
            #expect(image.height == Int((figure.height * 300).rounded()), "\(name) height")
            let pdfSize = try FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int ?? 0
            #expect(pdfSize > 1000, "\(name) PDF is \(pdfSize) bytes")
            // No temporary files left beside the outputs.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
        }
    }
}
