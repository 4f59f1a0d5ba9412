import Foundation
import Testing
@testable import Plotting

/// The PDF is vector text: axis labels are extractable and every font is embedded.
@Suite struct PDFOutputTests {
    func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func writeSample() throws -> URL {
        let panel = Panel(x: Axis("waiting time (MC sweeps)", scale: .log),
                          y: Axis("Δ(<i>X</i> → <i>p</i>)", limits: -1...1),
                          marks: [.series(Series(x: [1, 10, 1000], y: [-0.5, 0.2, 0.8], line: LineStyle(),
                                                 label: "propensity curve"))])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).pdf")
        try Figure(width: Figure.singleColumn, height: 2.5, panels: [panel]).renderPDF(to: url)
        return url
    }

    @Test func axisLabelsAreText() throws {
        let url = try writeSample()
        defer { try? FileManager.default.removeItem(at: url) }
        let text = try run("pdftotext", [url.path, "-"])
        #expect(text.contains("waiting time (MC sweeps)"))
        #expect(text.contains("propensity curve"))
        #expect(text.contains("\u{2212}0.5"), "true minus in tick labels")
        #expect(text.contains("→"))
    }

    @Test func everyFontIsEmbedded() throws {
        let url = try writeSample()
        defer { try? FileManager.default.removeItem(at: url) }
        let lines = try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
        #expect(!lines.isEmpty, "no fonts listed")
        for line in lines {
            // Columns: name type encoding emb sub uni object ID; emb is the 4th from the end.
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols.count >= 7)
            #expect(cols[cols.count - 5] == "yes", "font not embedded: \(line)")
            // Minus signs and arrows must come from Noto Sans Math, not a DejaVu fallback.
            #expect(cols[0].contains("Noto"), "fallback font: \(line)")
        }
    }
}

@Suite struct PDFReproducibilityTests {
    @Test func theSameFigureGivesTheSamePDFBytes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-repro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let figure = PaperFigures.imbalanceSchematic()
        let a = dir.appendingPathComponent("a.pdf"), b = dir.appendingPathComponent("b.pdf")
        try figure.renderPDF(to: a)
        Thread.sleep(forTimeInterval: 1.1) // a timestamp would now differ
        try figure.renderPDF(to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    }
}
